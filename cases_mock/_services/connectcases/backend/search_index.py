"""Indexes that let SearchCases skip the scan (docs/performance.md#the-search-engine).

One ``SearchIndex`` per domain, kept on ``DomainData`` and never exported. A field is indexed
the first time a search filters or sorts on it, in a ``FieldIndex``: value -> the ids of the
cases holding it (equalTo, and ranges over few distinct values), the distinct values in order
(where a range starts and ends), ``(value, case id)`` pairs in order (ranges over many values,
and the order of a one-key sort, read a page at a time) and the ids of the cases without a
value (sorted last). Each holds one entry per case (per distinct value for the value list):
the index grows with the cases and the fields searched on, never with searches or writes.

Every backend method that creates, deletes or replaces the values of a case adds its id to
``DomainData.dirty_cases``; before each search the index re-indexes exactly those (when more
are marked than the domain has cases, ``DomainData.touch`` drops the index instead). With
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
    """One field's values over the domain's cases (see the module's docstring)."""

    __slots__ = ("by_value", "keys", "missing", "ordered")

    def __init__(self) -> None:
        self.by_value: dict[Scalar, set[str]] = {}  # value -> case ids (never empty)
        self.keys: list[Scalar] = []  # the distinct values, ascending
        self.ordered: list[tuple[Scalar, str]] = []  # ascending by value, then case id
        self.missing: set[str] = set()  # cases without a value

    def add(self, value: Scalar, case_id: str) -> None:
        holders = self.by_value.get(value)
        if holders is None:
            self.by_value[value] = {case_id}
            insort(self.keys, value)
        else:
            holders.add(case_id)
        insort(self.ordered, (value, case_id))

    def remove(self, value: Scalar, case_id: str) -> None:
        holders = self.by_value.get(value)
        if holders is not None:
            holders.discard(case_id)
            if not holders:
                del self.by_value[value]
                at = bisect_left(self.keys, value)
                if at < len(self.keys) and self.keys[at] == value:
                    del self.keys[at]
        position = bisect_left(self.ordered, (value, case_id))
        if position < len(self.ordered) and self.ordered[position] == (value, case_id):
            del self.ordered[position]

    def entries(self) -> int:
        """How many entries the index holds (what a test of its bounds counts)."""
        held = sum(len(holders) for holders in self.by_value.values())
        return held + len(self.by_value) + len(self.keys) + len(self.ordered) + len(self.missing)

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

    def key_bounds(self, operator: str, value: Scalar) -> tuple[int, int]:
        """The slice of ``keys`` (distinct values) a range operator selects."""
        keys = self.keys
        if operator == "greaterThan":
            return bisect_right(keys, value), len(keys)
        if operator == "greaterThanOrEqualTo":
            return bisect_left(keys, value), len(keys)
        if operator == "lessThan":
            return 0, bisect_left(keys, value)
        return 0, bisect_right(keys, value)

    def walk(self, descending: bool, after: tuple[Scalar, str] | None = None) -> Iterator[str]:
        """Case ids holding a value, in value order, ties (equal values) by case id ascending in
        both orders; with ``after`` (a value and a case id), only those strictly after it."""
        ordered = self.ordered
        if not descending:
            start = 0 if after is None else bisect_right(ordered, after)
            for position in range(start, len(ordered)):
                yield ordered[position][1]
            return
        end = len(ordered)
        if after is not None:  # the rest of the after value's group, then the lower values
            value = after[0]
            end = bisect_left(ordered, (value, ""))
            for position in range(bisect_right(ordered, after), bisect_right(ordered, (value, _TOP))):
                yield ordered[position][1]
        while end > 0:
            value, case_id = ordered[end - 1]
            if end == 1 or ordered[end - 2][0] != value:  # a value of one case: no search
                yield case_id
                end -= 1
                continue
            start = bisect_left(ordered, (value, ""), 0, end)
            for position in range(start, end):
                yield ordered[position][1]
            end = start


class SearchIndex:
    """The domain's field indexes and the values each case had when last indexed."""

    __slots__ = ("fields", "seen")

    def __init__(self) -> None:
        self.fields: dict[str, FieldIndex] = {}
        self.seen: dict[str, dict[str, Scalar]] = {}  # case id -> the values dict indexed

    def __deepcopy__(self, memo: dict[int, Any]) -> SearchIndex:
        return SearchIndex()  # snapshots rebuild their indexes on demand

    def entries(self) -> int:
        """How many entries every field index and the record of indexed cases hold together."""
        return len(self.seen) + sum(index.entries() for index in self.fields.values())

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
            if not (before == after and type(before) is type(after)):
                if before is not None:
                    index.remove(before, case_id)
                if after is not None:
                    index.add(after, case_id)
            if after is None and new is not None:
                index.missing.add(case_id)
            else:
                index.missing.discard(case_id)
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
        pairs = []
        for case_id, values in self.seen.items():
            if field_id in values:
                pairs.append((values[field_id], case_id))
            else:
                index.missing.add(case_id)
        pairs.sort()
        index.ordered = pairs
        by_value = index.by_value
        for value, case_id in pairs:
            holders = by_value.get(value)
            if holders is None:
                by_value[value] = {case_id}
                index.keys.append(value)  # pairs ascend, so the distinct values do too
            else:
                holders.add(case_id)
        self.fields[field_id] = index
        return index
