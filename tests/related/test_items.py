"""Each related-item type: created, returned, updated or deleted where allowed, audited."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from tests.config.helpers import code_of
from tests.related.conftest import CONTACT, FILE, Related, sla

AGENT = "arn:aws:connect:us-east-1:123456789012:instance/i-1/agent/a-1"
COMMENT = {"comment": {"body": "Called the customer", "contentType": "Text/Plain"}}


def test_a_comment_reads_back_and_is_audited(related: Related) -> None:
    item_id = related.create("Comment", COMMENT, performedBy={"userArn": AGENT})

    (item,) = related.items()

    assert item["relatedItemId"] == item_id
    assert (item["type"], item["content"], item["tags"]) == ("Comment", COMMENT, {})
    assert item["performedBy"] == {"userArn": AGENT}
    event = related.events()[0]
    assert (event["type"], event["relatedItemType"], event["fields"]) == (
        "RelatedItem.Created",
        "Comment",
        [],
    )
    assert event["performedBy"]["user"] == {"userArn": AGENT}


def test_contact_items_take_what_the_contact_directory_knows(related: Related) -> None:
    connected = datetime(2026, 5, 1, 9, 30, tzinfo=timezone.utc)
    related.mock.backend().register_contact(CONTACT, "CHAT", connected)
    other = CONTACT.replace("c-1", "c-2")

    related.create("Contact", {"contact": {"contactArn": CONTACT}})
    related.create("Contact", {"contact": {"contactArn": other}})

    contents = {i["content"]["contact"]["contactArn"]: i["content"]["contact"] for i in related.items()}
    assert contents[CONTACT]["channel"] == "CHAT"
    assert contents[CONTACT]["connectedToSystemTime"] == connected
    assert contents[other]["channel"] == "VOICE"


@pytest.mark.needs_model("RelatedItemInputContent.connectCase")
def test_file_and_connect_case_items(related: Related) -> None:
    other = related.domain.create_case(related.template_id)
    related.create("File", {"file": {"fileArn": FILE}})
    related.create("ConnectCase", {"connectCase": {"caseId": other}})

    kinds = {i["type"]: i["content"] for i in related.items()}

    assert kinds["File"] == {"file": {"fileArn": FILE}}
    assert kinds["ConnectCase"] == {"connectCase": {"caseId": other}}
    for bad in ("ghost", related.case_id):
        code, _ = code_of(lambda b=bad: related.create("ConnectCase", {"connectCase": {"caseId": b}}))
        assert code == "ValidationException"


@pytest.mark.needs_model("RelatedItemInputContent.custom")
def test_custom_items_are_validated_like_case_fields(related: Related) -> None:
    ids = related.domain.ids
    fields = [
        {"id": ids["priority"], "value": {"doubleValue": 3}},
        {"id": ids["country"], "value": {"stringValue": "us"}},
    ]
    related.create("Custom", {"custom": {"fields": fields}})

    assert related.items()[0]["content"] == {
        "custom": {
            "fields": [
                {"id": ids["priority"], "value": {"doubleValue": 3.0}},
                {"id": ids["country"], "value": {"stringValue": "us"}},
            ]
        }
    }
    for bad, why in [
        ([{"id": "title", "value": {"stringValue": "x"}}], "System"),
        ([{"id": ids["priority"], "value": {"stringValue": "x"}}], "doubleValue"),
        ([{"id": ids["country"], "value": {"stringValue": "fr"}}], "option"),
        ([{"id": "ghost", "value": {"stringValue": "x"}}], "does not exist"),
    ]:
        code, message = code_of(lambda b=bad: related.create("Custom", {"custom": {"fields": b}}))
        assert (code, why in message) == ("ValidationException", True), message
    assert len(related.items()) == 1


def test_content_must_fit_the_type(related: Related) -> None:
    code, message = code_of(lambda: related.create("File", COMMENT))

    assert (code, "content.file" in message) == ("ValidationException", True)
    assert (
        code_of(lambda: related.create("Comment", COMMENT, case_id="ghost"))[0] == "ResourceNotFoundException"
    )


@pytest.mark.needs_model("RelatedItemInputContent.custom", "UpdateRelatedItem")
def test_comments_and_custom_items_can_be_updated(related: Related) -> None:
    ids = related.domain.ids
    comment = related.create("Comment", COMMENT, performedBy={"userArn": AGENT})
    custom = related.create(
        "Custom", {"custom": {"fields": [{"id": ids["note"], "value": {"stringValue": "a"}}]}}
    )

    answer = related.client.update_related_item(
        domainId=related.domain.domain_id,
        caseId=related.case_id,
        relatedItemId=comment,
        content={"comment": {"body": "Edited", "contentType": "Text/Plain"}},
        performedBy={"customEntity": "bot"},
    )
    related.client.update_related_item(
        domainId=related.domain.domain_id,
        caseId=related.case_id,
        relatedItemId=custom,
        content={"custom": {"fields": [{"id": ids["priority"], "value": {"doubleValue": 1}}]}},
    )

    assert answer["content"] == {"comment": {"body": "Edited", "contentType": "Text/Plain"}}
    assert (answer["createdBy"], answer["lastUpdatedUser"]) == ({"userArn": AGENT}, {"customEntity": "bot"})
    contents = {i["relatedItemId"]: i["content"] for i in related.items()}
    assert contents[custom] == {
        "custom": {"fields": [{"id": ids["priority"], "value": {"doubleValue": 1.0}}]}
    }
    assert [e["type"] for e in related.events()[:2]] == ["RelatedItem.Updated"] * 2


@pytest.mark.needs_model("RelatedItemInputContent.custom", "UpdateRelatedItem")
def test_items_their_users_and_audit_performers_survive_the_state_file(related: Related) -> None:
    """Every kind of content, ``createdBy``/``lastUpdatedUser`` and the audit events' users read
    back the same after an export and import, and the import exports the same state again."""
    ids = related.domain.ids
    comment = related.create("Comment", COMMENT, performedBy={"userArn": AGENT})
    related.create(
        "Custom",
        {"custom": {"fields": [{"id": ids["note"], "value": {"stringValue": "a"}}]}},
        performedBy={"customEntity": "bot"},
    )
    related.create("Sla", sla(60), performedBy={"userArn": AGENT})
    related.create("Contact", {"contact": {"contactArn": CONTACT}})
    related.create("File", {"file": {"fileArn": FILE}})
    related.client.update_related_item(
        domainId=related.domain.domain_id,
        caseId=related.case_id,
        relatedItemId=comment,
        content={"comment": {"body": "Edited", "contentType": "Text/Plain"}},
        performedBy={"customEntity": "bot"},
    )
    before, events = related.items(), related.events()
    state = related.mock.export_state()

    related.mock.import_state(state)

    assert related.items() == before
    assert related.events() == events
    assert {i["type"]: i.get("performedBy") for i in before} == {
        "Comment": {"userArn": AGENT},
        "Custom": {"customEntity": "bot"},
        "Sla": {"userArn": AGENT},
        "Contact": None,
        "File": None,
    }
    assert events[0]["performedBy"]["user"] == {"customEntity": "bot"}
    assert related.mock.export_state() == state


@pytest.mark.parametrize(
    ("item_type", "content"),
    [
        ("File", {"file": {"fileArn": FILE}}),
        ("Contact", {"contact": {"contactArn": CONTACT}}),
        ("Sla", sla(60)),
    ],
)
@pytest.mark.needs_model("UpdateRelatedItem", "RelatedItemInputContent.sla")
def test_other_types_cannot_be_updated(related: Related, item_type: str, content: dict[str, Any]) -> None:
    item_id = related.create(item_type, content)

    code, _ = code_of(
        lambda: related.client.update_related_item(
            domainId=related.domain.domain_id,
            caseId=related.case_id,
            relatedItemId=item_id,
            content={"comment": {"body": "x", "contentType": "Text/Plain"}},
        )
    )

    assert code == "ValidationException"


@pytest.mark.needs_model("DeleteRelatedItem")
def test_delete_and_its_limits(related: Related) -> None:
    comment = related.create("Comment", COMMENT)
    file_item = related.create("File", {"file": {"fileArn": FILE}})
    ids = {"domainId": related.domain.domain_id, "caseId": related.case_id}

    related.client.delete_related_item(**ids, relatedItemId=comment)

    assert [i["relatedItemId"] for i in related.items()] == [file_item]
    assert related.events()[0]["type"] == "RelatedItem.Deleted"
    assert (
        code_of(lambda: related.client.delete_related_item(**ids, relatedItemId=file_item))[0]
        == "ValidationException"
    )
    assert (
        code_of(lambda: related.client.delete_related_item(**ids, relatedItemId=comment))[0]
        == "ResourceNotFoundException"
    )


@pytest.mark.needs_model("RelatedItemInputContent.sla")
def test_quotas_per_case(related: Related) -> None:
    quotas = related.mock.backend().quotas
    quotas.related_items_per_case, quotas.slas_per_case = 3, 1
    related.create("Sla", sla(60))

    assert (
        code_of(lambda: related.create("Sla", sla(60, name="second")))[0] == "ServiceQuotaExceededException"
    )
    related.create("Comment", COMMENT)
    related.create("Comment", COMMENT)
    assert code_of(lambda: related.create("Comment", COMMENT))[0] == "ServiceQuotaExceededException"
    assert len(related.items()) == 3


@pytest.mark.needs_model("RelatedItemInputContent.sla")
def test_sla_status_follows_the_clock_and_the_case(related: Related) -> None:
    related.mock.clock.freeze(datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc))
    on_time = related.domain.create_case(related.template_id)
    late = related.domain.create_case(related.template_id)
    for case_id in (on_time, late):
        related.create("Sla", sla(60), case_id=case_id)

    def status(case_id: str) -> str:
        return str(related.items(case_id)[0]["content"]["sla"]["slaConfiguration"]["status"])

    assert status(on_time) == "Active"
    assert related.domain.case_values(on_time, "next_sla_breach_datetime") == {
        "next_sla_breach_datetime": "2026-03-01T13:00:00.000Z"
    }
    related.mock.clock.advance(timedelta(minutes=30))
    related.domain.update_case(on_time, status="closed")
    related.mock.clock.advance(timedelta(minutes=45))
    assert (status(on_time), status(late)) == ("Met", "Overdue")
    related.domain.update_case(late, status="closed")
    related.mock.clock.advance(timedelta(days=1))
    assert (status(on_time), status(late)) == ("Met", "NotMet")
    configuration = related.items(late)[0]["content"]["sla"]["slaConfiguration"]
    assert configuration["targetTime"] == datetime(2026, 3, 1, 13, 0, tzinfo=timezone.utc)
    assert configuration["completionTime"] == datetime(2026, 3, 1, 13, 15, tzinfo=timezone.utc)
    assert related.domain.case_values(late, "next_sla_breach_datetime") == {}


@pytest.mark.needs_model("RelatedItemInputContent.sla")
def test_an_sla_already_fulfilled_is_met_at_once_and_sla_input_is_checked(related: Related) -> None:
    related.domain.update_case(related.case_id, status="closed")
    related.create("Sla", sla(60))

    assert related.items()[0]["content"]["sla"]["slaConfiguration"]["status"] == "Met"
    bad = sla(60)
    del bad["sla"]["slaInputConfiguration"]["targetFieldValues"]
    assert code_of(lambda: related.create("Sla", bad))[0] == "ValidationException"
    assert code_of(lambda: related.create("Sla", sla(60, field_id="ghost")))[0] == "ValidationException"
    assert related.create("Sla", sla(60, field_id=None, name="no field"))


def test_related_items_take_tags_by_arn(related: Related) -> None:
    created = related.client.create_related_item(
        domainId=related.domain.domain_id, caseId=related.case_id, type="Comment", content=COMMENT
    )

    related.client.tag_resource(arn=created["relatedItemArn"], tags={"source": "email"})

    assert created["relatedItemArn"].endswith(
        f"/case/{related.case_id}/related-item/{created['relatedItemId']}"
    )
    assert related.client.list_tags_for_resource(arn=created["relatedItemArn"])["tags"] == {"source": "email"}
    assert related.items()[0]["tags"] == {"source": "email"}
    ghost = created["relatedItemArn"].replace(created["relatedItemId"], "ghost")
    assert code_of(lambda: related.client.list_tags_for_resource(arn=ghost))[0] == "ResourceNotFoundException"
