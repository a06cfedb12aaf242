"""JSON from a request body, nested no deeper than a limit: the one place where the server's
bodies (API, control and dashboard routes) are read.

``json.loads`` recurses once per level, so a body nested thousands deep raises RecursionError;
``loads`` turns that, and anything nested deeper than the limit, into a ValueError naming it.
"""

from __future__ import annotations

import json
from typing import Any

MAX_JSON_DEPTH = 64  # objects and arrays nested deeper than this are refused (docs/behaviour.md)


class TooDeep(ValueError):
    """A JSON body nested deeper than its limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"The request body nests JSON more than {limit} levels deep")


def nests_deeper_than(value: Any, limit: int) -> bool:
    """Whether ``value`` nests objects/arrays more than ``limit`` deep (iteratively)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def loads(raw: bytes, limit: int = MAX_JSON_DEPTH) -> Any:
    """``raw`` as JSON; TooDeep past ``limit`` levels, ValueError when it is not JSON."""
    try:
        value = json.loads(raw)
    except RecursionError:
        raise TooDeep(limit) from None
    except UnicodeDecodeError:
        raise ValueError("the request body is not UTF-8 JSON") from None
    # Only a body with more brackets than the limit can nest deeper than it: the count is cheap.
    if raw.count(b"{") + raw.count(b"[") > limit and nests_deeper_than(value, limit):
        raise TooDeep(limit)
    return value
