"""Opaque, tamper-evident nextTokens with keyset pagination.

A token records the operation, a scope (domain, filters...) and the position of the last item
returned. The next page starts strictly after that position, so items created or deleted
between pages never make another item appear twice or go missing. A token that was altered, or
that is replayed on another operation or scope, gives ValidationException.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from cases_mock._services.connectcases.errors import ValidationException

T = TypeVar("T")
_SECRET = os.urandom(32)


def _sign(payload: bytes) -> str:
    return hmac.new(_SECRET, payload, hashlib.sha256).hexdigest()[:24]


def encode_token(operation: str, scope: str, position: Any) -> str:
    payload = json.dumps([operation, scope, position], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(payload).decode().rstrip("=") + "." + _sign(payload)


def decode_token(token: str, operation: str, scope: str) -> Any:
    """The position stored in ``token``; ValidationException if it is not one of ours for here."""
    invalid = ValidationException(f"The nextToken {token[:40]!r} is not valid for this request")
    encoded, _, signature = token.rpartition(".")
    try:
        payload = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except (ValueError, TypeError):
        raise invalid from None
    if not hmac.compare_digest(_sign(payload).encode(), signature.encode("utf-8", "replace")):
        raise invalid
    try:
        stored_operation, stored_scope, position = json.loads(payload)
    except (ValueError, TypeError):
        raise invalid from None
    if stored_operation != operation or stored_scope != scope:
        raise invalid
    return position


def paginate(
    items: Sequence[T],
    position: Callable[[T], Any],
    *,
    operation: str,
    scope: str,
    max_results: int | None,
    default_page: int,
    next_token: str | None,
) -> tuple[list[T], str | None]:
    """One page of ``items`` (sorted ascending by ``position``) and the token for the next."""
    size = max_results if max_results is not None else default_page
    start = 0
    if next_token:
        after = decode_token(next_token, operation, scope)
        after_key = tuple(after) if isinstance(after, list) else after
        start = len(items)
        for index, item in enumerate(items):
            if _key(position(item)) > after_key:
                start = index
                break
    chunk = list(items[start : start + size])
    more = start + size < len(items)
    token = encode_token(operation, scope, position(chunk[-1])) if more and chunk else None
    return chunk, token


def _key(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
