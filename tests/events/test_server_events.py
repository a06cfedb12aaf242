"""The server: ``/_cases_mock/events`` and ``serve --eventbridge-endpoint URL`` forwarding each
event with PutEvents to a moto server, whose SQS target then holds it."""

from __future__ import annotations

import json
import socket
import urllib.request
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from tests.events.test_moto_eventbridge import received, some_case_activity
from tests.server.conftest import Served, a_server_client

MOTO_KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def control(url: str, method: str = "GET", query: str = "") -> dict[str, Any]:
    request = urllib.request.Request(f"{url}/_cases_mock/events{query}", method=method)
    with urllib.request.urlopen(request, timeout=10) as answer:
        return dict(json.loads(answer.read()))


@pytest.fixture
def moto_server() -> Iterator[str]:
    moto_server_module = pytest.importorskip("moto.server")
    server = moto_server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.mark.needs_model("DeleteCase")
def test_the_server_lists_filters_and_clears_its_events() -> None:
    with Served() as served:
        some_case_activity(a_server_client(served.url))

        listed = control(served.url)
        assert [e["detail"]["eventType"] for e in listed["events"]] == [
            "CASE.CREATED",
            "CASE.UPDATED",
            "RELATED_ITEM.CREATED",
            "CASE.DELETED",
        ]
        assert listed["forwarding"] is None
        assert listed["failures"] == 0
        case_id = listed["events"][0]["detail"]["case"]["caseId"]
        assert len(control(served.url, query="?type=CASE.UPDATED")["events"]) == 1
        assert len(control(served.url, query=f"?caseId={case_id}")["events"]) == 4
        assert control(served.url, query="?caseId=another")["events"] == []

        assert control(served.url, "DELETE") == {"cleared": True}
        assert control(served.url)["events"] == []


@pytest.mark.needs_model("DeleteCase")
def test_events_are_forwarded_with_put_events_to_a_moto_server(moto_server: str) -> None:
    sqs = boto3.client("sqs", region_name="us-east-1", endpoint_url=moto_server, **MOTO_KEYS)
    rules = boto3.client("events", region_name="us-east-1", endpoint_url=moto_server, **MOTO_KEYS)
    queue_url = sqs.create_queue(QueueName="forwarded")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]
    rules.put_rule(Name="cases", EventPattern=json.dumps({"source": ["aws.cases"]}))
    rules.put_targets(Rule="cases", Targets=[{"Id": "queue", "Arn": queue_arn["QueueArn"]}])

    with Served("--eventbridge-endpoint", moto_server) as served:
        some_case_activity(a_server_client(served.url))
        listed = control(served.url)

    bodies = received(sqs, queue_url)
    assert [b["detail"] for b in bodies] == [e["detail"] for e in listed["events"]]
    assert [b["resources"] for b in bodies] == [e["resources"] for e in listed["events"]]
    assert {b["detail-type"] for b in bodies} == {"Amazon Connect Cases Change"}
    assert listed["forwarding"] == {"endpoint": moto_server, "forwarded": 4, "failed": 0}


@pytest.mark.needs_model("DeleteCase")
def test_a_failing_forward_is_counted_and_never_fails_the_call() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{unused.getsockname()[1]}"  # nothing listens there
    with Served("--eventbridge-endpoint", closed) as served:
        some_case_activity(a_server_client(served.url))  # every call answers normally

        listed = control(served.url)
        assert len(listed["events"]) == 4
        assert listed["forwarding"] == {"endpoint": closed, "forwarded": 0, "failed": 4}
