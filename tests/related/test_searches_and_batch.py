"""SearchRelatedItems, SearchAllRelatedItems, ListCasesForContact, BatchCreateRelatedItem."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.config.helpers import code_of
from tests.related.conftest import CONTACT, FILE, Related, sla

COMMENT = {"comment": {"body": "note", "contentType": "Text/Plain"}}


def _kinds(items: list[dict[str, object]]) -> list[object]:
    return [i["type"] for i in items]


@pytest.mark.needs_model("RelatedItemInputContent.sla")
def test_filters_per_type_are_or_ed(related: Related) -> None:
    ids = related.domain.ids
    other_case = related.domain.create_case(related.template_id)
    related.mock.backend().register_contact(CONTACT, "CHAT")
    related.create("Comment", COMMENT)
    related.create("Contact", {"contact": {"contactArn": CONTACT}})
    related.create("File", {"file": {"fileArn": FILE}})
    related.create("Sla", sla(60, name="first response"))
    related.create("ConnectCase", {"connectCase": {"caseId": other_case}})
    related.create("Custom", {"custom": {"fields": [{"id": ids["priority"], "value": {"doubleValue": 4}}]}})

    def found(*filters: dict[str, object]) -> set[object]:
        return set(_kinds(related.items(filters=list(filters))))

    assert found() == {"Comment", "Contact", "File", "Sla", "ConnectCase", "Custom"}
    assert found({"comment": {}}) == {"Comment"}
    assert found({"contact": {"channel": ["CHAT", "VOICE"]}}) == {"Contact"}
    assert found({"contact": {"channel": ["EMAIL"]}}) == set()
    assert found({"contact": {"contactArn": CONTACT}}, {"file": {"fileArn": FILE}}) == {"Contact", "File"}
    assert found({"sla": {"name": "first response", "status": "Active"}}) == {"Sla"}
    assert found({"sla": {"status": "Overdue"}}) == set()
    assert found({"connectCase": {"caseId": other_case}}) == {"ConnectCase"}
    custom_filter = {"field": {"greaterThan": {"id": ids["priority"], "value": {"doubleValue": 3}}}}
    assert found({"custom": {"fields": custom_filter}}) == {"Custom"}
    assert found({"custom": {"fields": {"not": custom_filter}}}) == set()
    code, _ = code_of(
        lambda: related.items(
            filters=[
                {"custom": {"fields": {"field": {"equalTo": {"id": "ghost", "value": {"stringValue": "x"}}}}}}
            ]
        )
    )
    assert code == "ValidationException"


def test_search_orders_newest_first_and_pages(related: Related) -> None:
    made = []
    for _ in range(7):
        made.append(related.create("Comment", COMMENT))
        related.mock.clock.advance(timedelta(seconds=1))

    first = related.client.search_related_items(
        domainId=related.domain.domain_id, caseId=related.case_id, maxResults=3
    )
    seen = [i["relatedItemId"] for i in first["relatedItems"]]
    token = first["nextToken"]
    while token:
        page = related.client.search_related_items(
            domainId=related.domain.domain_id, caseId=related.case_id, maxResults=3, nextToken=token
        )
        seen += [i["relatedItemId"] for i in page["relatedItems"]]
        token = page.get("nextToken")

    assert seen == made[::-1]


@pytest.mark.needs_model("SearchAllRelatedItems")
def test_search_all_spans_cases_and_sorts(related: Related) -> None:
    second = related.domain.create_case(related.template_id)
    first_item = related.create("Comment", COMMENT)
    related.mock.clock.advance(timedelta(seconds=1))
    second_item = related.create("Comment", COMMENT, case_id=second)
    related.create("File", {"file": {"fileArn": FILE}}, case_id=second)

    answer = related.client.search_all_related_items(
        domainId=related.domain.domain_id, filters=[{"comment": {}}]
    )
    by_case = related.client.search_all_related_items(
        domainId=related.domain.domain_id,
        filters=[{"comment": {}}],
        sorts=[{"sortProperty": "CaseId", "sortOrder": "Asc"}],
    )

    assert [(i["relatedItemId"], i["caseId"]) for i in answer["relatedItems"]] == [
        (second_item, second),
        (first_item, related.case_id),
    ]
    assert [i["caseId"] for i in by_case["relatedItems"]] == sorted([second, related.case_id])
    paginator = related.client.get_paginator("search_all_related_items")
    total = sum(
        len(p["relatedItems"])
        for p in paginator.paginate(domainId=related.domain.domain_id, PaginationConfig={"PageSize": 1})
    )
    assert total == 3


def test_list_cases_for_contact(related: Related) -> None:
    second = related.domain.create_case(related.template_id)
    related.create("Contact", {"contact": {"contactArn": CONTACT}})
    related.mock.clock.advance(timedelta(seconds=1))
    related.create("Contact", {"contact": {"contactArn": CONTACT}}, case_id=second)
    related.create("Contact", {"contact": {"contactArn": CONTACT.replace("c-1", "c-9")}})

    answer = related.client.list_cases_for_contact(domainId=related.domain.domain_id, contactArn=CONTACT)
    page = related.client.list_cases_for_contact(
        domainId=related.domain.domain_id, contactArn=CONTACT, maxResults=1
    )

    assert [c["caseId"] for c in answer["cases"]] == [second, related.case_id]
    assert answer["cases"][0]["templateId"] == related.template_id
    assert len(page["cases"]) == 1
    assert page["nextToken"]


@pytest.mark.needs_model("DeleteRelatedItem")
def test_cases_for_a_contact_follow_deleted_items_and_bind_their_token(related: Related) -> None:
    """ListCasesForContact "Lists cases for a given contact"; the page says nothing of items
    removed since or of the token's scope
    (https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_ListCasesForContact.html)."""
    second = related.domain.create_case(related.template_id)
    item = related.create("Contact", {"contact": {"contactArn": CONTACT}})
    related.create("Contact", {"contact": {"contactArn": CONTACT}}, case_id=second)
    domain_id = related.domain.domain_id
    page = related.client.list_cases_for_contact(domainId=domain_id, contactArn=CONTACT, maxResults=1)

    related.client.delete_related_item(domainId=domain_id, caseId=related.case_id, relatedItemId=item)

    listed = related.client.list_cases_for_contact(domainId=domain_id, contactArn=CONTACT)["cases"]
    assert [case["caseId"] for case in listed] == [second]
    assert related.client.list_cases_for_contact(domainId=domain_id, contactArn="c-1")["cases"] == []
    code, _ = code_of(
        lambda: related.client.list_cases_for_contact(
            domainId=domain_id, contactArn=CONTACT.replace("c-1", "c-2"), nextToken=page["nextToken"]
        )
    )
    assert code == "ValidationException"


@pytest.mark.needs_model("DeleteCase", "SearchAllRelatedItems", "RelatedItemInputContent.connectCase")
def test_a_deleted_case_takes_its_related_items_and_leaves_links_to_it(related: Related) -> None:
    """DeleteCase "permanently deletes a case and all its associated resources"; afterwards one
    cannot "Retrieve related items" nor "Perform any operations that require the CaseID"
    (https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_DeleteCase.html).
    A link another case holds to it is that case's item, and stays (the page is silent)."""
    other = related.domain.create_case(related.template_id)
    related.create("Contact", {"contact": {"contactArn": CONTACT}})
    comment_arn = related.client.create_related_item(
        domainId=related.domain.domain_id, caseId=related.case_id, type="Comment", content=COMMENT
    )["relatedItemArn"]
    related.client.tag_resource(arn=comment_arn, tags={"k": "v"})
    link = related.create("ConnectCase", {"connectCase": {"caseId": related.case_id}}, case_id=other)

    related.client.delete_case(domainId=related.domain.domain_id, caseId=related.case_id)

    domain_id = related.domain.domain_id
    assert related.client.list_cases_for_contact(domainId=domain_id, contactArn=CONTACT)["cases"] == []
    everything = related.client.search_all_related_items(domainId=domain_id)["relatedItems"]
    assert [(item["caseId"], item["relatedItemId"]) for item in everything] == [(other, link)]
    assert code_of(lambda: related.client.list_tags_for_resource(arn=comment_arn))[0] == (
        "ResourceNotFoundException"
    )
    assert code_of(lambda: related.items())[0] == "ResourceNotFoundException"
    code, _ = code_of(
        lambda: related.create("ConnectCase", {"connectCase": {"caseId": related.case_id}}, case_id=other)
    )
    assert code == "ValidationException"


