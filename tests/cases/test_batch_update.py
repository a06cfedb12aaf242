"""BatchUpdateCase: identifiers, fields by id or name, top-level members, partial success."""

from __future__ import annotations

from typing import Any

import pytest

from cases_mock import CasesMock
from tests.cases.conftest import stored_cases
from tests.config.helpers import code_of
from tests.rules.domain import RuleDomain

pytestmark = pytest.mark.needs_model("BatchUpdateCase")

PROFILE = "arn:aws:profile:us-east-1:123456789012:domains/d/profiles/p"


def _batch(domain: RuleDomain, *case_ids: str, **params: Any) -> dict[str, Any]:
    params.setdefault("fields", [])
    return dict(
        domain.client.batch_update_case(
            domainId=domain.domain_id, cases=[{"caseIdentifier": {"caseId": c}} for c in case_ids], **params
        )
    )


def test_fields_by_id_and_name_and_the_top_level_members(domain: RuleDomain) -> None:
    template_id = domain.template()
    first, second = domain.create_case(template_id), domain.create_case(template_id)

    answer = _batch(
        domain,
        first,
        second,
        fields=[
            {"fieldIdentifier": {"name": "note"}, "value": {"stringValue": "bulk"}},
            {"fieldIdentifier": {"id": domain.ids["priority"]}, "value": {"doubleValue": 5}},
        ],
        title="Renamed",
        status="closed",
        customerId=PROFILE,
    )

    assert [s["caseIdentifier"]["caseId"] for s in answer["successfulCases"]] == [first, second]
    assert all("referenceId" in s["caseIdentifier"] for s in answer["successfulCases"])
    assert answer["failedCases"] == []
    for case_id in (first, second):
        values = domain.case_values(case_id, "note", "priority", "title", "status", "customer_id")
        assert values == {
            "note": "bulk",
            "priority": 5.0,
            "title": "Renamed",
            "status": "closed",
            "customer_id": PROFILE,
        }
        events = domain.client.get_case_audit_events(domainId=domain.domain_id, caseId=case_id)["auditEvents"]
        assert [e["type"] for e in events] == ["Case.Updated", "Case.Created"]


def test_reference_ids_identify_cases(domain: RuleDomain) -> None:
    case_id = domain.create_case(domain.template(), reference_number="REF-7")

    answer = domain.client.batch_update_case(
        domainId=domain.domain_id, cases=[{"caseIdentifier": {"referenceId": "ref-7"}}], fields=[], title="t2"
    )

    assert answer["successfulCases"] == [{"caseIdentifier": {"caseId": case_id, "referenceId": "REF-7"}}]
    code, _ = code_of(
        lambda: domain.client.batch_update_case(
            domainId=domain.domain_id,
            cases=[{"caseIdentifier": {"referenceId": "nope"}}],
            fields=[],
            title="t",
        )
    )
    assert code == "ResourceNotFoundException"


def test_per_case_failures_leave_those_cases_unchanged(mock: CasesMock, domain: RuleDomain) -> None:
    template_id = domain.template(required=("priority",))
    ok = domain.create_case(template_id, priority=1)
    other = domain.create_case(domain.template(), note="x")
    before = stored_cases(mock, domain)[other]

    answer = _batch(
        domain,
        ok,
        "ghost",
        other,
        fields=[{"fieldIdentifier": {"name": "reason"}, "value": {"stringValue": "why"}}],
    )
    failing = _batch(
        domain,
        ok,
        other,
        fields=[{"fieldIdentifier": {"name": "priority"}, "value": {"emptyValue": {}}}],
    )

    assert [s["caseIdentifier"]["caseId"] for s in answer["successfulCases"]] == [ok, other]
    assert answer["failedCases"][0]["caseIdentifier"] == {"caseId": "ghost"}
    assert answer["failedCases"][0]["errorCode"] == "CASE_NOT_FOUND"
    assert [f["errorCode"] for f in failing["failedCases"]] == ["VALIDATION_ERROR"]
    assert failing["failedCases"][0]["caseIdentifier"] == {"caseId": ok}
    assert domain.case_values(ok, "priority") == {"priority": 1.0}
    assert stored_cases(mock, domain)[other] == {
        **before,
        domain.ids["reason"]: "why",
        "last_updated_datetime": (stored_cases(mock, domain)[other]["last_updated_datetime"]),
    }


def test_whole_request_failures_update_nothing(mock: CasesMock, domain: RuleDomain) -> None:
    case_id = domain.create_case(domain.template())
    stored = stored_cases(mock, domain)
    attempts: list[tuple[dict[str, Any], str]] = [
        ({}, "at least one"),
        ({"fields": [{"fieldIdentifier": {"name": "nope"}, "value": {"stringValue": "x"}}]}, "fields[0]"),
        ({"fields": [{"fieldIdentifier": {"name": "a|b"}, "value": {"stringValue": "x"}}]}, "'|'"),
        ({"fields": [{"fieldIdentifier": {"id": "title"}, "value": {"stringValue": "x"}}]}, "top-level"),
    ]
    for params, why in attempts:
        code, message = code_of(lambda p=params: _batch(domain, case_id, **p))
        assert (code, why in message) == ("ValidationException", True), message
    code, _ = code_of(lambda: _batch(domain, case_id, case_id, title="t"))
    assert code == "ValidationException"
    code, _ = code_of(
        lambda: domain.client.batch_update_case(
            domainId="ghost", cases=[{"caseIdentifier": {"caseId": case_id}}], fields=[], title="t"
        )
    )
    assert code == "ResourceNotFoundException"
    assert stored_cases(mock, domain) == stored


def test_client_token_replay_and_conflict(domain: RuleDomain) -> None:
    case_id = domain.create_case(domain.template())

    first = _batch(domain, case_id, title="one", clientToken="batch-1")
    again = _batch(domain, case_id, title="one", clientToken="batch-1")
    code, _ = code_of(lambda: _batch(domain, case_id, title="two", clientToken="batch-1"))

    assert again["successfulCases"] == first["successfulCases"]
    assert code == "ConflictException"
    events = domain.client.get_case_audit_events(domainId=domain.domain_id, caseId=case_id)["auditEvents"]
    assert len(events) == 2
