"""SearchCases (docs/behaviour.md#search): filters compiled once into predicates, the planner over
the indexes (search_index.py), sorts, searchTerm and keyset pages (docs/performance.md#the-search-engine).

A filter is checked against the domain (unknown field ids, value members that do not fit the
field's type, operators the type does not support: ValidationException naming the member path)
and compiled into a closure over ``Case.values``. Field leaves of the filter (equalTo, ranges,
contains, at the top or in an ``andAll``) are served by the indexes; what they cannot serve is
checked by the closures on the candidates, or on every case. Sort keys are tuples: per sort
``(missing, value)`` with missing values last in both orders, then the case id; a page starts
strictly after the key recorded in the token, and is read off the sort field's index or taken
from the matches by a heap or a sort of a few, never by sorting every match.
"""

from __future__ import annotations

import heapq
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from operator import ge, gt, itemgetter, le, lt
from typing import Any

from cases_mock._services.connectcases.backend.pagination import decode_token, encode_token
from cases_mock._services.connectcases.backend.records import Case, DomainData, Field, Scalar
from cases_mock._services.connectcases.backend.search_index import CaseBits, FieldIndex, SearchIndex
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
    """One page of the cases matching ``filter_body`` and ``term``, in the sorts' order.

    The matching ids come from the indexes where the planner can use them (``_plan``), else
    from one pass of the compiled filter; the page is read off the sort field's index in order
    when that is cheaper than keying every match (``_page``); a page's cost does not depend on
    the cases that do not match."""
    predicate: Predicate | None = None  # the filter compiled and checked, before anything else
    children: list[Predicate] = []  # an andAll's children, compiled, for the planner to reuse
    if filter_body:
        (kind, inner), *_ = filter_body.items()
        if kind == "andAll":
            children = [compile_filter(data, c, f"filter.andAll[{i}]", 1) for i, c in enumerate(inner)]
            predicate = _all(children)
        else:
            predicate = compile_filter(data, filter_body)
    term_predicate = compile_term(data, term)
    order = ordering(data, sorts)

    def token_scope() -> str:
        fingerprint = json.dumps([filter_body, term, sorts], sort_keys=True, default=str)
        return f"{scope}/{fingerprint}"

    after = decode_token(next_token, "SearchCases", token_scope()) if next_token else None
    indexes = _index_of(data)
    cases = data.cases
    matching: set[str] | CaseBits | None = None  # None: every case
    if filter_body:
        matching = _plan(data, indexes, filter_body, children)
        if matching is None and predicate is not None:
            matching = {case_id for case_id, case in cases.items() if predicate(case)}
    if term_predicate is not None:
        pool = matching if matching is not None else cases.keys()
        matching = {case_id for case_id in pool if term_predicate(cases[case_id])}
    chosen = _page(data, indexes, order, matching, max_results + 1, after)
    page = [cases[case_id] for case_id in chosen[:max_results]]
    more = len(chosen) > max_results
    token = encode_token("SearchCases", token_scope(), order.raw(page[-1])) if more and page else None
    return SearchPage(page, token, len(matching) if matching is not None else len(cases))


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


# Relative costs per element, for choosing a plan: a membership test or set operation in C, a
# Python loop step over index entries, a compiled predicate or sort key on a case.
_IN_C, _STEP, _ON_CASE = 1, 3, 10
_FEW_VALUES = 64  # ranges over at most this many distinct values may go by the value sets


