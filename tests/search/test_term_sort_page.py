"""searchTerm, sorts, projection, totalCount and paging."""

from __future__ import annotations

import pytest

from cases_mock import CasesMock, mock_connectcases
from tests.builders import a_client
from tests.config.helpers import code_of
from tests.rules.domain import a_rule_domain
from tests.search.conftest import Searchable


def test_search_term_tokens_must_all_occur_in_text_like_values(searchable: Searchable) -> None:
    assert searchable.found(searchTerm="banana") == {"B"}
    assert searchable.found(searchTerm="SPLIT  banana") == {"B"}
    assert searchable.found(searchTerm="banana cherry") == set()
    assert searchable.found(searchTerm="case") == {"A", "B", "C", "D"}
    assert searchable.found(searchTerm="agent/c") == {"C"}
    assert searchable.found(searchTerm="2026") == set()  # DateTime values are not searched
    assert searchable.found(searchTerm=searchable.ids[3][:8]) == {"D"}  # case_id is text
    assert searchable.found(searchable.field("urgent", "equalTo", True), searchTerm="cherry") == {"C"}
    assert searchable.found(searchTerm="   ") == {"A", "B", "C", "D"}


def _order(searchable: Searchable, sorts: list[dict[str, str]], **params: object) -> str:
    letters = dict(zip(searchable.ids, "ABCD", strict=True))
    order = ""
    token = None
    while True:
        page = searchable.search(
            sorts=sorts, maxResults=1, **params, **({"nextToken": token} if token else {})
        )
        order += "".join(letters[item["caseId"]] for item in page["cases"])
        token = page.get("nextToken")
        if not token:
            return order


def test_sorts_by_type_with_missing_values_last(searchable: Searchable) -> None:
    ids = searchable.domain.ids
    for name in ("note", "priority", "due", "country", "owner"):
        assert _order(searchable, [{"fieldId": ids[name], "sortOrder": "Asc"}]) == "ABCD"
        assert _order(searchable, [{"fieldId": ids[name], "sortOrder": "Desc"}]) == "CBAD"


def test_text_sorts_by_code_point(searchable: Searchable) -> None:
    domain = searchable.domain
    domain.update_case(searchable.ids[2], note="Zebra")

    assert _order(searchable, [{"fieldId": domain.ids["note"], "sortOrder": "Asc"}]) == "CABD"


def test_two_sort_keys_and_a_stable_tie_break(searchable: Searchable) -> None:
    ids = searchable.domain.ids
    sorts = [
        {"fieldId": ids["urgent"], "sortOrder": "Desc"},
        {"fieldId": ids["priority"], "sortOrder": "Asc"},
    ]

    assert _order(searchable, sorts) == "BCAD"
    tied = _order(searchable, [{"fieldId": "status", "sortOrder": "Asc"}])
    assert "".join(sorted(tied, key=lambda letter: searchable.ids["ABCD".index(letter)])) == tied


def test_default_order_is_last_updated_first(searchable: Searchable) -> None:
    # Timestamps have milliseconds; a call can take less, so tick past case D's creation.
    CasesMock().clock.advance(milliseconds=2)
    searchable.domain.update_case(searchable.ids[0], note="touched")

    assert _order(searchable, [])[0] == "A"


@pytest.mark.needs_model("SearchCasesResponse.totalCount")
def test_projection_total_count_and_page_bounds(searchable: Searchable) -> None:
    ids = searchable.domain.ids
    page = searchable.search(
        fields=[{"id": ids["priority"]}, {"id": "title"}],
        sorts=[{"fieldId": ids["priority"], "sortOrder": "Asc"}],
        maxResults=2,
    )

    assert page["totalCount"] == 4
    assert page["cases"][0]["fields"] == [
        {"id": ids["priority"], "value": {"doubleValue": 1.0}},
        {"id": "title", "value": {"stringValue": "case A"}},
    ]
    assert page["cases"][0]["tags"] == {}
    assert "templateId" in page["cases"][0]
    assert searchable.search()["cases"][0]["fields"] == []
    ghost_sort = {"sorts": [{"fieldId": "ghost", "sortOrder": "Asc"}]}
    assert code_of(lambda: searchable.search(**ghost_sort))[0] == "ValidationException"
    token = page["nextToken"]
    assert code_of(lambda: searchable.search(searchTerm="x", nextToken=token))[0] == "ValidationException"


@pytest.mark.needs_model("DeleteCase")
def test_paging_returns_every_match_once_while_cases_change() -> None:
    with mock_connectcases():
        domain = a_rule_domain(a_client(), "paging")
        template_id = domain.template()
        made = [domain.create_case(template_id, priority=i) for i in range(60)]
        sorts = [{"fieldId": domain.ids["priority"], "sortOrder": "Asc"}]
        first = domain.client.search_cases(domainId=domain.domain_id, sorts=sorts)
        assert len(first["cases"]) == 25  # the default page
        domain.client.delete_case(domainId=domain.domain_id, caseId=made[0])
        late = domain.create_case(template_id, priority=99)

        rest = []
        for page in domain.client.get_paginator("search_cases").paginate(
            domainId=domain.domain_id,
            sorts=sorts,
            PaginationConfig={"StartingToken": first["nextToken"], "PageSize": 10},
        ):
            rest.extend(item["caseId"] for item in page["cases"])

        assert [c["caseId"] for c in first["cases"]] + rest == [*made, late]


@pytest.mark.needs_model("DeleteCase", "StartMergeCases")
def test_results_follow_every_kind_of_write() -> None:
    with mock_connectcases() as mock:
        domain = a_rule_domain(a_client(), "fresh")
        template_id = domain.template()
        ids = domain.ids
        first = domain.create_case(template_id, priority=1, note="a")
        second = domain.create_case(template_id, priority=2, note="b")
        by_priority = {
            "field": {"greaterThanOrEqualTo": {"id": ids["priority"], "value": {"doubleValue": 2}}}
        }
        sorts = [{"fieldId": ids["priority"], "sortOrder": "Desc"}]

        def found() -> list[str]:
            answer = domain.client.search_cases(domainId=domain.domain_id, filter=by_priority, sorts=sorts)
            return [c["caseId"] for c in answer["cases"]]

        assert found() == [second]
        domain.update_case(first, priority=5)
        assert found() == [first, second]
        third = domain.create_case(template_id, priority=3)
        assert found() == [first, third, second]
        domain.client.delete_case(domainId=domain.domain_id, caseId=first)
        assert found() == [third, second]
        domain.update_case(third, priority=None)
        assert found() == [second]
        domain.client.start_merge_cases(
            domainId=domain.domain_id,
            caseId=third,
            secondaryCaseIds=[second],
            fieldsConfiguration=[{"fieldIds": [{"id": ids["priority"]}], "sourceCaseId": second}],
        )
        assert found() == sorted([second, third])  # the primary took the secondary's 2; ties by id
        state = mock.export_state()
        mock.reset()
        mock.import_state(state)
        assert found() == sorted([second, third])
