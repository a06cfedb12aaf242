"""Opt-in eventual consistency of searches: a write becomes visible to SearchCases,
SearchRelatedItems and SearchAllRelatedItems ``mock.limits.search_delay`` after it is made, on
the mock's clock, while GetCase sees it at once
(https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_SearchCases.html)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.limits.conftest import Desk

COMMENT = {"comment": {"body": "hello", "contentType": "Text/Plain"}}


def test_without_a_delay_searches_see_writes_at_once(desk: Desk) -> None:
    desk.create_case("a")
    assert desk.titles_found() == ["a"]


def test_a_new_case_is_found_once_the_delay_has_passed(desk: Desk) -> None:
    desk.mock.limits.search_delay = timedelta(seconds=5)
    case_id = desk.create_case("fresh")

    assert desk.titles_found() == []
    got = desk.client.get_case(domainId=desk.domain_id, caseId=case_id, fields=[{"id": "title"}])
    assert got["fields"][0]["value"] == {"stringValue": "fresh"}
    desk.mock.clock.advance(timedelta(seconds=4))
    assert desk.titles_found() == []
    desk.mock.clock.advance(timedelta(seconds=1))
    assert desk.titles_found() == ["fresh"]


@pytest.mark.needs_model("DeleteCase")
def test_updates_and_deletes_reach_searches_after_the_delay(desk: Desk) -> None:
    old = desk.create_case("before")
    gone = desk.create_case("doomed")
    desk.mock.limits.search_delay = 2.0  # seconds

    desk.client.update_case(
        domainId=desk.domain_id, caseId=old, fields=[{"id": "title", "value": {"stringValue": "after"}}]
    )
    desk.client.delete_case(domainId=desk.domain_id, caseId=gone)

    assert desk.titles_found() == ["before", "doomed"]
    assert desk.titles_found("before") == ["before"]
    assert desk.titles_found("after") == []
    desk.mock.clock.advance(timedelta(seconds=2))
    assert desk.titles_found() == ["after"]
    assert desk.titles_found("before") == []


@pytest.mark.needs_model("SearchAllRelatedItems")
def test_related_items_reach_searches_after_the_delay(desk: Desk) -> None:
    case_id = desk.create_case("a")
    desk.mock.limits.search_delay = timedelta(seconds=3)
    desk.client.create_related_item(domainId=desk.domain_id, caseId=case_id, type="Comment", content=COMMENT)

    def found() -> tuple[int, int]:
        one = desk.client.search_related_items(domainId=desk.domain_id, caseId=case_id)
        every = desk.client.search_all_related_items(domainId=desk.domain_id)
        return len(one["relatedItems"]), len(every["relatedItems"])

    assert found() == (0, 0)
    desk.mock.clock.advance(timedelta(seconds=3))
    assert found() == (1, 1)


def test_a_domain_made_while_delayed_lags_from_its_first_case(desk: Desk) -> None:
    desk.mock.limits.search_delay = timedelta(seconds=1)
    domain_id = desk.client.create_domain(name="later")["domainId"]
    template_id = desk.client.create_template(domainId=domain_id, name="t")["templateId"]
    desk.client.create_case(
        domainId=domain_id, templateId=template_id, fields=[{"id": "title", "value": {"stringValue": "x"}}]
    )

    assert desk.client.search_cases(domainId=domain_id)["cases"] == []
    desk.mock.clock.advance(timedelta(seconds=1))
    assert len(desk.client.search_cases(domainId=domain_id)["cases"]) == 1
    desk.mock.limits.search_delay = 0
    desk.client.create_case(
        domainId=domain_id, templateId=template_id, fields=[{"id": "title", "value": {"stringValue": "y"}}]
    )
    assert len(desk.client.search_cases(domainId=domain_id)["cases"]) == 2
