"""The before-call path takes botocore's own parameters instead of parsing the request it wrote:
every operation's handler receives (and ``mock.calls`` records) exactly what the parser reads
from that request; idempotency tokens botocore fills in are there; with botocore's parameter
validation off, what it lets through is validated as on the full path."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from cases_mock import mock_connectcases
from cases_mock._engine import dispatch
from cases_mock._interception.fast_path import wire_request_of
from cases_mock._protocol.parse import parse
from cases_mock._protocol.router import resolve
from cases_mock._services.connectcases.releases import OPERATIONS
from tests.api.test_fast_path import Recorder, every_operation
from tests.builders import a_domain


def parsing_the_wire(client: Any) -> list[dict[str, Any]]:
    """What the parser reads from each request the client makes, before the mock answers it."""
    read: list[dict[str, Any]] = []

    def capture(model: Any, params: dict[str, Any], request_signer: Any, **_: Any) -> None:
        wire = wire_request_of(params, request_signer)
        op, labels = resolve(model.service_model.service_name, "", wire.method, wire.path)
        read.append(parse(op, wire, labels))

    client.meta.events.register_first("before-call.connectcases", capture)
    return read


@pytest.mark.needs_model(*OPERATIONS)
def test_every_operation_records_what_the_parser_reads_from_botocore_s_request() -> None:
    with mock_connectcases() as mock:
        client = boto3.client("connectcases", region_name="us-east-1")
        read = parsing_the_wire(client)
        every_operation(Recorder(client))
        assert [call.params for call in mock.calls] == read
        assert all(call.method and call.path.startswith("/") for call in mock.calls)


def test_the_idempotency_token_botocore_fills_in_reaches_the_handler() -> None:
    with mock_connectcases() as mock:
        client = boto3.client("connectcases", region_name="us-east-1")
        domain = a_domain(client)
        template = client.create_template(domainId=domain, name="T", status="Active")["templateId"]
        read = parsing_the_wire(client)
        fields = [{"id": "title", "value": {"stringValue": "t"}}]
        client.create_case(domainId=domain, templateId=template, fields=fields)
        token = mock.calls_of("CreateCase")[-1].params["clientToken"]
        assert token == read[-1]["clientToken"]
        assert len(token) == 36


@pytest.mark.parametrize("full_path", [False, True], ids=["before-call", "full"])
def test_with_botocore_s_validation_off_the_mock_validates_what_it_lets_through(full_path: bool) -> None:
    with mock_connectcases(full_path=full_path) as mock:
        client = boto3.client(
            "connectcases", region_name="us-east-1", config=Config(parameter_validation=False)
        )
        domain = a_domain(client)
        with pytest.raises(ClientError) as excinfo:
            client.search_cases(domainId=domain, maxResults="5")
        error = excinfo.value.response["Error"]
        assert error["Code"] == "ValidationException"
        assert "maxResults" in error["Message"]
        assert mock.calls_of("SearchCases")[-1].params == {"domainId": domain, "maxResults": "5"}
        assert client.list_fields(domainId=domain, maxResults="2")["fields"]  # "2" in the query: 2
        assert mock.calls_of("ListFields")[-1].params["maxResults"] == 2


def test_a_before_call_call_is_never_parsed_back_from_its_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: Any) -> Any:
        raise AssertionError("the request was parsed back")

    monkeypatch.delenv("CASES_MOCK_FULL_PATH", raising=False)
    monkeypatch.setattr(dispatch, "parse", refuse)
    with mock_connectcases() as mock:
        client = boto3.client("connectcases", region_name="us-east-1")
        domain = a_domain(client)
        client.list_fields(domainId=domain, maxResults=2)
        client.search_cases(domainId=domain, fields=[{"id": "title"}], maxResults=5)
        assert [call.status for call in mock.calls] == [200, 200, 200]
