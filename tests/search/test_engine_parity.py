"""SearchCases against a reference written here: seeded random filters, sorts and page sizes over
a domain full of ties and missing values, with cases changing between pages. Whatever plan the
engine picks (an equality's set, a range's values or entries, a walk of the sort field's index,
a sort of a few matches), each page must be what a plain sort of the current matches gives after
the last key returned; and the index must stay the size of the cases, however many searches and
writes there are."""

from __future__ import annotations

import random
from functools import cmp_to_key
from typing import Any

import pytest

from cases_mock import mock_connectcases
from tests.builders import a_client
from tests.rules.domain import RuleDomain, a_rule_domain, wire

CHOICES: dict[str, list[Any]] = {
    "priority": [1, 2, 2.5, 3, 4, None],
    "country": ["us", "ca", "mx", None],
    "note": ["apple pie", "Apple", "banana split", "cherry", "pineapple", None],
    "due": ["2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "2026-03-01T12:00:00Z", None, None],
}
RANGES = ("greaterThan", "greaterThanOrEqualTo", "lessThan", "lessThanOrEqualTo")
RANGED = ("priority", "note", "due")
Values = dict[str, Any]


def _leaf(rng: random.Random) -> tuple[dict[str, Any], Any]:
    """A filter leaf and its meaning, a function of a case's values."""
    name = rng.choice(list(CHOICES))
    value = rng.choice([v for v in CHOICES[name] if v is not None])
    roll = rng.random()
    if roll < 0.1:
        return {"equalTo": {"id": name, "value": wire(None)}}, lambda v: v.get(name) is None
    if roll < 0.25 and name == "note":
        needle = rng.choice(["apple", "AN", "e"])
        return (
            {"contains": {"id": name, "value": wire(needle)}},
            lambda v: v.get(name) is not None and needle.casefold() in v[name].casefold(),
        )
    if roll < 0.6 or name not in RANGED:
        return {"equalTo": {"id": name, "value": wire(value)}}, lambda v: v.get(name) == value
    operator = rng.choice(RANGES)
    compare = {
        "greaterThan": lambda a: a > value,
        "greaterThanOrEqualTo": lambda a: a >= value,
        "lessThan": lambda a: a < value,
        "lessThanOrEqualTo": lambda a: a <= value,
    }[operator]
    return {
        operator: {"id": name, "value": wire(value)}
    }, lambda v: v.get(name) is not None and compare(v[name])


def _filter(rng: random.Random) -> tuple[dict[str, Any], Any]:
    """A random CaseFilter (wire, field names not yet ids) and its meaning."""
    children = []
    for _ in range(rng.randint(1, 3)):
        body, meaning = _leaf(rng)
        roll = rng.random()
        if roll < 0.1:
            children.append(({"not": {"field": body}}, lambda v, m=meaning: not m(v)))
        elif roll < 0.2:
            other, second = _leaf(rng)
            children.append(
                ({"orAll": [{"field": body}, {"field": other}]}, lambda v, m=meaning, s=second: m(v) or s(v))
            )
        else:
            children.append(({"field": body}, meaning))
    if len(children) == 1 and rng.random() < 0.5:
        return children[0]
    return {"andAll": [body for body, _ in children]}, lambda v: all(m(v) for _, m in children)


def _with_ids(body: Any, ids: dict[str, str]) -> Any:
    if isinstance(body, dict):
        return {k: ids.get(v, v) if k == "id" else _with_ids(v, ids) for k, v in body.items()}
    if isinstance(body, list):
        return [_with_ids(item, ids) for item in body]
    return body


def _key(values: Values, case_id: str, sorts: list[tuple[str, bool]]) -> list[Any]:
    return [*((values.get(name) is None, values.get(name)) for name, _ in sorts), case_id]


def _compare(sorts: list[tuple[str, bool]]) -> Any:
    """Compares two keys: per sort, cases without a value last in both orders; then case id."""

    def compare(a: list[Any], b: list[Any]) -> int:
        for (a_missing, a_value), (b_missing, b_value), (_, descending) in zip(a, b, sorts, strict=False):
            if a_missing != b_missing:
                return 1 if a_missing else -1
            if not a_missing and a_value != b_value:
                lower = a_value < b_value
                return (1 if lower else -1) if descending else (-1 if lower else 1)
        return (a[-1] > b[-1]) - (a[-1] < b[-1])

    return compare


def _expected(
    model: dict[str, Values], meaning: Any, sorts: list[tuple[str, bool]], after: list[Any] | None
) -> list[str]:
    compare = _compare(sorts)
    keys = [_key(values, case_id, sorts) for case_id, values in model.items() if meaning(values)]
    if after is not None:
        keys = [key for key in keys if compare(after, key) < 0]
    return [key[-1] for key in sorted(keys, key=cmp_to_key(compare))]


def _domain(rng: random.Random, count: int) -> tuple[RuleDomain, str, dict[str, Values]]:
    domain = a_rule_domain(a_client(), "engine-parity")
    template_id = domain.template()
    model: dict[str, Values] = {}
    for _ in range(count):
        values = {name: rng.choice(options) for name, options in CHOICES.items()}
        case_id = domain.create_case(template_id, **values)
        model[case_id] = {name: value for name, value in values.items() if value is not None}
    return domain, template_id, model


def _change(rng: random.Random, domain: RuleDomain, template_id: str, model: dict[str, Values]) -> None:
    """Updates a case's field (or empties it), or creates a case, in the mock and the model."""
    if rng.random() < 0.2:
        values = {name: rng.choice(options) for name, options in CHOICES.items()}
        case_id = domain.create_case(template_id, **values)
        model[case_id] = {name: value for name, value in values.items() if value is not None}
        return
    case_id = rng.choice(sorted(model))
    name = rng.choice(list(CHOICES))
    value = rng.choice(CHOICES[name])
    domain.update_case(case_id, **{name: value})
    if value is None:
        model[case_id].pop(name, None)
    else:
        model[case_id][name] = value


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_page_is_a_plain_sort_of_the_current_matches_after_the_last_key(seed: int) -> None:
    rng = random.Random(seed)
    with mock_connectcases():
        domain, template_id, model = _domain(rng, 40)
        for _ in range(25):
            body, meaning = _filter(rng)
            sorts = [(name, rng.random() < 0.5) for name in rng.sample(list(CHOICES), rng.choice([1, 1, 2]))]
            wire_sorts = [
                {"fieldId": domain.ids[name], "sortOrder": "Desc" if descending else "Asc"}
                for name, descending in sorts
            ]
            size = rng.choice([1, 3, 7, 25])
            params = {"domainId": domain.domain_id, "filter": _with_ids(body, domain.ids)}
            after: list[Any] | None = None
            token = None
            for _ in range(6):
                answer = domain.client.search_cases(
                    maxResults=size, sorts=wire_sorts, **params, **({"nextToken": token} if token else {})
                )
                expected = _expected(model, meaning, sorts, after)
                got = [item["caseId"] for item in answer["cases"]]
                assert got == expected[:size], (body, sorts, size)
                assert answer["totalCount"] == len(_expected(model, meaning, sorts, None))
                token = answer.get("nextToken")
                assert (token is not None) == (len(expected) > size)
                if token is None:
                    break
                after = _key(model[got[-1]], got[-1], sorts)
                if rng.random() < 0.5:
                    _change(rng, domain, template_id, model)


def test_the_index_holds_as_many_entries_however_many_searches_and_writes() -> None:
    rng = random.Random(7)
    with mock_connectcases() as mock:
        domain, _, model = _domain(rng, 30)
        sorted_by = [{"fieldId": domain.ids["due"], "sortOrder": "Desc"}]
        queries = [
            {"filter": _with_ids(_filter(rng)[0], domain.ids), "sorts": sorted_by, "maxResults": 5}
            for _ in range(6)
        ]
        data = mock.backend().domain(domain.domain_id).data

        def search_all() -> int:
            for query in queries:
                domain.client.search_cases(domainId=domain.domain_id, **query)
            return int(data.search_index.entries())

        indexed = search_all()
        originals = {case_id: dict(values) for case_id, values in model.items()}
        for _ in range(3):
            for _ in range(40):  # the same cases, other values
                name = rng.choice(list(CHOICES))
                domain.update_case(rng.choice(sorted(model)), **{name: rng.choice(CHOICES[name])})
            search_all()
            for case_id, values in originals.items():  # the same values as at first
                domain.update_case(case_id, **{name: values.get(name) for name in CHOICES})
            assert search_all() == indexed


def test_churn_between_two_searches_keeps_the_bookkeeping_within_the_cases() -> None:
    rng = random.Random(11)
    with mock_connectcases() as mock:
        domain, template_id, model = _domain(rng, 12)
        query = {
            "domainId": domain.domain_id,
            "filter": {"field": {"equalTo": {"id": domain.ids["country"], "value": wire("us")}}},
            "sorts": [{"fieldId": domain.ids["due"], "sortOrder": "Asc"}],
            "maxResults": 100,
        }
        sorts = [("due", False)]

        def meaning(values: Values) -> bool:
            return bool(values.get("country") == "us")

        def churn() -> None:  # a case made and another deleted: the count stays at 12
            values = {name: rng.choice(options) for name, options in CHOICES.items()}
            case_id = domain.create_case(template_id, **values)
            model[case_id] = {name: value for name, value in values.items() if value is not None}
            gone = rng.choice(sorted(model))
            domain.client.delete_case(domainId=domain.domain_id, caseId=gone)
            del model[gone]

        data = mock.backend().domain(domain.domain_id).data
        largest = 0
        for _ in range(2):
            answer = domain.client.search_cases(**query)  # builds (or refreshes) the index
            assert [item["caseId"] for item in answer["cases"]] == _expected(model, meaning, sorts, None)
            for _ in range(30):
                churn()
                largest = max(largest, len(data.dirty_cases))
        # at most the 12 cases (and the one just made) wait to be indexed, not the 60 written
        assert largest <= 13
        for _ in range(15):  # the same churn, searched after each pair: deleted cases' numbers
            churn()
            domain.client.search_cases(**query)
            # are reused, so a bitmap never spans more than the cases held at once
            assert len(data.search_index.id_at) <= 13
        answer = domain.client.search_cases(**query)
        assert [item["caseId"] for item in answer["cases"]] == _expected(model, meaning, sorts, None)
        assert answer["totalCount"] == sum(meaning(values) for values in model.values())


MANY_VALUE_FILTERS: list[list[tuple[str, str, Any]]] = [
    # every case shares the note, and the range spans more values than a set union takes
    [("note", "equalTo", "same"), ("priority", "greaterThanOrEqualTo", 75)],
    # a rare country, the same wide range
    [("country", "equalTo", "mx"), ("priority", "lessThan", 75)],
    # a range leaving out few values
    [("country", "equalTo", "us"), ("priority", "greaterThan", 4)],
    [("priority", "lessThanOrEqualTo", 140), ("note", "equalTo", "same")],
    # a contains on a text of as many values as cases, after a rare country
    [("country", "equalTo", "mx"), ("reason", "contains", "reason 1")],
    [("reason", "contains", "REASON 2"), ("note", "equalTo", "same")],
    [("reason", "contains", "3")],
]


def test_ranges_and_contains_over_many_distinct_values_match_a_plain_check() -> None:
    with mock_connectcases():
        domain = a_rule_domain(a_client(), "many-values")
        template_id = domain.template()
        model: dict[str, Values] = {}
        for number in range(150):
            values = {
                "priority": None if number % 37 == 0 else number,
                "country": "mx" if number % 30 == 0 else ("us" if number % 3 == 0 else "ca"),
                "note": "same" if number % 50 else None,
                "reason": f"Reason {number}",
            }
            case_id = domain.create_case(template_id, **values)
            model[case_id] = {name: value for name, value in values.items() if value is not None}
        compare = {
            "equalTo": lambda a, b: a == b,
            "greaterThan": lambda a, b: a > b,
            "greaterThanOrEqualTo": lambda a, b: a >= b,
            "lessThan": lambda a, b: a < b,
            "lessThanOrEqualTo": lambda a, b: a <= b,
            "contains": lambda a, b: b.casefold() in a.casefold(),
        }

        for children in MANY_VALUE_FILTERS:

            def meaning(values: Values, children: list[tuple[str, str, Any]] = children) -> bool:
                return all(name in values and compare[op](values[name], want) for name, op, want in children)

            case_filter = {
                "andAll": [
                    {"field": {op: {"id": domain.ids[name], "value": wire(want)}}}
                    for name, op, want in children
                ]
            }
            answer = domain.client.search_cases(
                domainId=domain.domain_id,
                filter=case_filter,
                sorts=[{"fieldId": domain.ids["priority"], "sortOrder": "Desc"}],
                maxResults=100,
            )
            expected = _expected(model, meaning, [("priority", True)], None)
            assert [item["caseId"] for item in answer["cases"]] == expected[:100], children
            assert answer["totalCount"] == len(expected), children
