"""Compiled validation plans: whether parameters pass, decided with no per-call model work.

``validate`` (what every entry point runs before a handler) walks the parameters with a plan
built once per input shape: each check's bounds, enum set, pattern and member table are worked
out when the plan is built, and no member path or message is made while a call passes. Only when
a check fails does ``validate.problems`` (the path-building validator) walk the parameters again
to word the ``ValidationException`` exactly as it always has. A plan passes a value exactly when
``problems`` finds nothing (``tests/protocol/test_validation_plans.py``).

Two plans per shape:

- the **full plan**: every constraint ``validate.py`` checks (the server, the full path, reads
  from inside the mock, and any client whose ``parameter_validation`` is off);
- the **residual plan**: the full plan minus what botocore's ``ParamValidator`` guarantees when
  it ran on the parameters the before-call way in takes (``params.py``'s conversion of them):
  structures are dicts with their required members set (but a query-string list given empty,
  which botocore does not write) and unions exactly one member set,
  lists are lists and maps dicts, strings are strings, list and string minima and numeric
  minima hold, booleans are booleans, timestamps and blobs were converted by botocore's own
  serialiser (numbers or text, base64 text). It keeps every check botocore does not make or
  makes more loosely: maxima, map sizes, enums, patterns, lone surrogates, ``True`` given as an
  integer or a double (botocore lets a bool through as either), integer and double bounds,
  non-finite doubles, and everything about documents (botocore lets ``None`` through there).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from datetime import datetime
from functools import cache
from typing import Any

from botocore.model import Shape

from cases_mock._protocol.model import is_union
from cases_mock._protocol.validate import (
    INTEGRAL_BOUNDS,
    MAX_DOUBLE,
    lone_surrogate,
    matches,
    pattern_of,
    problems,
    refusal,
)

Passes = Callable[[Any], bool]
"""A plan: whether a value of its shape passes every check the plan makes."""

_NO_MAX = sys.maxsize
_TIMESTAMP_TYPES = (int, float, str, datetime)
_UNWRITTEN_WHEN_EMPTY = ("querystring", "header", "headers")


def _always(value: Any) -> bool:
    return True


def validate(shape: Shape | None, params: dict[str, Any], *, botocore_validated: bool = False) -> None:
    """Raises the ValidationException naming each violated member (``validate.problems``'s
    wording) if ``params`` break a constraint of ``shape``. ``botocore_validated``: the
    parameters are botocore's own, converted by ``params.py``, and its ``ParamValidator`` ran on
    them (the before-call way in with ``parameter_validation`` on): the residual plan runs."""
    if shape is None:
        return
    passes = residual_plan(shape) if botocore_validated else full_plan(shape)
    if passes(params):
        return
    found = problems(shape, params)
    if found:
        raise refusal(found)


@cache
def full_plan(shape: Shape) -> Passes:
    """The plan of every constraint of ``shape`` (``validate.problems`` finds nothing exactly
    when it passes), built once per shape."""
    return _Builder(trusted=False).plan(shape)


@cache
def residual_plan(shape: Shape) -> Passes:
    """The full plan minus what botocore's ``ParamValidator`` already guarantees (module
    docstring), built once per shape."""
    return _Builder(trusted=True).plan(shape)


class _Builder:
    """Builds the plans of one top-level shape; recursive shapes (CaseFilter) share one plan per
    shape name through late binding."""

    def __init__(self, *, trusted: bool) -> None:
        self.trusted = trusted
        self.made: dict[str, Passes] = {}

    def plan(self, shape: Shape) -> Passes:
        kind = shape.type_name
        if kind == "structure":
            return self._structure(shape)
        if kind == "list":
            return self._list(shape)
        if kind == "map":
            return self._map(shape)
        if kind == "string":
            return self._string(shape)
        if kind in ("integer", "long"):
            return self._integral(shape)
        if kind in ("double", "float"):
            return self._double(shape)
        if self.trusted:  # booleans are bools; timestamps and blobs botocore's own conversion
            return _always
        if kind == "boolean":
            return lambda value: isinstance(value, bool)
        if kind == "timestamp":
            return lambda value: not isinstance(value, bool) and isinstance(value, _TIMESTAMP_TYPES)
        if kind == "blob":
            return lambda value: isinstance(value, str)
        return _always

    def _structure(self, shape: Shape) -> Passes:
        if shape.name in self.made:
            return self.made[shape.name]
        document = any(getattr(s, "is_document_type", False) for s in (shape, *shape.members.values()))
        trusted = self.trusted and not document
        checks: dict[str, Passes] = {}
        # a required query-string list botocore was given empty is not written: the member is absent
        required = tuple(
            name
            for name in shape.required_members
            if not trusted or shape.members[name].serialization.get("location") in _UNWRITTEN_WHEN_EMPTY
        )
        union = is_union(shape) and not trusted
        members = frozenset(shape.members)
        typed = not trusted

        def structure(value: Any) -> bool:
            if typed and not isinstance(value, dict):
                return False
            for name in required:
                if value.get(name) is None:
                    return False
            if union and sum(1 for n, item in value.items() if item is not None and n in members) != 1:
                return False
            for name, item in value.items():
                if item is not None:
                    check = checks.get(name)
                    if check is not None and not check(item):
                        return False
            return True

        self.made[shape.name] = structure
        for name, member in shape.members.items():
            check = self.plan(member)
            if check is not _always:
                checks[name] = check
        return structure

    def _list(self, shape: Shape) -> Passes:
        if shape.name in self.made:
            return self.made[shape.name]
        low, high = _bounds(shape, self.trusted)
        typed = not self.trusted
        cell: list[Passes] = []

        def listing(value: Any) -> bool:
            if typed and not isinstance(value, list):
                return False
            if not low <= len(value) <= high:
                return False
            check = cell[0]
            return all(item is not None and check(item) for item in value)

        self.made[shape.name] = listing
        cell.append(self.plan(shape.member))
        return listing

    def _map(self, shape: Shape) -> Passes:
        if shape.name in self.made:
            return self.made[shape.name]
        low, high = _bounds(shape, False)  # botocore checks no map size
        typed = not self.trusted
        cells: list[Passes] = []

        def mapping(value: Any) -> bool:
            if typed and not isinstance(value, dict):
                return False
            if not low <= len(value) <= high:
                return False
            key_check, value_check = cells
            for key, item in value.items():
                if not key_check(key):
                    return False
                if item is not None and not value_check(item):
                    return False
            return True

        self.made[shape.name] = mapping
        cells.append(self.plan(shape.key))
        cells.append(self.plan(shape.value))
        return mapping

    def _string(self, shape: Shape) -> Passes:
        low, high = _bounds(shape, self.trusted)
        enum = frozenset(shape.enum) if shape.enum else None
        text = shape.metadata.get("pattern")
        pattern = pattern_of(text) if text is not None else None
        typed = not self.trusted

        def string(value: Any) -> bool:
            if typed and not isinstance(value, str):
                return False
            if not value.isascii() and lone_surrogate(value):
                return False
            if not low <= len(value) <= high:
                return False
            if enum is not None and value not in enum:
                return False
            return pattern is None or matches(pattern, value) is not None

        return string

    def _integral(self, shape: Shape) -> Passes:
        low_meta, high_meta = shape.metadata.get("min"), shape.metadata.get("max")
        low, high = INTEGRAL_BOUNDS[shape.type_name]  # the type's range, then the model's
        if low_meta is not None and not self.trusted:
            low = max(low, low_meta)
        if high_meta is not None:
            high = min(high, high_meta)

        def integral(value: Any) -> bool:
            # botocore lets True through as an integer: a bool is refused whatever it checked
            if isinstance(value, bool) or not isinstance(value, int):
                return False
            return low <= value <= high

        return integral

    def _double(self, shape: Shape) -> Passes:
        low_meta, high_meta = shape.metadata.get("min"), shape.metadata.get("max")
        low = -math.inf if low_meta is None or self.trusted else low_meta
        high = math.inf if high_meta is None else high_meta

        def double(value: Any) -> bool:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return False
            if isinstance(value, int):
                if not -MAX_DOUBLE <= value <= MAX_DOUBLE:
                    return False
            elif not math.isfinite(value):
                return False
            return bool(low <= value <= high)

        return double


def _bounds(shape: Shape, trusted: bool) -> tuple[int, int]:
    """A shape's (min, max) as one range test; the minimum dropped where botocore checked it."""
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    return (-_NO_MAX if low is None or trusted else low), (_NO_MAX if high is None else high)