@pytest.mark.needs_model("BatchCreateRelatedItem")
def test_batch_comments_on_many_cases(related: Related) -> None:
    second = related.domain.create_case(related.template_id, reference_number="REF-2")
    related.mock.backend().quotas.related_items_per_case = 1
    related.create("Comment", COMMENT, case_id=related.case_id)  # the owner case is now full
    request = {
        "domainId": related.domain.domain_id,
        "content": COMMENT,
        "cases": [
            {"caseIdentifier": {"caseId": related.case_id}},
            {"caseIdentifier": {"referenceId": "ref-2"}},
            {"caseIdentifier": {"caseId": "ghost"}},
        ],
    }

    answer = related.client.batch_create_related_item(**request, clientToken="t-1")
    again = related.client.batch_create_related_item(**request, clientToken="t-1")

    assert [s["caseIdentifier"]["caseId"] for s in answer["successfulItems"]] == [second]
    assert answer["successfulItems"][0]["relatedItemArn"].endswith(
        answer["successfulItems"][0]["relatedItemId"]
    )
    assert [(f["caseIdentifier"], f["errorCode"]) for f in answer["failedItems"]] == [
        ({"caseId": related.case_id}, "SERVICE_QUOTA_EXCEEDED"),
        ({"caseId": "ghost"}, "CASE_NOT_FOUND"),
    ]
    assert again["successfulItems"] == answer["successfulItems"]
    assert len(related.items(second)) == 1
    assert (
        code_of(
            lambda: related.client.batch_create_related_item(
                **request, clientToken="t-1", performedBy={"customEntity": "x"}
            )
        )[0]
        == "ConflictException"
    )
    not_comment = {**request, "content": {"file": {"fileArn": FILE}}}
    assert (
        code_of(lambda: related.client.batch_create_related_item(**not_comment))[0] == "ValidationException"
    )
