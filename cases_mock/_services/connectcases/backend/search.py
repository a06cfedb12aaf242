"""SearchCases (docs/behaviour.md#search): filters compiled once into predicates, sorts, searchTerm
and keyset pages.

A filter is checked against the domain (unknown field ids, value members that do not fit the
field's type, operators the type does not support: ValidationException naming the member path)
and compiled into a closure over ``Case.values``, so a search is one pass over the cases. Sort
keys are tuples: per sort ``(missing, value)`` with missing values last in both orders, then the
case id; a page starts strictly after the key recorded in the token.
"""

from __future__ import annotations

import heapq
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cases_mock._services.connectcases.backend.pagination import decode_token, encode_token
from cases_mock._services.connectcases.backend.records import Case, DomainData, Field, Scalar
from cases_mock._services.connectcases.backend.search_index import SearchIndex
from cases_mock._services.connectcases.backend.values import MEMBER_FOR_TYPE, normalise_datetime
from cases_mock._services.connectcases.errors import ValidationException

Predicate = Callable[[Case], bool]
CONTAINS_TYPES = ("Text", "Url", "SingleSelect", "User")
SEARCHABLE_TYPES = frozenset({"Text", "Url", "SingleSelect", "User"})
_CHECK_INDEX = os.environ.get("CASES_MOCK_STRICT_OUTPUT") == "1"
DEFAULT_SORTS = [{"fieldId": "last_updated_datetime", "sortOrder": "Desc"}]


def _invalid(path: str, why: str) -> ValidationException:
    return ValidationException(f"Invalid value at '{path}': {why}")


def _field(data: DomainData, field_id: str, path: str) -> Field:
    found = data.fields.get(field_id)
    if found is None:
        raise _invalid(path, f"field {field_id!r} does not exist in this domain")
    return found


def _operand(field: Field, union: dict[str, Any], path: str) -> Scalar | None:
    """The operand as stored values are (None for emptyValue); ValidationException on a misfit."""
    (member, literal), *_ = union.items()
    if member == "emptyValue":
        return None
    expected = MEMBER_FOR_TYPE[field.type]
    if member != expected:
        raise _invalid(
            f"{path}.{member}", f"field {field.label} is {field.type} and compares with {expected}"
        )
    if field.type == "Number":
        return float(literal)
    if field.type == "Boolean":
        return bool(literal)
    if field.type == "DateTime":
        normalised = normalise_datetime(str(literal))
        if normalised is None:
            raise _invalid(f"{path}.{member}", f"{literal!r} is not an ISO-8601 date-time")
        return normalised
    return str(literal)


def _field_predicate(data: DomainData, body: dict[str, Any], path: str) -> Predicate:
    (operator, operand), *_ = body.items()
    field_id = str(operand["id"])
    field = _field(data, field_id, f"{path}.{operator}.id")
    value = _operand(field, operand["value"], f"{path}.{operator}.value")
    if operator == "equalTo":
        if value is None:
            return lambda case: field_id not in case.values
        return lambda case: case.values.get(field_id) == value
    if value is None:
        raise _invalid(f"{path}.{operator}.value", f"{operator} cannot compare with emptyValue")
    if operator == "contains":
        if field.type not in CONTAINS_TYPES:
            raise _invalid(
                f"{path}.contains", f"contains does not apply to the {field.type} field {field.label}"
            )
        needle = str(value).casefold()

        def contains(case: Case) -> bool:
            stored = case.values.get(field_id)
            return isinstance(stored, str) and needle in stored.casefold()

        return contains
    if field.type == "Boolean":
        raise _invalid(f"{path}.{operator}", f"{operator} does not apply to the Boolean field {field.label}")
    return _range(operator, field_id, value)


def _range(operator: str, field_id: str, value: Scalar) -> Predicate:
    """A range leaf, written out per operator: this is the hot loop of a search."""
    if operator == "greaterThan":
        return lambda case: (stored := case.values.get(field_id)) is not None and stored > value  # type: ignore[operator]
    if operator == "greaterThanOrEqualTo":
        return lambda case: (stored := case.values.get(field_id)) is not None and stored >= value  # type: ignore[operator]
    if operator == "lessThan":
        return lambda case: (stored := case.values.get(field_id)) is not None and stored < value  # type: ignore[operator]
    return lambda case: (stored := case.values.get(field_id)) is not None and stored <= value  # type: ignore[operator]


def compile_filter(data: DomainData, body: dict[str, Any], path: str = "filter", depth: int = 0) -> Predicate:
    """A predicate for the CaseFilter ``body``, checked against the domain."""
    (kind, inner), *_ = body.items()
    here = f"{path}.{kind}"
    if kind == "field":
        return _field_predicate(data, inner, here)
    if kind == "tag":
        key, wanted = inner["equalTo"]["key"], inner["equalTo"]["value"]
        return lambda case: case.tags.get(key) == wanted
    if kind == "not":
        negated = compile_filter(data, inner, here, depth + 1)
        return lambda case: not negated(case)
    children = [compile_filter(data, child, f"{here}[{i}]", depth + 1) for i, child in enumerate(inner)]
    return _all(children) if kind == "andAll" else _any(children)


