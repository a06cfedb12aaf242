"""Indexes that let SearchCases skip the scan (docs/performance.md).

One ``SearchIndex`` per domain, kept on ``DomainData`` and never exported. A field is indexed
the first time a search filters or sorts on it: a map value -> case ids (equalTo) and a list of
``(value, case id)`` kept sorted (ranges, and the order of a single-key sort). Every backend
method that creates, deletes or replaces the values of a case adds its id to
``DomainData.dirty_cases``; before each search the index re-indexes exactly those. With
``CASES_MOCK_STRICT_OUTPUT=1`` (the test suite) every search also checks, case by case, that
nothing was missed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator
from typing import Any

from cases_mock._services.connectcases.backend.records import Case, DomainData, Scalar

_TOP = chr(0x10FFFF)  # sorts after every case id


class FieldIndex:
    __slots__ = ("by_value", "ordered")

    def __init__(self) -> None:
        self.by_value: dict[Scalar, set[str]] = {}
        self.ordered: list[tuple[Scalar, str]] = []

    def add(self, value: Scalar, case_id: str) -> None:
        self.by_value.setdefault(value, set()).add(case_id)
        insort(self.ordered, (value, case_id))

    def remove(self, value: Scalar, case_id: str) -> None:
        holders = self.by_value.get(value)
        if holders is not None:
            holders.discard(case_id)
            if not holders:
                del self.by_value[value]
        position = bisect_left(self.ordered, (value, case_id))
        if position < len(self.ordered) and self.ordered[position] == (value, case_id):
            del self.ordered[position]

    def bounds(self, operator: str, value: Scalar) -> tuple[int, int]:
        """The slice of ``ordered`` a range operator selects."""
        ordered = self.ordered
        if operator == "greaterThan":
            return bisect_right(ordered, (value, _TOP)), len(ordered)
        if operator == "greaterThanOrEqualTo":
            return bisect_left(ordered, (value, "")), len(ordered)
        if operator == "lessThan":
            return 0, bisect_left(ordered, (value, ""))
        return 0, bisect_right(ordered, (value, _TOP))

    def walk(self, descending: bool) -> Iterator[str]:
        """Case ids in value order; ties (equal values) always by case id ascending."""
        ordered = self.ordered
        if not descending:
            for _, case_id in ordered:
                yield case_id
            return
        end = len(ordered)
        while end > 0:
            start = bisect_left(ordered, (ordered[end - 1][0], ""), 0, end)
            for position in range(start, end):
                yield ordered[position][1]
            end = start


class SearchIndex:
    __slots__ = ("fields", "seen")

    def __init__(self) -> None:
        self.fields: dict[str, FieldIndex] = {}
        self.seen: dict[str, dict[str, Scalar]] = {}  # case id -> the values dict indexed

    def __deepcopy__(self, memo: dict[int, Any]) -> SearchIndex:
        return SearchIndex()  # snapshots rebuild their indexes on demand

    def refresh(self, data: DomainData) -> None:
        """Re-indexes the cases the backend marked dirty since the last search."""
        dirty, cases, seen = data.dirty_cases, data.cases, self.seen
        if not self.fields:
            dirty.clear()  # nothing indexed yet: the first field() reads every case
            return
        for case_id in dirty:
            case = cases.get(case_id)
            self._reindex(case_id, seen.get(case_id), case.values if case is not None else None)
        dirty.clear()

    def stale(self, cases: dict[str, Case]) -> list[str]:
        """Case ids whose indexed values differ from the stored ones (none, if every writer marks
        its cases dirty): the suite checks this after every search."""
        if not self.fields:
            return []
        found = [case_id for case_id, case in cases.items() if self.seen.get(case_id) is not case.values]
        return found + [case_id for case_id in self.seen if case_id not in cases]

    def _reindex(self, case_id: str, old: dict[str, Scalar] | None, new: dict[str, Scalar] | None) -> None:
        for field_id, index in self.fields.items():
            before = old.get(field_id) if old is not None else None
            after = new.get(field_id) if new is not None else None
            if before == after and type(before) is type(after):
                continue
            if before is not None:
                index.remove(before, case_id)
            if after is not None:
                index.add(after, case_id)
        if new is None:
            self.seen.pop(case_id, None)
        else:
            self.seen[case_id] = new

    def field(self, field_id: str, cases: dict[str, Case]) -> FieldIndex:
        """The index of ``field_id`` (built now if the field was never indexed); call ``refresh`` first."""
        found = self.fields.get(field_id)
        if found is not None:
            return found
        if not self.fields:
            self.seen = {case_id: case.values for case_id, case in cases.items()}
        index = FieldIndex()
        pairs = [(values[field_id], case_id) for case_id, values in self.seen.items() if field_id in values]
        pairs.sort()
        index.ordered = pairs
        for value, case_id in pairs:
            index.by_value.setdefault(value, set()).add(case_id)
        self.fields[field_id] = index
        return index
