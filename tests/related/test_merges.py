"""StartMergeCases and GetMergeCasesStatus, end to end with the audit history."""

from __future__ import annotations

from typing import Any

import pytest

from tests.config.helpers import code_of
from tests.related.conftest import CONTACT, FILE, Related

pytestmark = pytest.mark.needs_model("StartMergeCases", "GetMergeCasesStatus")

COMMENT = {"comment": {"body": "from the secondary", "contentType": "Text/Plain"}}


def _merge(related: Related, primary: str, secondary: str, **params: Any) -> None:
    related.client.start_merge_cases(
        domainId=related.domain.domain_id, caseId=primary, secondaryCaseIds=[secondary], **params
    )


def test_a_merge_end_to_end(related: Related) -> None:
    ids = related.domain.ids
    primary = related.domain.create_case(related.template_id, note="primary note", priority=1)
    secondary = related.domain.create_case(
        related.template_id, note="secondary note", priority=5, reason="dup"
    )
    moved = related.create("Comment", COMMENT, case_id=secondary)
    kept = related.create("File", {"file": {"fileArn": FILE}}, case_id=secondary)

    _merge(
        related,
        primary,
        secondary,
        fieldsConfiguration=[{"fieldIds": [{"id": ids["priority"]}], "sourceCaseId": secondary}],
        relatedItemsConfiguration={"comment": True},
        performedBy={"customEntity": "dedupe-bot"},
    )

    assert related.domain.case_values(primary, "note", "priority", "reason") == {
        "note": "primary note",
        "priority": 5.0,
        "reason": "dup",
    }
    assert related.domain.case_values(secondary, "status") == {"status": "closed"}
    primary_items = {i["relatedItemId"]: i for i in related.items(primary)}
    assert moved in primary_items
    assert {i["type"] for i in primary_items.values()} == {"Comment", "ConnectCase"}
    secondary_items = related.items(secondary)
    assert {i["relatedItemId"] for i in secondary_items} >= {kept}
    assert {"connectCase": {"caseId": primary}} in [i["content"] for i in secondary_items]
    status = related.client.get_merge_cases_status(domainId=related.domain.domain_id, caseId=secondary)
    assert (status["status"], status["primaryCaseId"], status["secondaryCaseIds"]) == (
        "COMPLETED",
        primary,
        [secondary],
    )
    primary_events, secondary_events = related.events(primary), related.events(secondary)
    assert [e["type"] for e in primary_events[:2]] == ["Case.Merged", "Case.Updated"]
    assert [e["type"] for e in secondary_events[:2]] == ["Case.Merged", "Case.Updated"]
    metadata = primary_events[0]["mergeMetadata"]
    assert metadata["primaryCaseId"] == primary
    assert metadata["secondaryCaseId"] == secondary
    assert all(e["mergeMetadata"] == metadata for e in primary_events[:2] + secondary_events[:2])
    assert primary_events[0]["performedBy"]["user"] == {"customEntity": "dedupe-bot"}
    changed = {f["eventFieldId"]: f for f in primary_events[1]["fields"]}
    assert changed[ids["priority"]]["oldValue"] == {"doubleValue": 1.0}
    assert changed[ids["reason"]]["newValue"] == {"stringValue": "dup"}
    assert secondary_events[1]["fields"] == [
        {"eventFieldId": "status", "oldValue": {"stringValue": "open"}, "newValue": {"stringValue": "closed"}}
    ]


def test_merge_preconditions(related: Related) -> None:
    ids = related.domain.ids
    template = related.template_id
    primary, secondary = related.domain.create_case(template), related.domain.create_case(template)
    closed = related.domain.create_case(template, status="closed")
    profile = "arn:aws:profile:us-east-1:123456789012:domains/d/profiles/"
    customer_a = related.domain.create_case(template, customer_id=profile + "a")
    customer_b = related.domain.create_case(template, customer_id=profile + "b")

    assert code_of(lambda: _merge(related, primary, primary))[0] == "ValidationException"
    assert code_of(lambda: _merge(related, primary, closed))[0] == "ValidationException"
    assert code_of(lambda: _merge(related, customer_a, customer_b))[0] == "ValidationException"
    assert code_of(lambda: _merge(related, primary, "ghost"))[0] == "ResourceNotFoundException"
    for configuration in (
        [{"fieldIds": [{"id": "title"}], "sourceCaseId": secondary}],
        [{"fieldIds": [{"id": ids["note"]}], "sourceCaseId": secondary}],
        [{"fieldIds": [], "sourceCaseId": primary}],
    ):
        code, _ = code_of(lambda c=configuration: _merge(related, primary, secondary, fieldsConfiguration=c))
        assert code == "ValidationException"
    assert (
        code_of(
            lambda: related.client.get_merge_cases_status(domainId=related.domain.domain_id, caseId=primary)
        )[0]
        == "ResourceNotFoundException"
    )

    _merge(related, primary, secondary)
    third = related.domain.create_case(template)
    related.domain.update_case(secondary, status="open")
    assert code_of(lambda: _merge(related, third, secondary))[0] == "ConflictException"
    assert (
        code_of(
            lambda: related.client.get_merge_cases_status(domainId=related.domain.domain_id, caseId=primary)
        )[0]
        == "ResourceNotFoundException"
    )


def test_a_merge_that_would_overflow_related_items_changes_nothing(related: Related) -> None:
    primary, secondary = (
        related.domain.create_case(related.template_id),
        related.domain.create_case(related.template_id),
    )
    related.create("Contact", {"contact": {"contactArn": CONTACT}}, case_id=secondary)
    related.mock.backend().quotas.related_items_per_case = 1

    code, _ = code_of(
        lambda: _merge(related, primary, secondary, relatedItemsConfiguration={"contact": True})
    )

    assert code == "ServiceQuotaExceededException"
    assert related.domain.case_values(secondary, "status") == {"status": "open"}
    assert len(related.events(primary)) == 1