def _all(children: list[Predicate]) -> Predicate:
    if not children:
        return lambda case: True
    if len(children) == 1:
        return children[0]
    first, rest = children[0], _all(children[1:])
    return lambda case: first(case) and rest(case)


def _any(children: list[Predicate]) -> Predicate:
    if not children:
        return lambda case: False
    if len(children) == 1:
        return children[0]
    first, rest = children[0], _any(children[1:])
    return lambda case: first(case) or rest(case)


def compile_term(data: DomainData, term: str | None) -> Predicate | None:
    """Quick search: every whitespace token occurs, case-insensitively, in some text-like value."""
    tokens = [token.casefold() for token in (term or "").split()]
    if not tokens:
        return None
    searchable = {f.field_id for f in data.fields.values() if f.type in SEARCHABLE_TYPES}

    def matches(case: Case) -> bool:
        texts = [str(v).casefold() for k, v in case.values.items() if k in searchable]
        return all(any(token in text for text in texts) for token in tokens)

    return matches


class _Desc:
    """Reverses the order of a value inside a sort key tuple."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Desc) -> bool:
        return bool(other.value < self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Desc) and bool(self.value == other.value)

    __hash__ = None  # type: ignore[assignment]


@dataclass(slots=True)
class Ordering:
    sorts: list[tuple[str, bool]]  # (field id, descending)

    def raw(self, case: Case) -> list[Any]:
        """The JSON form of ``case``'s key, as a nextToken records it."""
        out: list[Any] = []
        for field_id, _ in self.sorts:
            value = case.values.get(field_id)
            out.append([1, None] if value is None else [0, value])
        out.append(case.case_id)
        return out

    def key(self, raw: list[Any]) -> tuple[Any, ...]:
        """The comparable key of a raw key (as ``raw`` makes it, or read back from a token)."""
        parts: list[Any] = [
            _MISSING if missing else _part(value, descending)
            for (missing, value), (_, descending) in zip(raw, self.sorts, strict=False)
        ]
        parts.append(raw[-1])
        return tuple(parts)

    def key_of(self, case: Case) -> tuple[Any, ...]:
        """``key(raw(case))`` without the detour: this runs once per match."""
        values = case.values
        parts: list[Any] = []
        for field_id, descending in self.sorts:
            value = values.get(field_id)
            parts.append(_MISSING if value is None else _part(value, descending))
        parts.append(case.case_id)
        return tuple(parts)


_MISSING = (1, 0)


def _part(value: Any, descending: bool) -> tuple[int, Any]:
    """Numbers and booleans descend by negation (cheap); strings through ``_Desc``."""
    if not descending:
        return (0, value)
    if isinstance(value, (int, float)):
        return (0, -value)
    return (0, _Desc(value))


def ordering(data: DomainData, sorts: list[dict[str, Any]] | None) -> Ordering:
    chosen = sorts or DEFAULT_SORTS
    for index, entry in enumerate(chosen):
        _field(data, str(entry["fieldId"]), f"sorts[{index}].fieldId")
    return Ordering([(str(entry["fieldId"]), entry["sortOrder"] == "Desc") for entry in chosen])


@dataclass(slots=True)
class SearchPage:
    cases: list[Case]
    next_token: str | None
    total: int


def search_cases(
    data: DomainData,
    *,
    scope: str,
    filter_body: dict[str, Any] | None,
    term: str | None,
    sorts: list[dict[str, Any]] | None,
    max_results: int,
    next_token: str | None,
) -> SearchPage:
    """One page of the cases matching ``filter_body`` and ``term``, in the sorts' order."""
    predicates = [
        p for p in (compile_filter(data, filter_body) if filter_body else None, compile_term(data, term)) if p
    ]
    order = ordering(data, sorts)
    fingerprint = json.dumps([filter_body, term, sorts], sort_keys=True, default=str)
    token_scope = f"{scope}/{fingerprint}"
    after = decode_token(next_token, "SearchCases", token_scope) if next_token else None
    after_key = order.key(after) if after is not None else None
    indexes = _index_of(data)
    planned = _plan(data, indexes, filter_body) if filter_body else None
    term_predicate = compile_term(data, term)
    if planned is not None or not filter_body:
        if planned is not None and term_predicate is not None:
            planned = {cid for cid in planned if term_predicate(data.cases[cid])}
        elif planned is None and term_predicate is not None:
            planned = {cid for cid, case in data.cases.items() if term_predicate(case)}
        if after is None and len(order.sorts) == 1:
            return _walked_page(data, indexes, order, planned, max_results, token_scope)
        matches = [data.cases[cid] for cid in planned] if planned is not None else list(data.cases.values())
    elif len(predicates) == 1:
        only = predicates[0]
        matches = [case for case in data.cases.values() if only(case)]
    else:
        matches = [case for case in data.cases.values() if all(p(case) for p in predicates)]
    keyed = ((order.key_of(case), case) for case in matches)
    if after_key is not None:
        keyed = ((k, case) for k, case in keyed if after_key < k)
    # Keys end with the case id, so two keys are never equal and the tuples never compare cases.
    page = heapq.nsmallest(max_results + 1, keyed)
    more = len(page) > max_results
    chosen = [case for _, case in page[:max_results]]
    token = encode_token("SearchCases", token_scope, order.raw(chosen[-1])) if more and chosen else None
    return SearchPage(chosen, token, len(matches))


