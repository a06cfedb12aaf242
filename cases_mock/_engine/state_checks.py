"""Type checks of a decoded state, generic over a service's dataclasses: every record's fields
against the types its class declares, so resources added later are checked without changes here
(``state_json.py`` composes them; a service's own reference checks sit in its folder).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from typing import Any

_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _describe(expected: Any) -> str:
    return getattr(expected, "__name__", None) or str(expected).replace("typing.", "")


def check_type(value: Any, expected: Any, path: str) -> None:
    """ValueError at ``path`` unless ``value`` is of the (annotated) type ``expected``."""
    if expected is Any:
        return
    origin = typing.get_origin(expected)
    if origin in (typing.Union, types.UnionType):
        for option in typing.get_args(expected):
            try:
                check_type(value, option, path)
                return
            except ValueError:
                continue
        raise ValueError(f"{path}: expected {_describe(expected)}, got {type(value).__name__}")
    if origin is dict:
        key_type, value_type = typing.get_args(expected)
        _require(value, dict, expected, path)
        for key, item in value.items():
            check_type(key, key_type, f"{path} key {key!r}")
            check_type(item, value_type, f"{path}[{key!r}]")
        return
    if origin is list:
        (item_type,) = typing.get_args(expected)
        _require(value, list, expected, path)
        for index, item in enumerate(value):
            check_type(item, item_type, f"{path}[{index}]")
        return
    if origin is tuple:
        _require(value, tuple, expected, path)
        arguments = typing.get_args(expected)
        if len(arguments) == 2 and arguments[1] is Ellipsis:  # tuple[X, ...]: every item an X
            for index, item in enumerate(value):
                check_type(item, arguments[0], f"{path}[{index}]")
        return
    if origin in (set, frozenset):
        _require(value, origin, expected, path)
        return
    if expected is type(None):
        _require(value, type(None), expected, path)
    elif expected is float:
        _require(value, (int, float), expected, path)
        if isinstance(value, bool):
            raise ValueError(f"{path}: expected float, got bool")
    elif expected in (int, str):
        _require(value, expected, expected, path)
        if expected is int and isinstance(value, bool):
            raise ValueError(f"{path}: expected int, got bool")
    elif expected is bool:
        _require(value, bool, expected, path)
    elif expected is datetime:
        _require(value, datetime, expected, path)
        if value.tzinfo is None:
            raise ValueError(f"{path}: a datetime without a time zone")
    elif isinstance(expected, type) and dataclasses.is_dataclass(expected):
        _require(value, expected, expected, path)
        check_record(value, path)
    else:
        _require(value, expected, expected, path)


def _require(value: Any, kind: Any, expected: Any, path: str) -> None:
    if not isinstance(value, kind):
        raise ValueError(f"{path}: expected {_describe(expected)}, got {type(value).__name__}")


def check_record(record: Any, path: str) -> None:
    hints = _hints(type(record))
    for item in dataclasses.fields(record):
        check_type(getattr(record, item.name), hints[item.name], f"{path}.{item.name}")
