"""RELATED_ITEM.CREATED for every related-item type, with and without content
(https://docs.aws.amazon.com/connect/latest/adminguide/case-event-streams-sample.html)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.events.conftest import AGENT, CONTACT, PRINCIPAL, Stream


def test_a_new_comment_publishes_the_documented_envelope_with_its_content(stream: Stream) -> None:
    stream.configure(content=True)
    case_id = stream.create_case()
    stream.mock.clear_events()

    created = stream.comment(case_id, performedBy={"userArn": AGENT})

    (event,) = stream.mock.events
    assert event["resources"] == [stream.domain_arn, created["relatedItemArn"]]
    assert (
        event["resources"][1] == f"{stream.domain_arn}/case/{case_id}/related-item/{created['relatedItemId']}"
    )
    assert event["detail"] == {
        "version": "0",
        "eventType": "RELATED_ITEM.CREATED",
        "approximateChangeTime": "2026-03-16T23:16:57.893Z",
        "changedAttributes": ["comment.commentText"],
        "performedBy": {"user": {"userArn": AGENT}, "iamPrincipalArn": PRINCIPAL},
        "relatedItem": {
            "relatedItemType": "comment",
            "relatedItemId": created["relatedItemId"],
            "caseId": case_id,
            "createdDateTime": "2026-03-16T23:16:57.893Z",
            "comment": {"body": "Gave a $5 refund", "contentType": "Text/Plain"},
        },
    }


@pytest.mark.parametrize("content", [False, None], ids=["includeContent-false", "no-relatedItemData"])
def test_without_include_content_the_item_carries_no_content(stream: Stream, content: bool | None) -> None:
    stream.configure("status", content=content)
    case_id = stream.create_case()

    created = stream.comment(case_id)

    related = stream.mock.events.of("RELATED_ITEM.CREATED")[0]["detail"]["relatedItem"]
    assert related == {
        "relatedItemType": "comment",
        "relatedItemId": created["relatedItemId"],
        "caseId": case_id,
        "createdDateTime": "2026-03-16T23:16:57.893Z",
    }


def test_a_contact_carries_its_channel_and_connected_time(stream: Stream) -> None:
    stream.configure(content=True)
    case_id = stream.create_case()
    stream.mock.backend().register_contact(CONTACT, "CHAT")

    stream.client.create_related_item(
        domainId=stream.domain_id,
        caseId=case_id,
        type="Contact",
        content={"contact": {"contactArn": CONTACT}},
    )

    detail = stream.mock.events.of("RELATED_ITEM.CREATED")[0]["detail"]
    assert detail["changedAttributes"] == ["contact.contactArn"]
    assert detail["relatedItem"]["relatedItemType"] == "contact"
    assert detail["relatedItem"]["contact"] == {
        "contactArn": CONTACT,
        "channel": "CHAT",
        "connectedToSystemTime": "2026-03-16T23:16:57.893Z",
    }


def _items(stream: Stream, case_id: str, other_case: str) -> dict[str, tuple[str, dict[str, Any]]]:
    return {
        "File": (
            "file",
            {"file": {"fileArn": "arn:aws:connect:us-east-1:123456789012:instance/i-1/file/f-1"}},
        ),
        "Sla": (
            "sla",
            {
                "sla": {
                    "slaInputConfiguration": {
                        "name": "resolve",
                        "type": "CaseField",
                        "targetSlaMinutes": 60,
                        "fieldId": "status",
                        "targetFieldValues": [{"stringValue": "closed"}],
                    }
                }
            },
        ),
        "ConnectCase": ("connect", {"connectCase": {"caseId": other_case}}),
        "Custom": (
            "custom",
            {"custom": {"fields": [{"id": stream.reason_id, "value": {"stringValue": "x"}}]}},
        ),
    }


@pytest.mark.needs_model(
    "RelatedItemInputContent.sla", "RelatedItemInputContent.connectCase", "RelatedItemInputContent.custom"
)
@pytest.mark.parametrize("item_type", ["File", "Sla", "ConnectCase", "Custom"])
def test_every_related_item_type_publishes_its_type_and_content(stream: Stream, item_type: str) -> None:
    stream.configure(content=True)
    case_id, other = stream.create_case("one"), stream.create_case("two")
    expected_type, content = _items(stream, case_id, other)[item_type]

    created = stream.client.create_related_item(
        domainId=stream.domain_id, caseId=case_id, type=item_type, content=content
    )

    (event,) = stream.mock.events.of("RELATED_ITEM.CREATED")
    related = event["detail"]["relatedItem"]
    assert related["relatedItemType"] == expected_type
    assert related["relatedItemId"] == created["relatedItemId"]
    (member,) = content
    searched = stream.client.search_related_items(domainId=stream.domain_id, caseId=case_id)["relatedItems"]
    wire = searched[0]["content"][member]
    assert set(related[member]) == set(wire)  # the content as SearchRelatedItems shows it
    assert event["detail"]["changedAttributes"] == [f"{member}.{key}" for key in content[member]]


@pytest.mark.needs_model("UpdateRelatedItem", "DeleteRelatedItem")
def test_updating_or_deleting_a_related_item_publishes_nothing(stream: Stream) -> None:
    stream.configure(content=True)
    case_id = stream.create_case()
    item_id = stream.comment(case_id)["relatedItemId"]
    stream.mock.clear_events()

    stream.client.update_related_item(
        domainId=stream.domain_id,
        caseId=case_id,
        relatedItemId=item_id,
        content={"comment": {"body": "edited", "contentType": "Text/Plain"}},
    )
    stream.client.delete_related_item(domainId=stream.domain_id, caseId=case_id, relatedItemId=item_id)

    assert stream.mock.events == []


@pytest.mark.needs_model("BatchCreateRelatedItem")
def test_a_batch_of_comments_publishes_one_event_per_comment(stream: Stream) -> None:
    stream.configure(content=True)
    first, second = stream.create_case("one"), stream.create_case("two")
    stream.mock.clear_events()

    stream.client.batch_create_related_item(
        domainId=stream.domain_id,
        cases=[{"caseIdentifier": {"caseId": first}}, {"caseIdentifier": {"caseId": second}}],
        content={"comment": {"body": "outage notice", "contentType": "Text/Plain"}},
    )

    related = [e["detail"]["relatedItem"] for e in stream.mock.events]
    assert [r["caseId"] for r in related] == [first, second]
    assert all(r["comment"]["body"] == "outage notice" for r in related)


@pytest.mark.needs_model("StartMergeCases")
def test_a_merge_publishes_the_updates_and_the_links_it_makes(stream: Stream) -> None:
    stream.configure("status", stream.reason_id, content=True)
    primary = stream.create_case("primary")
    secondary = stream.create_case(
        "secondary", fields=[{"id": stream.reason_id, "value": {"stringValue": "from secondary"}}]
    )
    stream.mock.clear_events()

    stream.client.start_merge_cases(domainId=stream.domain_id, caseId=primary, secondaryCaseIds=[secondary])

    summary = [
        (e["detail"]["eventType"], (e["detail"].get("case") or e["detail"]["relatedItem"])["caseId"])
        for e in stream.mock.events
    ]
    assert summary == [
        ("CASE.UPDATED", primary),
        ("RELATED_ITEM.CREATED", primary),
        ("RELATED_ITEM.CREATED", secondary),
        ("CASE.UPDATED", secondary),
    ]
    first, link_on_primary, _, last = stream.mock.events
    assert stream.reason_id in first["detail"]["changedFieldIds"]
    assert link_on_primary["detail"]["relatedItem"]["connectCase"] == {"caseId": secondary}
    assert last["detail"]["case"]["fields"]["status"] == {"value": {"stringValue": "closed"}}
