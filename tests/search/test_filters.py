"""SearchCases filters: every operator against every field type, emptyValue, nesting, not, tags."""

from __future__ import annotations

from typing import Any

import pytest

from tests.config.helpers import code_of
from tests.search.conftest import VALUES, Searchable

TYPES = list(VALUES)
ORDERED = ["note", "link", "priority", "due", "owner", "country"]


@pytest.mark.parametrize("name", TYPES)
def test_equal_to_matches_the_value_under_the_field_type(searchable: Searchable, name: str) -> None:
    assert searchable.found(searchable.field(name, "equalTo", VALUES[name][1])) == (
        {"B", "C"} if name == "urgent" else {"B"}
    )


@pytest.mark.parametrize("name", TYPES)
def test_equal_to_empty_matches_the_cases_without_a_value(searchable: Searchable, name: str) -> None:
    assert searchable.found(searchable.field(name, "equalTo", None)) == {"D"}


@pytest.mark.parametrize("name", ORDERED)
@pytest.mark.parametrize(
    ("operator", "expected"),
    [
        ("greaterThan", {"C"}),
        ("greaterThanOrEqualTo", {"B", "C"}),
        ("lessThan", {"A"}),
        ("lessThanOrEqualTo", {"A", "B"}),
    ],
)
def test_range_operators_order_values_by_type(
    searchable: Searchable, name: str, operator: str, expected: set[str]
) -> None:
    assert searchable.found(searchable.field(name, operator, VALUES[name][1])) == expected


def test_numbers_compare_numerically_and_datetimes_as_instants(searchable: Searchable) -> None:
    assert searchable.found(searchable.field("priority", "equalTo", 1)) == {"A"}
    assert searchable.found(searchable.field("priority", "greaterThan", 2)) == {"B", "C"}
    assert searchable.found(searchable.field("due", "equalTo", "2026-02-01T01:00:00+01:00")) == {"B"}


@pytest.mark.parametrize(
    ("name", "needle", "expected"),
    [
        ("note", "SPLIT", {"B"}),
        ("note", "an", {"B"}),
        ("link", "example", {"A", "B", "C"}),
        ("owner", "arn:aws:connect:us-east-1:123456789012:INSTANCE/i-1/agent/C", {"C"}),
        ("country", "U", {"C"}),
    ],
)
def test_contains_is_a_case_insensitive_substring(
    searchable: Searchable, name: str, needle: str, expected: set[str]
) -> None:
    assert searchable.found(searchable.field(name, "contains", needle)) == expected


@pytest.mark.parametrize(
    ("name", "operator", "value"),
    [
        ("priority", "contains", 2),
        ("urgent", "contains", True),
        ("due", "contains", "2026"),
        ("urgent", "greaterThan", False),
        ("urgent", "lessThanOrEqualTo", True),
        ("note", "greaterThan", None),
        ("note", "contains", None),
        ("note", "equalTo", 3),
        ("priority", "equalTo", "three"),
        ("due", "lessThan", "yesterday"),
        ("ghost", "equalTo", "x"),
    ],
)
def test_combinations_the_service_rejects(
    searchable: Searchable, name: str, operator: str, value: Any
) -> None:
    code, message = code_of(lambda: searchable.search(filter=searchable.field(name, operator, value)))

    assert code == "ValidationException"
    assert f"filter.field.{operator}" in message


def test_not_is_the_complement(searchable: Searchable) -> None:
    assert searchable.found({"not": searchable.field("country", "equalTo", "us")}) == {"A", "B", "D"}
    assert searchable.found({"not": {"not": searchable.field("country", "equalTo", "us")}}) == {"C"}


def test_and_all_and_or_all_nest(searchable: Searchable) -> None:
    low_or_high = {
        "orAll": [
            searchable.field("priority", "lessThan", 2),
            searchable.field("priority", "greaterThan", 2.5),
        ]
    }
    urgent = searchable.field("urgent", "equalTo", True)

    assert searchable.found(low_or_high) == {"A", "C"}
    assert searchable.found({"andAll": [low_or_high, urgent]}) == {"C"}
    assert searchable.found({"andAll": [low_or_high, {"not": urgent}]}) == {"A"}
    assert searchable.found({"orAll": [{"andAll": [urgent]}, searchable.field("note", "equalTo", None)]}) == {
        "B",
        "C",
        "D",
    }
    code, message = code_of(
        lambda: searchable.search(filter={"andAll": [urgent, searchable.field("x", "equalTo", 1)]})
    )
    assert (code, "filter.andAll[1].field.equalTo.id" in message) == ("ValidationException", True)


@pytest.mark.needs_model("CaseFilter.tag")
def test_tag_filters(searchable: Searchable) -> None:
    domain = searchable.domain
    arn = domain.client.get_domain(domainId=domain.domain_id)["domainArn"]
    domain.client.tag_resource(arn=f"{arn}/case/{searchable.ids[1]}", tags={"team": "billing"})

    assert searchable.found({"tag": {"equalTo": {"key": "team", "value": "billing"}}}) == {"B"}
    assert searchable.found({"tag": {"equalTo": {"key": "team", "value": "Billing"}}}) == set()


def test_deleted_fields_still_match_their_stored_values(searchable: Searchable) -> None:
    domain = searchable.domain
    domain.client.delete_field(domainId=domain.domain_id, fieldId=domain.ids["note"])

    assert searchable.found(searchable.field("note", "equalTo", "apple")) == {"A"}
