"""UpdateCase, DeleteCase and the audit history (the 2024-01 release: performedBy, User fields)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from cases_mock import CasesMock
from tests.cases.conftest import stored_cases
from tests.config.helpers import code_of
from tests.rules.domain import RuleDomain

ALICE = "arn:aws:connect:us-east-1:123456789012:instance/i-1/agent/alice"
BOB = "arn:aws:connect:us-east-1:123456789012:instance/i-1/agent/bob"
PRINCIPAL = "arn:aws:iam::123456789012:user/cases-mock"


def _events(domain: RuleDomain, case_id: str, **params: Any) -> list[dict[str, Any]]:
    return list(
        domain.client.get_case_audit_events(domainId=domain.domain_id, caseId=case_id, **params)[
            "auditEvents"
        ]
    )


def test_update_is_partial_and_moves_the_updated_time(mock: CasesMock, domain: RuleDomain) -> None:
    mock.clock.freeze(datetime(2026, 1, 1, tzinfo=timezone.utc))
    case_id = domain.create_case(domain.template(), note="keep", priority=1)
    before = domain.case_values(case_id, "last_updated_datetime")
    mock.clock.advance(timedelta(minutes=5))

    domain.update_case(case_id, priority=2)

    values = domain.case_values(case_id, "note", "priority", "last_updated_datetime")
    assert (values["note"], values["priority"]) == ("keep", 2.0)
    assert before["last_updated_datetime"] == "2026-01-01T00:00:00.000Z"
    assert values["last_updated_datetime"] == "2026-01-01T00:05:00.000Z"


def test_closing_and_reopening_set_their_times(domain: RuleDomain) -> None:
    case_id = domain.create_case(domain.template())

    domain.update_case(case_id, status="closed")
    closed = domain.case_values(case_id, "last_closed_datetime", "last_reopened_datetime")
    domain.update_case(case_id, status="open")
    reopened = domain.case_values(case_id, "last_closed_datetime", "last_reopened_datetime")

    assert set(closed) == {"last_closed_datetime"}
    assert reopened["last_closed_datetime"] == closed["last_closed_datetime"]
    assert "last_reopened_datetime" in reopened


def test_empty_value_clears_and_is_refused_on_required_fields(mock: CasesMock, domain: RuleDomain) -> None:
    case_id = domain.create_case(domain.template(required=("priority",)), priority=3, note="n")

    domain.update_case(case_id, note=None)
    code, message = code_of(lambda: domain.update_case(case_id, priority=None))

    assert domain.case_values(case_id, "note", "priority") == {"priority": 3.0}
    assert (code, domain.ids["priority"] in message) == ("ValidationException", True)


@pytest.mark.parametrize("retire", ["delete", "deactivate"])
def test_a_case_keeps_its_templates_required_fields_after_the_template_is_retired(
    domain: RuleDomain, retire: str
) -> None:
    """UpdateCase takes fields "identical to the CreateCase input" and a field required by the
    template cannot be emptied
    (https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_UpdateCase.html,
    https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_EmptyFieldValue.html);
    the pages do not say that retiring the template lifts that, so it does not."""
    template_id = domain.template(required=("note",))
    case_id = domain.create_case(template_id, note="keep")
    if retire == "delete":
        domain.client.delete_template(domainId=domain.domain_id, templateId=template_id)
    else:
        domain.client.update_template(domainId=domain.domain_id, templateId=template_id, status="Inactive")

    code, message = code_of(lambda: domain.update_case(case_id, note=None))
    domain.update_case(case_id, note="changed")

    assert (code, "is required by template" in message) == ("ValidationException", True)
    assert domain.case_values(case_id, "note") == {"note": "changed"}


@pytest.mark.parametrize("field_id", ["status", "reference_number"])
def test_the_status_and_reference_number_cannot_be_emptied(domain: RuleDomain, field_id: str) -> None:
    """The service fills both when a case is created; the UpdateCase page says nothing of
    emptying them (https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_UpdateCase.html),
    and a case without them could not be closed, reopened or found by its reference."""
    case_id = domain.create_case(domain.template(), reference_number="REF-7")

    code, message = code_of(
        lambda: domain.client.update_case(
            domainId=domain.domain_id, caseId=case_id, fields=[{"id": field_id, "value": {"emptyValue": {}}}]
        )
    )

    assert (code, f"({field_id})" in message, "fields[0].value" in message) == (
        "ValidationException",
        True,
        True,
    )
    assert domain.case_values(case_id, "status", "reference_number") == {
        "status": "open",
        "reference_number": "REF-7",
    }


def test_a_rejected_update_changes_nothing(mock: CasesMock, domain: RuleDomain) -> None:
    case_id = domain.create_case(domain.template(), note="n", priority=1)
    stored = stored_cases(mock, domain)

    code, _ = code_of(lambda: domain.update_case(case_id, note="changed", priority="high"))

    assert code == "ValidationException"
    assert stored_cases(mock, domain) == stored
    assert len(_events(domain, case_id)) == 1


def test_deleted_fields_can_only_be_changed_where_the_case_has_a_value(domain: RuleDomain) -> None:
    template_id = domain.template()
    with_value = domain.create_case(template_id, reason="r")
    without = domain.create_case(template_id)
    domain.client.delete_field(domainId=domain.domain_id, fieldId=domain.ids["reason"])

    domain.update_case(with_value, reason=None)
    code, _ = code_of(lambda: domain.update_case(without, reason="x"))

    assert code == "ValidationException"
    assert domain.case_values(with_value, "reason") == {}


def test_an_update_that_changes_nothing_writes_no_event(domain: RuleDomain) -> None:
    case_id = domain.create_case(domain.template(), note="same")

    domain.update_case(case_id, note="same")
    domain.client.update_case(domainId=domain.domain_id, caseId=case_id, fields=[])

    assert len(_events(domain, case_id)) == 1


@pytest.mark.needs_model("UserUnion.customEntity")
def test_the_audit_history_of_one_create_and_three_updates(domain: RuleDomain) -> None:
    template_id = domain.template()
    created = domain.client.create_case(
        domainId=domain.domain_id,
        templateId=template_id,
        fields=domain.fields(title="Printer", owner=ALICE),
        performedBy={"userArn": ALICE},
    )
    case_id = created["caseId"]
    reference = domain.case_values(case_id, "reference_number")["reference_number"]
    domain.client.update_case(
        domainId=domain.domain_id,
        caseId=case_id,
        fields=domain.fields(owner=BOB, priority=2),
        performedBy={"userArn": BOB},
    )
    domain.client.update_case(
        domainId=domain.domain_id,
        caseId=case_id,
        fields=domain.fields(priority=None, status="closed"),
        performedBy={"customEntity": "billing-bot"},
    )
    domain.client.update_case(
        domainId=domain.domain_id, caseId=case_id, fields=domain.fields(title="Printer!")
    )

    events = _events(domain, case_id)

    assert [e["type"] for e in events] == ["Case.Updated"] * 3 + ["Case.Created"]
    assert [e["performedBy"] for e in events] == [
        {"iamPrincipalArn": PRINCIPAL},
        {"iamPrincipalArn": PRINCIPAL, "user": {"customEntity": "billing-bot"}},
        {"iamPrincipalArn": PRINCIPAL, "user": {"userArn": BOB}},
        {"iamPrincipalArn": PRINCIPAL, "user": {"userArn": ALICE}},
    ]
    assert events[0]["fields"] == [
        {
            "eventFieldId": "title",
            "oldValue": {"stringValue": "Printer"},
            "newValue": {"stringValue": "Printer!"},
        }
    ]
    assert events[1]["fields"] == [
        {
            "eventFieldId": domain.ids["priority"],
            "oldValue": {"doubleValue": 2.0},
            "newValue": {"emptyValue": {}},
        },
        {
            "eventFieldId": "status",
            "oldValue": {"stringValue": "open"},
            "newValue": {"stringValue": "closed"},
        },
    ]
    assert events[2]["fields"] == [
        {
            "eventFieldId": domain.ids["owner"],
            "oldValue": {"userArnValue": ALICE},
            "newValue": {"userArnValue": BOB},
        },
        {"eventFieldId": domain.ids["priority"], "newValue": {"doubleValue": 2.0}},
    ]
    created_fields = {f["eventFieldId"]: f for f in events[3]["fields"]}
    assert created_fields["title"] == {"eventFieldId": "title", "newValue": {"stringValue": "Printer"}}
    assert created_fields[domain.ids["owner"]]["newValue"] == {"userArnValue": ALICE}
    assert created_fields["reference_number"]["newValue"] == {"stringValue": reference}
    assert created_fields["created_by"]["newValue"] == {"userArnValue": ALICE}
    assert all("oldValue" not in f for f in events[3]["fields"])
    assert len({e["eventId"] for e in events}) == 4
    times = [e["performedTime"] for e in events]
    assert times == sorted(times, reverse=True)
    assert all(
        t.tzinfo is not None and abs(t - datetime.now(timezone.utc)) < timedelta(minutes=5) for t in times
    )
    assert all("relatedItemType" not in e for e in events)


def test_last_updated_user_follows_the_performer(domain: RuleDomain) -> None:
    created = domain.client.create_case(
        domainId=domain.domain_id,
        templateId=domain.template(),
        fields=domain.fields(title="t"),
        performedBy={"userArn": ALICE},
    )
    domain.client.update_case(
        domainId=domain.domain_id,
        caseId=created["caseId"],
        fields=domain.fields(note="n"),
        performedBy={"userArn": BOB},
    )

    values = domain.case_values(created["caseId"], "created_by", "last_updated_user")

    assert values == {"created_by": ALICE, "last_updated_user": BOB}


@pytest.mark.parametrize("user_arn", ["nope", "arn:aws:iam::123456789012:user/alice"])
def test_a_performer_that_is_not_a_connect_user_is_refused(domain: RuleDomain, user_arn: str) -> None:
    """UserUnion.userArn "Represents the Amazon Connect ARN of the user", and the service reads
    that user (connect:DescribeUser) before writing it into ``last_updated_user``
    (https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_UserUnion.html,
    https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_UpdateCase.html)."""
    case_id = domain.create_case(domain.template(), note="before")

    code, message = code_of(
        lambda: domain.client.update_case(
            domainId=domain.domain_id,
            caseId=case_id,
            fields=domain.fields(note="after"),
            performedBy={"userArn": user_arn},
        )
    )

    assert (code, "'performedBy.userArn'" in message) == ("ValidationException", True)
    assert domain.case_values(case_id, "note") == {"note": "before"}
    assert [event["type"] for event in _events(domain, case_id)] == ["Case.Created"]


def test_temporary_credentials_are_an_assumed_role(domain: RuleDomain) -> None:
    import boto3

    client = boto3.client(
        "connectcases",
        region_name="us-east-1",
        aws_access_key_id="ASIAEXAMPLETEMPORARY",
        aws_secret_access_key="s",
        aws_session_token="token",
    )
    created = client.create_case(
        domainId=domain.domain_id, templateId=domain.template(), fields=domain.fields(title="t")
    )

    performed = _events(domain, created["caseId"])[0]["performedBy"]

    assert performed == {
        "iamPrincipalArn": "arn:aws:sts::123456789012:assumed-role/cases-mock-role/cases-mock-session"
    }


def test_audit_events_page_newest_first(domain: RuleDomain) -> None:
    case_id = domain.create_case(domain.template())
    for index in range(30):
        domain.update_case(case_id, priority=index)

    first = domain.client.get_case_audit_events(domainId=domain.domain_id, caseId=case_id)
    rest = domain.client.get_case_audit_events(
        domainId=domain.domain_id, caseId=case_id, maxResults=10, nextToken=first["nextToken"]
    )

    assert len(first["auditEvents"]) == 25
    assert len(rest["auditEvents"]) == 6
    assert "nextToken" not in rest
    newest = first["auditEvents"][0]["fields"][0]["newValue"]
    assert newest == {"doubleValue": 29.0}
    assert rest["auditEvents"][-1]["type"] == "Case.Created"
    code, _ = code_of(
        lambda: domain.client.get_case_audit_events(domainId=domain.domain_id, caseId=case_id, maxResults=26)
    )
    assert code == "ValidationException"


@pytest.mark.needs_model("DeleteCase")
def test_delete_case_removes_it_and_its_history(mock: CasesMock, domain: RuleDomain) -> None:
    case_id = domain.create_case(domain.template(), reference_number="REF1")

    domain.client.delete_case(domainId=domain.domain_id, caseId=case_id)

    assert stored_cases(mock, domain) == {}
    for call in (
        lambda: domain.client.get_case(domainId=domain.domain_id, caseId=case_id, fields=[{"id": "title"}]),
        lambda: domain.client.get_case_audit_events(domainId=domain.domain_id, caseId=case_id),
        lambda: domain.update_case(case_id, note="x"),
        lambda: domain.client.delete_case(domainId=domain.domain_id, caseId=case_id),
    ):
        assert code_of(call)[0] == "ResourceNotFoundException"
    assert domain.create_case(domain.template(), reference_number="REF1")  # the reference is free again
