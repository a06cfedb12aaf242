"""The before-call path builds a success's parsed response from the handler's output: botocore's
response parser never runs for it, while the events botocore emits after a response arrives
still carry what the full path gives them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError
from botocore.parsers import ResponseParser

from cases_mock import mock_connectcases
from cases_mock._protocol.parsed import holds_for_installed_botocore
from tests.builders import a_client, a_domain

AFTER_RESPONSE = ("before-parse", "response-received", "needs-retry")


@pytest.mark.skipif(
    not holds_for_installed_botocore(),
    reason="older botocore releases keep their own parser (parsed.PARITY_SINCE)",
)
def test_a_before_call_success_never_runs_botocores_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CASES_MOCK_FULL_PATH", raising=False)
    parsed: list[str] = []
    parse = ResponseParser.parse

    def refusing(self: ResponseParser, response: dict[str, Any], shape: Any) -> Any:
        parsed.append(str(response["status_code"]))
        if response["status_code"] < 300:
            raise AssertionError("botocore's parser ran for a success on the before-call path")
        return parse(self, response, shape)

    monkeypatch.setattr(ResponseParser, "parse", refusing)
    with mock_connectcases():
        client = a_client()
        domain = a_domain(client)
        assert client.get_domain(domainId=domain)["domainId"] == domain
        fields = client.list_fields(domainId=domain)["fields"]
        template = client.create_template(domainId=domain, name="t", status="Active")["templateId"]
        title = next(field["fieldId"] for field in fields if field["name"] == "Title")
        case = client.create_case(
            domainId=domain, templateId=template, fields=[{"id": title, "value": {"stringValue": "x"}}]
        )["caseId"]
        got = client.get_case(domainId=domain, caseId=case, fields=[{"id": title}])
        assert got["fields"] == [{"id": title, "value": {"stringValue": "x"}}]
        assert parsed == []
        with pytest.raises(ClientError):  # an error still takes botocore's send path and parser
            client.get_case(domainId=domain, caseId="missing", fields=[{"id": title}])
        assert parsed
        assert set(parsed) == {"404"}


def _seen_by_handlers(full_path: bool) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    def response_of(response_dict: dict[str, Any]) -> Any:
        headers = {name.lower(): value for name, value in response_dict["headers"].items()}
        headers.pop("x-amzn-requestid")
        headers.pop("content-length", None)  # the full path's AWSResponse is made the same way
        body = sorted(json.loads(response_dict["body"]))  # ids and times differ between the runs
        return sorted(response_dict), response_dict["status_code"], headers, body

    def before_parse(response_dict: dict[str, Any], **_: Any) -> None:
        seen.append(("before-parse", response_of(response_dict)))

    def received(response_dict: dict[str, Any], parsed_response: dict[str, Any], **_: Any) -> None:
        metadata = sorted(parsed_response["ResponseMetadata"])
        seen.append(("response-received", (response_of(response_dict), metadata, sorted(parsed_response))))

    def needs_retry(response: tuple[Any, dict[str, Any]], attempts: int, **_: Any) -> None:
        http, parsed = response
        body = sorted(json.loads(http.content))
        seen.append(("needs-retry", (http.status_code, body, attempts, sorted(parsed))))

    with mock_connectcases(full_path=full_path):
        client = a_client()
        domain = a_domain(client)
        events = client.meta.events
        events.register("before-parse.connectcases.GetDomain", before_parse)
        events.register("response-received.connectcases.GetDomain", received)
        events.register("needs-retry.connectcases.GetDomain", needs_retry)
        answer = client.get_domain(domainId=domain)
    assert answer["ResponseMetadata"]["RetryAttempts"] == 0
    return seen


def test_the_events_after_a_response_see_the_same_on_both_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CASES_MOCK_FULL_PATH", raising=False)
    fast, full = _seen_by_handlers(False), _seen_by_handlers(True)
    assert [event for event, _ in fast] == list(AFTER_RESPONSE)
    assert fast == full


@pytest.mark.skipif(
    not holds_for_installed_botocore(),
    reason="older botocore releases keep their own parser, which reads the bytes (parsed.PARITY_SINCE)",
)
def test_a_before_call_success_writes_its_bytes_only_for_a_handler_that_reads_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cases_mock._protocol import serialize

    monkeypatch.delenv("CASES_MOCK_FULL_PATH", raising=False)
    written: list[bytes] = []
    dumps = serialize._dumps

    def counting(body: dict[str, Any]) -> bytes:
        written.append(dumps(body))
        return written[-1]

    monkeypatch.setattr(serialize, "_dumps", counting)
    with mock_connectcases():
        client = a_client()
        domain = a_domain(client)
        client.get_domain(domainId=domain)
        assert written == []  # nobody read them: never written
        read: list[bytes] = []
        client.meta.events.register(
            "after-call.connectcases", lambda http_response, **_: read.append(http_response.content)
        )
        answer = client.get_domain(domainId=domain)
        assert read == written
        assert json.loads(read[0])["domainId"] == answer["domainId"]
