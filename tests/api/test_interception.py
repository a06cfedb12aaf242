"""What is answered, what passes through, and coexistence with moto and responses."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import textwrap
from typing import Any

import boto3
import pytest
import requests
import responses
from botocore.exceptions import EndpointConnectionError

from cases_mock import mock_connectcases
from tests.builders import NO_RETRIES, a_client, a_domain


@pytest.mark.network_attempt_expected
def test_other_aws_services_pass_through_to_the_network() -> None:
    with mock_connectcases(), pytest.raises(EndpointConnectionError) as excinfo:
        boto3.client("s3", region_name="us-east-1", config=NO_RETRIES).list_buckets()
    assert "s3" in str(excinfo.value)


def test_no_socket_is_opened_while_the_mock_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[Any] = []
    monkeypatch.setattr(socket.socket, "connect", lambda sock, address: attempts.append(address))
    with mock_connectcases():
        client = a_client()
        domain_id = a_domain(client)
        client.get_domain(domainId=domain_id)
        requests.post("https://cases.us-east-1.amazonaws.com/domains-list", timeout=5)
    assert attempts == []


@pytest.mark.parametrize("cases_first", [True, False], ids=["cases-then-moto", "moto-then-cases"])
def test_works_side_by_side_with_moto_mock_aws(cases_first: bool) -> None:
    moto = pytest.importorskip("moto")
    mocks = [mock_connectcases(), moto.mock_aws()]
    if not cases_first:
        mocks.reverse()
    for mock in mocks:
        mock.start()
    try:
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="moto-bucket")
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["moto-bucket"]
        client = boto3.client("connectcases", region_name="us-east-1")
        domain_id = a_domain(client, "beside-moto")
        assert client.get_domain(domainId=domain_id)["name"] == "beside-moto"
    finally:
        for mock in reversed(mocks):
            mock.stop()


def test_requests_library_calls_are_answered_by_the_same_dispatcher() -> None:
    with mock_connectcases():
        created = requests.post(
            "https://cases.eu-central-1.amazonaws.com/domains", json={"name": "via-requests"}, timeout=5
        )
        assert created.status_code == 200
        domain_id = created.json()["domainId"]
        fetched = a_client("eu-central-1").get_domain(domainId=domain_id)
        assert fetched["name"] == "via-requests"
        missing = requests.post("https://cases.eu-central-1.amazonaws.com/domains/nope", timeout=5)
        assert missing.status_code == 404
        assert missing.headers["x-amzn-ErrorType"] == "ResourceNotFoundException"
        assert missing.json() == {
            "message": "Domain 'nope' does not exist",
            "resourceId": "nope",
            "resourceType": "Domain",
        }


def test_requests_to_other_hosts_chain_to_a_users_own_responses_mock() -> None:
    with responses.RequestsMock() as users_mock:
        users_mock.add(responses.GET, "https://example.com/ping", json={"pong": True})
        with mock_connectcases():
            assert requests.get("https://example.com/ping", timeout=5).json() == {"pong": True}
            listed = requests.post("https://cases.us-east-1.amazonaws.com/domains-list", timeout=5)
            assert listed.json() == {"domains": []}


@pytest.mark.network_attempt_expected
def test_requests_to_other_hosts_still_go_to_the_network() -> None:
    with mock_connectcases(), pytest.raises(requests.ConnectionError):
        requests.get("https://example.com/", timeout=5)


def test_a_client_made_before_cases_mock_was_imported_is_answered(tmp_path: Any) -> None:
    script = textwrap.dedent(
        """
        import json, boto3
        client = boto3.client("connectcases", region_name="us-east-1")
        from cases_mock import mock_connectcases
        with mock_connectcases():
            created = client.create_domain(name="straggler")
            print(json.dumps(client.get_domain(domainId=created["domainId"])["name"]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == "straggler"


def test_stopping_restores_botocore_exactly() -> None:
    import botocore.endpoint

    send_before = botocore.endpoint.Endpoint._send
    with mock_connectcases():
        assert botocore.endpoint.Endpoint._send is not send_before
    assert botocore.endpoint.Endpoint._send is send_before


def test_each_request_is_answered_once_in_every_activation(monkeypatch: pytest.MonkeyPatch) -> None:
    from cases_mock._engine.dispatch import Dispatcher

    answered: list[str] = []
    answer = Dispatcher.answer  # what every way in reaches (dispatch is answer with the serialiser)

    def counting(self: Dispatcher, request: Any, render: Any, *given: Any, **options: Any) -> Any:
        answered.append(request.path)
        return answer(self, request, render, *given, **options)

    monkeypatch.setattr(Dispatcher, "answer", counting)
    for name in ("first", "second", "third"):
        with mock_connectcases():
            boto3.client("connectcases", region_name="us-east-1").create_domain(name=name)

    assert answered == ["/domains"] * 3
