"""Server-side validation of parameters against a shape of the model.

botocore's client-side validator skips maxima, enums and patterns, and clients can turn it off;
other SDKs reach the mock through the server. So every constraint of the model is checked here:
required members, types, enums, string and list lengths, numeric ranges, patterns, and unions
with exactly one member set. Each violation names the member path, e.g. ``fields[2].value``.

Patterns are matched against the whole value (``re.fullmatch``): the model's ``.*[\\S]`` then
means "no trailing whitespace", as the service documents for names (docs/behaviour.md).
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from functools import cache
from typing import Any

from botocore.model import ListShape, MapShape, Shape, StructureShape

from ..errors import ValidationException
from .model import is_union

_MAX_REPORTED = 10


@cache
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.DOTALL)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, path: str, value: Any, constraint: str) -> None:
        shown = "" if value is None else f" {_show(value)}"
        self.problems.append(
            f"Value{shown} at '{path}' failed to satisfy constraint: Member must {constraint}"
        )

    def check(self, shape: Shape, value: Any, path: str) -> None:
        kind = shape.type_name
        if kind == "structure":
            self._structure(shape, value, path)
        elif kind == "list":
            self._list(shape, value, path)
        elif kind == "map":
            self._map(shape, value, path)
        elif kind == "string":
            self._string(shape, value, path)
        elif kind in ("integer", "long"):
            if not isinstance(value, int) or isinstance(value, bool):
                self.fail(path, value, "be an integer")
            else:
                self._range(shape, value, path)
        elif kind in ("double", "float"):
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                self.fail(path, value, "be a number")
            elif not math.isfinite(value):
                self.fail(path, value, "be a finite number")
            else:
                self._range(shape, value, path)
        elif kind == "boolean":
            if not isinstance(value, bool):
                self.fail(path, value, "be a boolean")
        elif kind == "timestamp":
            if not isinstance(value, (int, float, str, datetime)) or isinstance(value, bool):
                self.fail(path, value, "be a timestamp")
        elif kind == "blob" and not isinstance(value, str):
            self.fail(path, value, "be base64-encoded data")

    def _structure(self, shape: StructureShape, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            self.fail(path, value, "be a structure")
            return
        prefix = f"{path}." if path else ""
        present = [name for name in shape.members if value.get(name) is not None]
        for name in shape.required_members:
            if value.get(name) is None:
                self.fail(prefix + name, None, "not be null")
        if is_union(shape) and len(present) != 1:
            names = ", ".join(present) if present else "none"
            self.fail(path or "input", None, f"have exactly one member set (got {names})")
        for name in present:
            self.check(shape.members[name], value[name], prefix + name)

    def _list(self, shape: ListShape, value: Any, path: str) -> None:
        if not isinstance(value, list):
            self.fail(path, value, "be a list")
            return
        self._length(shape, len(value), value, path, "list length")
        for index, item in enumerate(value):
            if item is None:
                self.fail(f"{path}[{index}]", None, "not be null")
            else:
                self.check(shape.member, item, f"{path}[{index}]")

    def _map(self, shape: MapShape, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            self.fail(path, value, "be a map")
            return
        self._length(shape, len(value), value, path, "map size")
        for key, item in value.items():
            self.check(shape.key, key, f"{path}.key({key!r})")
            if item is not None:
                self.check(shape.value, item, f"{path}[{key!r}]")

    def _string(self, shape: Shape, value: Any, path: str) -> None:
        if not isinstance(value, str):
            self.fail(path, value, "be a string")
            return
        self._length(shape, len(value), value, path, "length")
        if shape.enum and value not in shape.enum:
            self.fail(path, value, f"satisfy enum value set: [{', '.join(shape.enum)}]")
        pattern = shape.metadata.get("pattern")
        if pattern is not None and _pattern(pattern).fullmatch(value) is None:
            self.fail(path, value, f"satisfy regular expression pattern: {pattern}")

    def _length(self, shape: Shape, size: int, value: Any, path: str, what: str) -> None:
        low, high = shape.metadata.get("min"), shape.metadata.get("max")
        if low is not None and size < low:
            self.fail(path, value, f"have {what} greater than or equal to {low}")
        if high is not None and size > high:
            self.fail(path, value, f"have {what} less than or equal to {high}")

    def _range(self, shape: Shape, value: float, path: str) -> None:
        low, high = shape.metadata.get("min"), shape.metadata.get("max")
        if low is not None and value < low:
            self.fail(path, value, f"be greater than or equal to {low}")
        if high is not None and value > high:
            self.fail(path, value, f"be less than or equal to {high}")


def problems(shape: Shape, value: Any, path: str = "") -> list[str]:
    """Every constraint ``value`` breaks, as messages naming the member path."""
    checker = _Checker()
    checker.check(shape, value, path)
    return checker.problems


def validate(shape: Shape | None, params: dict[str, Any]) -> None:
    """Raises ValidationException naming each violated member, in AWS's message style."""
    if shape is None:
        return
    found = problems(shape, params)
    if found:
        count = len(found)
        noun = "error" if count == 1 else "errors"
        shown = "; ".join(found[:_MAX_REPORTED])
        raise ValidationException(f"{count} validation {noun} detected: {shown}")