@dataclass(slots=True)
class _Leaf:
    """An indexable field leaf of a filter: equalTo a value, a range operator, or contains (whose
    value is the needle, casefolded, and whose size is only a bound: the field's entries)."""

    field_id: str
    operator: str
    value: Scalar
    index: FieldIndex
    size: int  # how many cases it selects

    def bitmap(self, index: SearchIndex) -> int | None:
        """The bitmap of the cases it selects, when every value it selects has one (equalTo a
        value many cases hold, a range over a few such values), else None."""
        if self.operator == "equalTo":
            return self.index.bitmap(self.value, index)
        if self.operator == "contains":
            return None
        start, end = self.index.key_bounds(self.operator, self.value)
        if end - start > _FEW_VALUES:
            return None
        found = 0
        for value in self.index.keys[start:end]:
            bits = self.index.bitmap(value, index)
            if bits is None:
                return None
            found |= bits
        return found

    def ids(self) -> set[str]:
        """The ids it selects (equalTo: the index's own set, which nobody may change)."""
        if self.operator == "equalTo":
            return self.index.by_value.get(self.value, _NONE)
        if self.operator == "contains":
            found: set[str] = set()
            for value in self._containing():
                found |= self.index.by_value[value]
            return found
        start, end = self.index.bounds(self.operator, self.value)
        return {case_id for _, case_id in self.index.ordered[start:end]}

    def narrow(self, candidates: set[str], seen: dict[str, dict[str, Scalar]]) -> set[str]:
        """Those of ``candidates`` it selects, by the cheapest of: the value sets in the range,
        those outside it (and the cases without a value) taken away, a walk of the range's
        entries, or the predicate on each candidate."""
        index = self.index
        if self.operator == "equalTo":
            return candidates & self.ids()
        count = len(candidates)
        if self.operator == "contains":
            return self._narrow_contains(candidates, seen)
        start, end = index.key_bounds(self.operator, self.value)
        inside, outside = index.keys[start:end], index.keys[:start] + index.keys[end:]
        by_value = index.by_value
        options: list[tuple[float, int]] = [(self.size * _STEP, 2), (count * _ON_CASE, 3)]
        if len(inside) <= _FEW_VALUES:
            options.append((sum(min(count, len(by_value[v])) for v in inside) * _IN_C, 0))
        if len(outside) <= _FEW_VALUES:
            cost = count + sum(min(count, len(by_value[v])) for v in outside) + min(count, len(index.missing))
            options.append((cost * _IN_C, 1))
        how = min(options)[1]
        if how == 0:
            found: set[str] = set()
            for value in inside:
                found |= candidates & by_value[value]
            return found
        if how == 1:
            kept = candidates - index.missing
            for value in outside:
                holders = by_value[value]
                if len(holders) < len(kept):
                    kept -= holders  # walks the holders
                else:
                    kept = kept - holders  # walks what is kept
            return kept
        if how == 2:
            start, end = index.bounds(self.operator, self.value)
            return {case_id for _, case_id in index.ordered[start:end] if case_id in candidates}
        field_id, value, compare = self.field_id, self.value, _COMPARE[self.operator]
        return {
            case_id
            for case_id in candidates
            if (stored := seen[case_id].get(field_id)) is not None and compare(stored, value)
        }

    def _containing(self) -> list[Scalar]:
        """The field's distinct values that contain the needle, case-insensitively."""
        needle = self.value
        return [v for v in self.index.by_value if isinstance(v, str) and needle in v.casefold()]  # type: ignore[operator]

    def _narrow_contains(self, candidates: set[str], seen: dict[str, dict[str, Scalar]]) -> set[str]:
        """By the distinct values (each read once) when there are fewer of them than candidates
        to check one by one, else on each candidate."""
        by_value, needle, field_id = self.index.by_value, self.value, self.field_id
        if len(by_value) * _STEP < len(candidates) * _ON_CASE:
            found: set[str] = set()
            for value in self._containing():
                found |= candidates & by_value[value]
            return found
        return {
            case_id
            for case_id in candidates
            if isinstance(stored := seen[case_id].get(field_id), str) and needle in stored.casefold()  # type: ignore[operator]
        }


_NONE: set[str] = set()
_RANK = {"equalTo": 0, "contains": 2}  # ranges between
_COMPARE = {"greaterThan": gt, "greaterThanOrEqualTo": ge, "lessThan": lt, "lessThanOrEqualTo": le}


def _leaf(data: DomainData, index: SearchIndex, body: dict[str, Any]) -> _Leaf | None:
    """The indexable leaf of a ``field`` filter, or None (emptyValue)."""
    (operator, operand), *_ = body.items()
    field = data.fields[str(operand["id"])]
    value = _operand(field, operand["value"], "filter")
    if value is None:
        return None
    found = index.field(field.field_id, data.cases)
    if operator == "contains":
        return _Leaf(field.field_id, operator, str(value).casefold(), found, len(found.ordered))
    if operator == "equalTo":
        size = len(found.by_value.get(value, _NONE))
    else:
        start, end = found.bounds(operator, value)
        size = max(0, end - start)
    return _Leaf(field.field_id, operator, value, found, size)


def _plan(
    data: DomainData, index: SearchIndex, body: dict[str, Any], children: list[Predicate]
) -> set[str] | CaseBits | None:
    """The exact ids (a set nobody may change, or a bitmap) matching ``body``, helped by the
    indexes, or None.

    Served: an indexable field leaf (``_leaf``), and ``andAll`` with at least one among its
    children. When two or more leaves have bitmaps (``_Leaf.bitmap``), the candidates are their
    AND (the answer itself, as ``CaseBits``, when nothing else is left to check); else the
    smallest equality's set (or the smallest range's ids, when that is much smaller; a contains
    only when there is neither). The other indexable leaves narrow them (equalities, then
    ranges, then contains, each smallest first), then the other children's predicates. Anything
    else (emptyValue, not, orAll, tags at the top) scans. ``body`` was checked by
    ``compile_filter`` already."""
    (kind, inner), *_ = body.items()
    if kind == "field":
        leaf = _leaf(data, index, inner)
        return leaf.ids() if leaf is not None else None
    if kind != "andAll" or not inner:
        return None
    leaves: list[_Leaf] = []
    others: list[Predicate] = []
    for child, compiled in zip(inner, children, strict=True):
        (child_kind, child_body), *_ = child.items()
        leaf = _leaf(data, index, child_body) if child_kind == "field" else None
        if leaf is None:
            others.append(compiled)
        else:
            leaves.append(leaf)
    if not leaves:
        return None
    leaves.sort(key=lambda leaf: (_RANK.get(leaf.operator, 1), leaf.size))
    dense = [(leaf, bits) for leaf in leaves if (bits := leaf.bitmap(index)) is not None]
    candidates: set[str]
    if len(dense) >= 2:
        both = dense[0][1]
        for _, bits in dense[1:]:
            both &= bits
        found = CaseBits(both, index)
        leaves = [leaf for leaf in leaves if all(leaf is not done for done, _ in dense)]
        if not leaves and not others:
            return found
        candidates = found.ids()
    else:
        first = leaves[0]  # the smallest equality, else the smallest range, else a contains
        ranges = [leaf for leaf in leaves if _RANK.get(leaf.operator, 1) == 1]
        if first.operator == "equalTo" and ranges and ranges[0].size * _STEP < first.size:
            first = ranges[0]
        candidates = first.ids()
        leaves = [leaf for leaf in leaves if leaf is not first]
    cases = data.cases
    for leaf in leaves:
        if candidates:
            candidates = leaf.narrow(candidates, index.seen)
    if others and candidates:
        check = _all(others)
        candidates = {case_id for case_id in candidates if check(cases[case_id])}
    return candidates


