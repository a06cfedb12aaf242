"""Server-side validation of parameters against a shape of the model: the messages.

botocore's client-side validator skips maxima, enums and patterns, and clients can turn it off;
other SDKs reach the mock through the server. So every constraint of the model is checked here:
required members, types, enums, string and list lengths, numeric ranges, patterns, unions
with exactly one member set, and strings (map keys too) that are valid Unicode. Each violation
names the member path, e.g. ``fields[2].value``. This module words every violation; a call
is first checked by ``validation_plan.py``'s plans (the same constraints, no paths made), and
walked here only when a plan fails.

A pattern without a leading ``^`` is matched against the whole value (``re.fullmatch``): Connect
Cases' ``.*[\\S]`` then means "no trailing whitespace", as the service documents for names
(docs/behaviour.md). A pattern that anchors itself with ``^`` is searched as written (``re.search``,
as botocore and AWS read patterns): Customer Profiles' TagArn ``^arn:[a-z0-9]{1,10}:profile`` is a
prefix, and its ``^...$`` patterns are whole-value matches by their own anchors.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable
from datetime import datetime
from functools import cache
from typing import Any

from botocore.model import ListShape, MapShape, Shape, StructureShape

from cases_mock._protocol.errors import ValidationException
from cases_mock._protocol.model import is_union

_MAX_REPORTED = 10


@cache
def pattern_of(text: str) -> re.Pattern[str]:
    """A model pattern, compiled once."""
    return re.compile(text, re.DOTALL)


def matches(pattern: re.Pattern[str], value: str) -> re.Match[str] | None:
    """``pattern`` searched in ``value`` if it anchors itself with ``^``, else matched whole."""
    return pattern.search(value) if pattern.pattern.startswith("^") else pattern.fullmatch(value)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


Check = Callable[[Any, str, list[str]], None]


def problem(path: str, value: Any, constraint: str) -> str:
    """One violation as AWS words it: the value (if any), the member path, what it must do."""
    shown = "" if value is None else f" {_show(value)}"
    return f"Value{shown} at '{path}' failed to satisfy constraint: Member must {constraint}"


def _fail(problems: list[str], path: str, value: Any, constraint: str) -> None:
    problems.append(problem(path, value, constraint))


def _length_check(shape: Shape, what: str) -> Callable[[int, Any, str, list[str]], None] | None:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if low is None and high is None:
        return None

    def check(size: int, value: Any, path: str, problems: list[str]) -> None:
        if low is not None and size < low:
            _fail(problems, path, value, f"have {what} greater than or equal to {low}")
        if high is not None and size > high:
            _fail(problems, path, value, f"have {what} less than or equal to {high}")

    return check


@cache
def compiled(shape: Shape) -> Check:
    """The checker of ``shape``, built once per shape (members are looked up lazily, so
    recursive shapes such as CaseFilter compile)."""
    kind = shape.type_name
    if kind == "structure":
        return _structure(shape)
    if kind == "list":
        return _list(shape)
    if kind == "map":
        return _map(shape)
    if kind == "string":
        return _string(shape)
    if kind in ("integer", "long", "double", "float"):
        return _number(shape, integral=kind in ("integer", "long"))
    if kind == "boolean":

        def boolean(value: Any, path: str, problems: list[str]) -> None:
            if not isinstance(value, bool):
                _fail(problems, path, value, "be a boolean")

        return boolean
    if kind == "timestamp":

        def timestamp(value: Any, path: str, problems: list[str]) -> None:
            if not isinstance(value, (int, float, str, datetime)) or isinstance(value, bool):
                _fail(problems, path, value, "be a timestamp")

        return timestamp

    def blob(value: Any, path: str, problems: list[str]) -> None:
        if kind == "blob" and not isinstance(value, str):
            _fail(problems, path, value, "be base64-encoded data")

    return blob


def _structure(shape: StructureShape) -> Check:
    members = dict(shape.members)
    required = list(shape.required_members)
    union = is_union(shape)

    def structure(value: Any, path: str, problems: list[str]) -> None:
        if not isinstance(value, dict):
            _fail(problems, path, value, "be a structure")
            return
        prefix = f"{path}." if path else ""
        for name in required:
            if value.get(name) is None:
                _fail(problems, prefix + name, None, "not be null")
        present = [name for name, item in value.items() if item is not None and name in members]
        if union and len(present) != 1:
            names = ", ".join(n for n in members if n in present) if present else "none"
            _fail(problems, path or "input", None, f"have exactly one member set (got {names})")
        for name in present:
            compiled(members[name])(value[name], prefix + name, problems)

    return structure


def _list(shape: ListShape) -> Check:
    member = shape.member
    length = _length_check(shape, "list length")

    def listing(value: Any, path: str, problems: list[str]) -> None:
        if not isinstance(value, list):
            _fail(problems, path, value, "be a list")
            return
        if length is not None:
            length(len(value), value, path, problems)
        check = compiled(member)
        for index, item in enumerate(value):
            if item is None:
                _fail(problems, f"{path}[{index}]", None, "not be null")
            else:
                check(item, f"{path}[{index}]", problems)

    return listing


def _map(shape: MapShape) -> Check:
    key_shape, value_shape = shape.key, shape.value
    length = _length_check(shape, "map size")

    def mapping(value: Any, path: str, problems: list[str]) -> None:
        if not isinstance(value, dict):
            _fail(problems, path, value, "be a map")
            return
        if length is not None:
            length(len(value), value, path, problems)
        for key, item in value.items():
            compiled(key_shape)(key, f"{path}.key({key!r})", problems)
            if item is not None:
                compiled(value_shape)(item, f"{path}[{key!r}]", problems)

    return mapping


def lone_surrogate(value: str) -> bool:
    """Whether ``value`` holds a lone surrogate (a JSON ``"\\ud800"`` escape decodes to one):
    text no UTF-8 request of the real service can carry."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _string(shape: Shape) -> Check:
    length = _length_check(shape, "length")
    enum = frozenset(shape.enum) if shape.enum else None
    enum_text = ", ".join(shape.enum) if shape.enum else ""
    pattern_text = shape.metadata.get("pattern")
    pattern = pattern_of(pattern_text) if pattern_text is not None else None

    def string(value: Any, path: str, problems: list[str]) -> None:
        if not isinstance(value, str):
            _fail(problems, path, value, "be a string")
            return
        if not value.isascii() and lone_surrogate(value):
            _fail(problems, path, value, "be valid Unicode (no lone surrogates)")
            return
        if length is not None:
            length(len(value), value, path, problems)
        if enum is not None and value not in enum:
            _fail(problems, path, value, f"satisfy enum value set: [{enum_text}]")
        if pattern is not None and matches(pattern, value) is None:
            _fail(problems, path, value, f"satisfy regular expression pattern: {pattern_text}")

    return string


