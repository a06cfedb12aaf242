"""Faults and state imports are checked whole before they change anything."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cases_mock import mock_connectcases
from tests.server.conftest import an_account_client, http_json

BAD_FAULTS = [
    ({"operation": "ListDomains", "times": "x"}, "'times'"),
    ({"operation": "ListDomains", "times": 0}, "'times'"),
    ({"operation": "ListDomains", "times": -2}, "'times'"),
    ({"operation": "ListDomains", "times": True}, "'times'"),
    ({"operation": "ListDomains", "latency": -1}, "'latency'"),
    ({"operation": "ListDomains", "latency": "NaN"}, "'latency'"),
    ({"operation": "ListDomains", "latency": 1e9}, "'latency'"),
    ({"operation": "ListDomains", "probability": 1.5}, "'probability'"),
    ({"operation": "ListDomains", "error": "NoSuchError"}, "'error'"),
    ({"operation": "NoSuchOperation"}, "'operation'"),
    ({"operation": 5}, "'operation'"),
    ({"operation": "ListDomains", "message": 5}, "'message'"),
    ({"operation": "ListDomains", "tims": 2}, "'tims'"),
    ({"error": "ThrottlingException"}, "'operation'"),
]


@pytest.mark.parametrize(("fault", "member"), BAD_FAULTS)
def test_a_bad_fault_is_a_400_naming_the_member_and_is_not_added(
    server_url: str, fault: dict[str, Any], member: str
) -> None:
    body = json.dumps(fault).replace('"NaN"', "NaN").encode()

    status, answer = http_json(server_url, "POST", "/_cases_mock/faults", body)

    assert status == 400
    assert member in answer["message"]
    assert "domains" in an_account_client(server_url).list_domains()  # no fault fires


@pytest.mark.parametrize(("fault", "member"), BAD_FAULTS[:-2])
def test_inject_fault_raises_value_error_naming_the_member(fault: dict[str, Any], member: str) -> None:
    options = {k: (float("nan") if v == "NaN" else v) for k, v in fault.items() if k != "operation"}
    with mock_connectcases() as mock:
        with pytest.raises(ValueError, match=member):
            mock.inject_fault(fault["operation"], **options)
        assert mock.engine.faults.rules == []


def _a_case(client: Any) -> tuple[str, str]:
    domain_id = client.create_domain(name="imported")["domainId"]
    template_id = client.create_template(domainId=domain_id, name="T")["templateId"]
    case_id = client.create_case(
        domainId=domain_id, templateId=template_id, fields=[{"id": "title", "value": {"stringValue": "kept"}}]
    )["caseId"]
    return domain_id, case_id


def _breakages() -> list[tuple[str, Any]]:
    def case_of(state: dict[str, Any]) -> dict[str, Any]:
        domains = state["backends"][0]["domains"]
        data = next(iter(domains.values()))["data"]
        found: dict[str, Any] = next(iter(data["cases"].values()))
        return found

    def title_is_an_object(state: dict[str, Any]) -> None:
        case_of(state)["values"]["title"] = {"x": 1}

    def status_is_a_number(state: dict[str, Any]) -> None:
        case_of(state)["values"]["status"] = 3.0

    def template_is_missing(state: dict[str, Any]) -> None:
        case_of(state)["template_id"] = "ghost-template"

    def seq_is_text(state: dict[str, Any]) -> None:
        state["backends"][0]["seq"] = "many"

    def audit_time_is_text(state: dict[str, Any]) -> None:
        case_of(state)["audit"][0]["performed_time"] = "yesterday"

    def unknown_field_value(state: dict[str, Any]) -> None:
        case_of(state)["values"]["no_such_field"] = "x"

    return [
        ("values['title']", title_is_an_object),
        ("values['status']", status_is_a_number),
        ("template_id", template_is_missing),
        ("seq", seq_is_text),
        ("performed_time", audit_time_is_text),
        ("no_such_field", unknown_field_value),
    ]


@pytest.mark.parametrize(("where", "breaks"), _breakages(), ids=[name for name, _ in _breakages()])
def test_a_broken_state_import_is_a_400_and_the_state_is_kept(where: str, breaks: Any) -> None:
    from cases_mock._server import CasesServer

    with CasesServer(quiet=True) as server:
        client = server.client()
        domain_id, case_id = _a_case(client)
        exported = http_json(server.url, "GET", "/_cases_mock/state")[1]
        breaks(exported)

        status, answer = http_json(server.url, "POST", "/_cases_mock/state", json.dumps(exported).encode())

        assert status == 400
        assert where in answer["message"]
        got = client.get_case(domainId=domain_id, caseId=case_id, fields=[{"id": "title"}])
        assert got["fields"] == [{"id": "title", "value": {"stringValue": "kept"}}]