def _page(
    data: DomainData,
    index: SearchIndex,
    order: Ordering,
    matching: set[str] | CaseBits | None,
    wanted: int,
    after: list[Any] | None,
) -> list[str]:
    """The ids of the first ``wanted`` matches (None: every case) after the raw key ``after``:
    a walk of the sort field's index when matches are dense enough that the walk is short, else
    the smallest keys of the matches (a heap, never a sort of them all)."""
    cases = data.cases
    if len(order.sorts) == 1:
        field = index.field(order.sorts[0][0], cases)
        if matching is None:
            return _walked(field, order.sorts[0][1], None, wanted, after)
        # A walk takes about wanted * entries / matches steps; a sort reads each match once.
        if wanted * len(field.ordered) < len(matching) * len(matching):
            return _walked(field, order.sorts[0][1], matching, wanted, after)
    if matching is not None and len(order.sorts) == 1:
        return _sorted(data, order, matching, wanted, after)
    pool = cases.values() if matching is None else (cases[case_id] for case_id in matching)
    keyed = (order.key_of(case) for case in pool)
    if after is not None:
        after_key = order.key(after)
        keyed = (key for key in keyed if after_key < key)
    # Keys end with the case id, so two keys are never equal.
    return [key[-1] for key in heapq.nsmallest(wanted, keyed)]


def _sorted(
    data: DomainData, order: Ordering, matching: set[str] | CaseBits, wanted: int, after: list[Any] | None
) -> list[str]:
    """A one-key sort's page of a few matches: sorted whole on their plain values (two stable
    sorts, so a descending sort keeps ties by case id ascending), the cases without a value last."""
    cases = data.cases
    pool: Any = matching
    if after is not None:
        after_key = order.key(after)
        pool = [case_id for case_id in matching if after_key < order.key_of(cases[case_id])]
    field_id, descending = order.sorts[0]
    present: list[tuple[Any, str]] = []
    absent: list[str] = []
    for case_id in pool:
        value = cases[case_id].values.get(field_id)
        if value is None:
            absent.append(case_id)
        else:
            present.append((value, case_id))
    if descending:
        present.sort(key=itemgetter(1))
        present.sort(key=itemgetter(0), reverse=True)
    else:
        present.sort()
    chosen = [case_id for _, case_id in present[:wanted]]
    if len(chosen) < wanted:
        chosen.extend(heapq.nsmallest(wanted - len(chosen), absent))
    return chosen


def _walked(
    field: FieldIndex,
    descending: bool,
    matching: set[str] | CaseBits | None,
    wanted: int,
    after: list[Any] | None,
) -> list[str]:
    """A one-key sort's page read off the field's index in order, then the cases without a
    value (last in both orders, by case id)."""
    chosen: list[str] = []
    after_missing = after is not None and after[0][0] == 1
    if not after_missing:
        walk = field.walk(descending, None if after is None else (after[0][1], after[-1]))
        if matching is None:
            chosen = list(islice(walk, wanted))
        elif isinstance(matching, CaseBits):  # the bitmap's test written out: the hot loop
            number, packed = matching.index.number, matching.packed()
            for case_id in walk:
                at = number[case_id]
                if packed[at >> 3] >> (at & 7) & 1:
                    chosen.append(case_id)
                    if len(chosen) == wanted:
                        break
        else:
            for case_id in walk:
                if case_id in matching:
                    chosen.append(case_id)
                    if len(chosen) == wanted:
                        break
        if len(chosen) == wanted:
            return chosen
    pool: Any = field.missing if matching is None else [c for c in field.missing if c in matching]
    if after_missing:
        last = after[-1]  # type: ignore[index]
        pool = [case_id for case_id in pool if case_id > last]
    chosen.extend(heapq.nsmallest(wanted - len(chosen), pool))
    return chosen