MAX_DOUBLE = sys.float_info.max
INTEGRAL_BOUNDS = {"integer": (-(2**31), 2**31 - 1), "long": (-(2**63), 2**63 - 1)}


def _number(shape: Shape, *, integral: bool) -> Check:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    kind = shape.type_name
    low_bound, high_bound = INTEGRAL_BOUNDS.get(kind, (0, 0))

    def number(value: Any, path: str, problems: list[str]) -> None:
        if isinstance(value, bool) or not isinstance(value, (int,) if integral else (int, float)):
            _fail(problems, path, value, "be an integer" if integral else "be a number")
            return
        if integral:
            if not low_bound <= value <= high_bound:
                _fail(problems, path, None, f"fit a {kind} ({low_bound} to {high_bound})")
                return
        elif isinstance(value, int) and not -MAX_DOUBLE <= value <= MAX_DOUBLE:
            _fail(problems, path, None, "be a number that fits a double")
            return
        elif not math.isfinite(value):
            _fail(problems, path, value, "be a finite number")
            return
        if low is not None and value < low:
            _fail(problems, path, value, f"be greater than or equal to {low}")
        if high is not None and value > high:
            _fail(problems, path, value, f"be less than or equal to {high}")

    return number


def problems(shape: Shape, value: Any, path: str = "") -> list[str]:
    """Every constraint ``value`` breaks, as messages naming the member path."""
    found: list[str] = []
    compiled(shape)(value, path, found)
    return found


def refusal(found: list[str]) -> ValidationException:
    """The ValidationException reporting ``found`` (the first ten), in AWS's message style."""
    count = len(found)
    noun = "error" if count == 1 else "errors"
    return ValidationException(f"{count} validation {noun} detected: {'; '.join(found[:_MAX_REPORTED])}")
