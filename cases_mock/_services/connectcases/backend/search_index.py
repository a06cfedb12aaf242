"""Indexes that let SearchCases skip the scan (docs/performance.md#the-search-engine).

One ``SearchIndex`` per domain, kept on ``DomainData`` and never exported. A field is indexed
the first time a search filters or sorts on it, in a ``FieldIndex``: value -> the ids of the
cases holding it (equalTo, and ranges over few distinct values), the distinct values in order
(where a range starts and ends), ``(value, case id)`` pairs in order (ranges over many values,
and the order of a one-key sort, read a page at a time) and the ids of the cases without a
value (sorted last). Each holds one entry per case (per distinct value for the value list):
the index grows with the cases and the fields searched on, never with searches or writes.

Values held by many cases (at least one case in ``DENSE``) also get a bitmap once a search asks
for one: a Python int whose bit ``n`` is set when the case numbered ``n`` holds the value, so
that intersecting two of them is one sequential AND (``CaseBits``). Each indexed case has a
dense number (``SearchIndex.number``); a deleted case's number is reused by the next case
indexed, so no bitmap is longer than the most cases the index has held at once. A bitmap is
dropped when its value falls under half that density: a field holds at most ``2 * DENSE``
bitmaps of at most ``cases / 8`` bytes each.

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

DENSE = 32  # a value held by at least 1 case in DENSE may have a bitmap
_TOP = chr(0x10FFFF)  # sorts after every case id


class FieldIndex:
    """One field's values over the domain's cases (see the module's docstring)."""

    __slots__ = ("bits", "by_value", "keys", "missing", "ordered")

    def __init__(self) -> None:
        self.by_value: dict[Scalar, set[str]] = {}  # value -> case ids (never empty)
        self.keys: list[Scalar] = []  # the distinct values, ascending
        self.ordered: list[tuple[Scalar, str]] = []  # ascending by value, then case id
        self.missing: set[str] = set()  # cases without a value
        self.bits: dict[Scalar, int] = {}  # value held by many cases -> its holders' bitmap

    def add(self, value: Scalar, case_id: str, number: int) -> None:
        holders = self.by_value.get(value)
        if holders is None:
            self.by_value[value] = {case_id}
            insort(self.keys, value)
        else:
            holders.add(case_id)
            if value in self.bits:
                self.bits[value] |= 1 << number
        insort(self.ordered, (value, case_id))

    def remove(self, value: Scalar, case_id: str, number: int) -> None:
        holders = self.by_value.get(value)
        if holders is not None:
            holders.discard(case_id)
            if value in self.bits:
                self.bits[value] &= ~(1 << number)
            if not holders:
                del self.by_value[value]
                self.bits.pop(value, None)
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

    def bitmap(self, value: Scalar, index: SearchIndex) -> int | None:
        """The bitmap of the cases holding ``value`` (made now if it has none), or None when too
        few cases hold it for a bitmap to pay."""
        holders = self.by_value.get(value)
        if holders is None or len(holders) * DENSE < len(index.seen):
            return None
        found = self.bits.get(value)
        if found is None:
            number = index.number
            packed = bytearray(len(index.id_at) // 8 + 1)
            for case_id in holders:
                at = number[case_id]
                packed[at >> 3] |= 1 << (at & 7)
            found = self.bits[value] = int.from_bytes(packed, "little")
        return found

    def prune(self, live: int) -> None:
        """Drops the bitmaps of values now held by fewer than half the dense share of cases."""
        by_value = self.by_value
        for value in [v for v in self.bits if len(by_value[v]) * DENSE * 2 < live]:
            del self.bits[value]

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


class CaseBits:
    """A set of the index's cases as a bitmap over their numbers: its size, membership by case
    id, and (reading every set bit) its case ids."""

    __slots__ = ("bits", "bytes", "index", "size")

    def __init__(self, bits: int, index: SearchIndex) -> None:
        self.bits, self.index = bits, index
        self.size = bits.bit_count()
        self.bytes: bytes | None = None

    def __len__(self) -> int:
        return self.size

    def packed(self) -> bytes:
        """The bitmap as bytes, least significant first: case number ``n`` is bit ``n % 8`` of
        byte ``n // 8`` (a membership test without big-int arithmetic)."""
        if self.bytes is None:
            self.bytes = self.bits.to_bytes(len(self.index.id_at) // 8 + 1, "little")
        return self.bytes

    def __contains__(self, case_id: object) -> bool:
        at = self.index.number.get(case_id) if isinstance(case_id, str) else None
        return at is not None and bool(self.packed()[at >> 3] >> (at & 7) & 1)

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids())

    def ids(self) -> set[str]:
        """The case ids, read off the bitmap's binary digits (one ``find`` per case)."""
        digits = bin(self.bits)
        top, id_at, out = len(digits) - 1, self.index.id_at, set()
        find = digits.find
        at = find("1", 2)
        while at != -1:
            out.add(id_at[top - at])
            at = find("1", at + 1)
        return out


class SearchIndex:
    """The domain's field indexes, the values each case had when last indexed, and the cases'
    dense numbers (what the bitmaps count in)."""

    __slots__ = ("fields", "free", "id_at", "number", "seen")

    def __init__(self) -> None:
        self.fields: dict[str, FieldIndex] = {}
        self.seen: dict[str, dict[str, Scalar]] = {}  # case id -> the values dict indexed
        self.number: dict[str, int] = {}  # case id -> its bit in the bitmaps
        self.id_at: list[str] = []  # number -> case id (a freed number keeps its last id)
        self.free: list[int] = []  # numbers of deleted cases, for the next cases indexed

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
        if not dirty:
            return
        for case_id in dirty:
            case = cases.get(case_id)
            self._reindex(case_id, seen.get(case_id), case.values if case is not None else None)
        dirty.clear()
        for index in self.fields.values():
            index.prune(len(seen))

    def stale(self, cases: dict[str, Case]) -> list[str]:
        """Case ids whose indexed values differ from the stored ones (none, if every writer marks
        its cases dirty): the suite checks this after every search."""
        if not self.fields:
            return []
        found = [case_id for case_id, case in cases.items() if self.seen.get(case_id) is not case.values]
        found += [case_id for case_id in self.seen if case_id not in cases]
        for field_id, index in self.fields.items():  # a bitmap holds as many cases as its value's set
            found += [
                f"<the bitmap of {field_id}={value!r}>"
                for value, bits in index.bits.items()
                if bits.bit_count() != len(index.by_value[value])
            ]
        return found

    def _reindex(self, case_id: str, old: dict[str, Scalar] | None, new: dict[str, Scalar] | None) -> None:
        number = self.number.get(case_id)
        if number is None:
            if new is None:
                return  # made and deleted since the last search
            number = self.free.pop() if self.free else len(self.id_at)
            if number == len(self.id_at):
                self.id_at.append(case_id)
            else:
                self.id_at[number] = case_id
            self.number[case_id] = number
        for field_id, index in self.fields.items():
            before = old.get(field_id) if old is not None else None
            after = new.get(field_id) if new is not None else None
            if not (before == after and type(before) is type(after)):
                if before is not None:
                    index.remove(before, case_id, number)
                if after is not None:
                    index.add(after, case_id, number)
            if after is None and new is not None:
                index.missing.add(case_id)
            else:
                index.missing.discard(case_id)
        if new is None:
            self.seen.pop(case_id, None)
            del self.number[case_id]
            self.free.append(number)
        else:
            self.seen[case_id] = new

    def field(self, field_id: str, cases: dict[str, Case]) -> FieldIndex:
        """The index of ``field_id`` (built now if the field was never indexed); call ``refresh`` first."""
        found = self.fields.get(field_id)
        if found is not None:
            return found
        if not self.fields:
            self.seen = {case_id: case.values for case_id, case in cases.items()}
            self.id_at = list(self.seen)
            self.number = {case_id: at for at, case_id in enumerate(self.id_at)}
            self.free = []
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
