"""With moto's ``mock_aws`` active (either nesting order), events reach moto's default bus:
a rule on ``{"source": ["aws.cases"]}`` with an SQS target receives every one of them."""

from __future__ import annotations

import json
from contextlib import ExitStack
from typing import Any

import boto3
import pytest

from cases_mock import mock_connectcases
from tests.builders import a_client, a_domain

moto = pytest.importorskip("moto")


def a_queue_behind_a_rule(
    region: str = "us-east-1", pattern: dict[str, Any] | None = None
) -> tuple[Any, str]:
    sqs = boto3.client("sqs", region_name=region)
    events = boto3.client("events", region_name=region)
    queue_url = sqs.create_queue(QueueName="case-events")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    events.put_rule(Name="case-events", EventPattern=json.dumps(pattern or {"source": ["aws.cases"]}))
    events.put_targets(Rule="case-events", Targets=[{"Id": "queue", "Arn": queue_arn}])
    return sqs, queue_url


def received(sqs: Any, queue_url: str) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = []
    while True:
        batch = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", [])
        if not batch:
            return messages
        messages += [json.loads(m["Body"]) for m in batch]
        sqs.delete_message_batch(
            QueueUrl=queue_url,
            Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(batch)],
        )


def some_case_activity(client: Any) -> None:
    domain_id = a_domain(client, "with-moto")
    client.put_case_event_configuration(
        domainId=domain_id,
        eventBridge={
            "enabled": True,
            "includedData": {
                "caseData": {"fields": [{"id": "status"}]},
                "relatedItemData": {"includeContent": True},
            },
        },
    )
    template_id = client.create_template(domainId=domain_id, name="t")["templateId"]
    case_id = client.create_case(
        domainId=domain_id, templateId=template_id, fields=[{"id": "title", "value": {"stringValue": "t"}}]
    )["caseId"]
    client.update_case(
        domainId=domain_id, caseId=case_id, fields=[{"id": "status", "value": {"stringValue": "closed"}}]
    )
    client.create_related_item(
        domainId=domain_id,
        caseId=case_id,
        type="Comment",
        content={"comment": {"body": "hello", "contentType": "Text/Plain"}},
    )
    client.delete_case(domainId=domain_id, caseId=case_id)


@pytest.mark.needs_model("DeleteCase")
@pytest.mark.parametrize("cases_first", [True, False], ids=["cases-then-moto", "moto-then-cases"])
def test_a_rule_with_an_sqs_target_receives_every_event(cases_first: bool) -> None:
    mocks = [mock_connectcases(), moto.mock_aws()]
    with ExitStack() as stack:
        for started in mocks if cases_first else mocks[::-1]:
            stack.enter_context(started)
        cases = mocks[0]
        sqs, queue_url = a_queue_behind_a_rule()

        some_case_activity(a_client())

        bodies = received(sqs, queue_url)
        published = cases.events
        assert [b["detail"]["eventType"] for b in bodies] == [
            "CASE.CREATED",
            "CASE.UPDATED",
            "RELATED_ITEM.CREATED",
            "CASE.DELETED",
        ]
        assert [b["detail"] for b in bodies] == [e["detail"] for e in published]
        for body, event in zip(bodies, published, strict=True):
            assert body["source"] == "aws.cases"
            assert body["detail-type"] == "Amazon Connect Cases Change"
            assert body["resources"] == event["resources"]
            assert body["time"] == event["time"]


@pytest.mark.needs_model("DeleteCase")
def test_a_rule_on_one_event_type_receives_only_those() -> None:
    with moto.mock_aws(), mock_connectcases():
        sqs, queue_url = a_queue_behind_a_rule(
            pattern={"source": ["aws.cases"], "detail": {"eventType": ["RELATED_ITEM.CREATED"]}}
        )

        some_case_activity(a_client())

        (body,) = received(sqs, queue_url)
        assert body["detail"]["relatedItem"]["comment"]["body"] == "hello"


@pytest.mark.needs_model("DeleteCase")
def test_events_of_another_region_go_to_that_regions_bus() -> None:
    with moto.mock_aws(), mock_connectcases() as cases:
        east, east_url = a_queue_behind_a_rule("us-east-1")
        west, west_url = a_queue_behind_a_rule("us-west-2")

        some_case_activity(a_client("us-west-2"))

        assert received(east, east_url) == []
        assert len(received(west, west_url)) == len(cases.events) == 4
        assert {e["region"] for e in cases.events} == {"us-west-2"}


@pytest.mark.needs_model("DeleteCase")
def test_moto_delivers_the_envelope_without_an_account_and_mock_events_carries_it() -> None:
    """docs/events.md: moto's default input template leaves ``account`` out of what a rule
    delivers (for any PutEvents caller, not only the mock); ``mock.events`` keeps it."""
    with moto.mock_aws(), mock_connectcases() as cases:
        sqs, queue_url = a_queue_behind_a_rule()
        boto3.client("events", region_name="us-east-1").put_events(
            Entries=[{"Source": "aws.cases", "DetailType": "plain", "Detail": "{}"}]
        )
        (plain,) = received(sqs, queue_url)

        some_case_activity(a_client())

        delivered = received(sqs, queue_url)
        assert "account" not in plain
        assert len(delivered) == len(cases.events) == 4
        assert all("account" not in body for body in delivered)
        assert {event["account"] for event in cases.events} == {"123456789012"}
        with pytest.raises(KeyError):
            delivered[0]["account"]