def _index_of(data: DomainData) -> SearchIndex:
    index = data.search_index
    if index is None:
        index = data.search_index = SearchIndex()
    index.refresh(data)
    if _CHECK_INDEX:
        stale = index.stale(data.cases)
        if stale:
            raise RuntimeError(f"search index missed writes to cases {stale[:3]}")
    return index  # type: ignore[no-any-return]


def _plan(data: DomainData, index: SearchIndex, body: dict[str, Any]) -> set[str] | None:
    """The exact ids (a set nobody may change) matching ``body``, helped by the indexes, or None.

    Served: ``equalTo`` with a value and the range operators on a field, and ``andAll`` whose
    children include one of those: the most selective such child gives the candidates (sizes
    known from the index without materialising anything), the other children are checked on
    those candidates only. Anything else (contains, emptyValue, not, orAll, tags) scans. ``body``
    was checked by ``compile_filter`` already."""
    (kind, inner), *_ = body.items()
    if kind == "field":
        leaf = _leaf(data, index, inner)
        return leaf[1]() if leaf is not None else None
    if kind != "andAll" or not inner:
        return None
    leaves: list[tuple[int, int, Any, bool]] = []  # (size, position, ids, is an equality)
    for position, child in enumerate(inner):
        (child_kind, child_body), *_ = child.items()
        leaf = _leaf(data, index, child_body) if child_kind == "field" else None
        if leaf is not None:
            leaves.append((leaf[0], position, leaf[1], "equalTo" in child_body))
    if not leaves:
        return None
    leaves.sort(key=lambda entry: entry[0])
    candidates: set[str] = leaves[0][2]()
    served = {leaves[0][1]}
    for _, position, ids, is_equality in leaves[1:]:
        if is_equality:  # an existing set: intersecting it costs only the smaller side
            candidates = candidates & ids()
            served.add(position)
    others = [compile_filter(data, child) for at, child in enumerate(inner) if at not in served]
    if not others:
        return candidates
    cases = data.cases
    check = _all(others)
    return {case_id for case_id in candidates if check(cases[case_id])}


def _leaf(data: DomainData, index: SearchIndex, inner: dict[str, Any]) -> tuple[int, Any] | None:
    """(how many cases it selects, a function giving their ids) for an indexable field leaf."""
    (operator, operand), *_ = inner.items()
    if operator == "contains":
        return None
    field = data.fields[str(operand["id"])]
    value = _operand(field, operand["value"], "filter")
    if value is None:
        return None
    found = index.field(field.field_id, data.cases)
    if operator == "equalTo":
        holders = found.by_value.get(value, set())
        return len(holders), lambda: holders  # read-only from here on: no copy
    start, end = found.bounds(operator, value)
    return max(0, end - start), lambda: {case_id for _, case_id in found.ordered[start:end]}


def _walked_page(
    data: DomainData,
    index: SearchIndex,
    order: Ordering,
    matching: set[str] | None,
    max_results: int,
    token_scope: str,
) -> SearchPage:
    """The first page of a one-key sort, read off the sort field's index in order (cases
    without a value last, by case id), so only the page's cases are ever looked at."""
    field_id, descending = order.sorts[0]
    cases = data.cases
    wanted = max_results + 1
    chosen: list[Case] = []
    for case_id in index.field(field_id, cases).walk(descending):
        if matching is None or case_id in matching:
            chosen.append(cases[case_id])
            if len(chosen) == wanted:
                break
    if len(chosen) < wanted:
        pool = matching if matching is not None else cases.keys()
        missing = sorted(cid for cid in pool if field_id not in cases[cid].values)
        chosen.extend(cases[cid] for cid in missing[: wanted - len(chosen)])
    total = len(matching) if matching is not None else len(cases)
    more = len(chosen) > max_results
    page = chosen[:max_results]
    token = encode_token("SearchCases", token_scope, order.raw(page[-1])) if more and page else None
    return SearchPage(page, token, total)
