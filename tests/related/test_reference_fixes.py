"""SLA field types, SLA updates and the related-item rules of a merge, as the current API
Reference pages say (each test cites its page)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from tests.config.helpers import code_of
from tests.related.conftest import CONTACT, Related, sla

START = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


def _sla_of(related: Related, case_id: str | None = None) -> dict[str, Any]:
    (item,) = [i for i in related.items(case_id) if i["type"] == "Sla"]
    return dict(item["content"]["sla"]["slaConfiguration"])


def _retarget(related: Related, item_id: str, minutes: int, case_id: str | None = None) -> dict[str, Any]:
    return dict(
        related.client.update_related_item(
            domainId=related.domain.domain_id,
            caseId=case_id or related.case_id,
            relatedItemId=item_id,
            content={"sla": {"slaUpdateConfiguration": {"targetSlaMinutes": minutes}}},
        )
    )


@pytest.mark.needs_model("RelatedItemInputContent.sla")
def test_an_sla_tracks_a_single_select_field_only(related: Related) -> None:
    """https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_SlaInputConfiguration.html
    (fieldId: "The field must be a single-select field")."""
    ids = related.domain.ids
    for name in ("note", "priority"):
        code, message = code_of(lambda n=name: related.create("Sla", sla(60, field_id=ids[n], target="x")))
        assert code == "ValidationException"
        assert "slaInputConfiguration.fieldId" in message
        assert repr(name) in message
        assert ids[name] in message
    assert related.items() == []

    related.create("Sla", sla(60, field_id=ids["country"], target="us"))
    related.domain.update_case(related.case_id, country="us")
    assert _sla_of(related)["status"] == "Met"


@pytest.mark.needs_model("RelatedItemUpdateContent.sla")
def test_updating_an_sla_moves_its_deadline_from_its_creation(related: Related) -> None:
    """https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_UpdateRelatedItem.html
    and https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_SlaUpdateConfiguration.html
    (the new deadline is counted from when the SLA was created)."""
    related.mock.clock.freeze(START)
    item_id = related.create("Sla", sla(60))
    related.mock.clock.advance(timedelta(minutes=90))
    assert _sla_of(related)["status"] == "Overdue"

    answer = _retarget(related, item_id, 120)

    assert answer["type"] == "Sla"
    assert answer["content"]["sla"]["slaConfiguration"]["targetTime"] == START + timedelta(minutes=120)
    assert answer["content"]["sla"]["slaConfiguration"]["status"] == "Active"
    assert _sla_of(related)["targetTime"] == START + timedelta(minutes=120)
    assert related.domain.case_values(related.case_id, "next_sla_breach_datetime") == {
        "next_sla_breach_datetime": "2026-03-01T14:00:00.000Z"
    }
    assert related.events()[0]["type"] == "RelatedItem.Updated"
    assert related.events()[0]["relatedItemType"] == "Sla"


@pytest.mark.needs_model("RelatedItemUpdateContent.sla")
def test_a_completed_sla_is_met_or_not_met_against_the_new_deadline(related: Related) -> None:
    """https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_UpdateRelatedItem.html
    ("a completed SLA becomes Met or NotMet")."""
    related.mock.clock.freeze(START)
    item_id = related.create("Sla", sla(60))
    related.mock.clock.advance(timedelta(minutes=45))
    related.domain.update_case(related.case_id, status="closed")
    assert _sla_of(related)["status"] == "Met"

    _retarget(related, item_id, 30)
    assert (_sla_of(related)["status"], _sla_of(related)["completionTime"]) == (
        "NotMet",
        START + timedelta(minutes=45),
    )
    _retarget(related, item_id, 50)
    assert _sla_of(related)["status"] == "Met"
    assert related.domain.case_values(related.case_id, "next_sla_breach_datetime") == {}


@pytest.mark.needs_model(
    "RelatedItemUpdateContent.sla", "StartMergeCases", "RelatedItemInputContent.connectCase"
)
def test_an_sla_takes_sla_content_and_other_items_refuse_it(related: Related) -> None:
    """https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_RelatedItemUpdateContent.html"""
    related.mock.clock.freeze(START)
    item_id = related.create("Sla", sla(60))
    comment = related.create("Comment", {"comment": {"body": "hi", "contentType": "Text/Plain"}})
    client, domain_id = related.client, related.domain.domain_id

    code, message = code_of(
        lambda: client.update_related_item(
            domainId=domain_id,
            caseId=related.case_id,
            relatedItemId=item_id,
            content={"comment": {"body": "x", "contentType": "Text/Plain"}},
        )
    )
    assert (code, "content.sla" in message) == ("ValidationException", True)
    assert code_of(lambda: _retarget(related, comment, 10))[0] == "ValidationException"
    assert _sla_of(related)["targetTime"] == START + timedelta(minutes=60)


def _merge(related: Related, primary: str, secondary: str, **kinds: bool) -> None:
    related.client.start_merge_cases(
        domainId=related.domain.domain_id,
        caseId=primary,
        secondaryCaseIds=[secondary],
        relatedItemsConfiguration=kinds,
    )


def _links(related: Related, case_id: str) -> list[str]:
    return [
        i["content"]["connectCase"]["caseId"] for i in related.items(case_id) if i["type"] == "ConnectCase"
    ]


@pytest.mark.needs_model("StartMergeCases", "RelatedItemInputContent.connectCase")
def test_a_link_the_primary_already_has_is_removed_not_moved(related: Related) -> None:
    """https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_RelatedItemsConfiguration.html
    (connectCase: "the secondary case's link is removed instead of moved")."""
    template = related.template_id
    primary, secondary = related.domain.create_case(template), related.domain.create_case(template)
    shared, own = related.domain.create_case(template), related.domain.create_case(template)
    related.create("ConnectCase", {"connectCase": {"caseId": shared}}, case_id=primary)
    related.create("ConnectCase", {"connectCase": {"caseId": shared}}, case_id=secondary)
    related.create("ConnectCase", {"connectCase": {"caseId": own}}, case_id=secondary)
    related.create("ConnectCase", {"connectCase": {"caseId": primary}}, case_id=secondary)

    _merge(related, primary, secondary, connectCase=True)

    assert sorted(_links(related, primary)) == sorted([shared, own, secondary])
    assert _links(related, secondary) == [primary]


def _contact(related: Related, case_id: str, contact_arn: str) -> tuple[str, str]:
    created = related.client.create_related_item(
        domainId=related.domain.domain_id,
        caseId=case_id,
        type="Contact",
        content={"contact": {"contactArn": contact_arn}},
    )
    return str(created["relatedItemId"]), str(created["relatedItemArn"])


@pytest.mark.needs_model("StartMergeCases")
def test_a_contact_on_both_cases_stays_on_the_primary_and_gains_the_secondarys_tag_keys(
    related: Related,
) -> None:
    """https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_RelatedItemsConfiguration.html
    (contact: "the primary case keeps its related item and gets any tag keys that only the
    secondary case's related item has")."""
    template = related.template_id
    primary, secondary = related.domain.create_case(template), related.domain.create_case(template)
    other = CONTACT.replace("c-1", "c-2")
    kept, kept_arn = _contact(related, primary, CONTACT)
    dropped, dropped_arn = _contact(related, secondary, CONTACT)
    moved, _ = _contact(related, secondary, other)
    related.client.tag_resource(arn=kept_arn, tags={"team": "billing"})
    related.client.tag_resource(arn=dropped_arn, tags={"team": "sales", "channel": "chat"})

    _merge(related, primary, secondary, contact=True)

    contacts = {i["relatedItemId"]: i for i in related.items(primary) if i["type"] == "Contact"}
    assert set(contacts) == {kept, moved}
    assert contacts[kept]["tags"] == {"team": "billing", "channel": "chat"}
    assert dropped not in {i["relatedItemId"] for i in related.items(secondary)}
    assert [i for i in related.items(secondary) if i["type"] == "Contact"] == []


@pytest.mark.needs_model("StartMergeCases")
def test_a_merge_takes_one_fields_configuration_entry_naming_each_field_once(related: Related) -> None:
    """https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_StartMergeCases.html
    ("Specify at most one entry") and
    https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_FieldsConfiguration.html
    ("Don't list the same field more than once")."""
    ids, template = related.domain.ids, related.template_id
    primary = related.domain.create_case(template)
    secondary = related.domain.create_case(template, note="from the secondary")
    entry = {"fieldIds": [{"id": ids["note"]}], "sourceCaseId": secondary}
    twice = {"fieldIds": [{"id": ids["note"]}, {"id": ids["note"]}], "sourceCaseId": secondary}

    def merge(configuration: list[dict[str, Any]]) -> None:
        related.client.start_merge_cases(
            domainId=related.domain.domain_id,
            caseId=primary,
            secondaryCaseIds=[secondary],
            fieldsConfiguration=configuration,
        )

    code, message = code_of(lambda: merge([entry, entry]))
    assert (code, "'fieldsConfiguration'" in message) == ("ValidationException", True)
    code, message = code_of(lambda: merge([twice]))
    assert code == "ValidationException"
    assert "fieldsConfiguration[0].fieldIds[1].id" in message
    assert f"'note' ({ids['note']})" in message
    assert related.domain.case_values(secondary, "status") == {"status": "open"}
    merge([entry])
    assert related.domain.case_values(primary, "note") == {"note": "from the secondary"}


@pytest.mark.needs_model("RelatedItemInputContent.sla")
def test_an_sla_targets_options_of_its_field(related: Related) -> None:
    """https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_SlaInputConfiguration.html
    (targetFieldValues: target values "for the fieldId"; the mock refuses a value that is not
    one of the single-select field's options, which could never be met)."""
    ids = related.domain.ids
    code, message = code_of(lambda: related.create("Sla", sla(60, field_id=ids["country"], target="fr")))
    assert code == "ValidationException"
    assert "targetFieldValues[0]" in message
    assert f"'country' ({ids['country']})" in message
    assert code_of(lambda: related.create("Sla", sla(60, target="pending")))[0] == "ValidationException"
    assert related.items() == []
