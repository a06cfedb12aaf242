"""Opaque, tamper-evident page tokens with keyset pagination, for every service's list operations.

A token records the operation, a scope (domain, filters...) and the position of the last item
returned. The next page starts strictly after that position, so items created or deleted
between pages never make another item appear twice or go missing. A token that was altered, or
that is replayed on another operation or scope, is refused with the service's own error
(``Pages``: Connect Cases' ValidationException naming ``nextToken``, Customer Profiles'
BadRequestException naming ``NextToken``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from cases_mock._protocol.errors import CasesError

T = TypeVar("T")
_SECRET = os.urandom(32)


def _sign(payload: bytes) -> str:
    return hmac.new(_SECRET, payload, hashlib.sha256).hexdigest()[:24]


def _key(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


@dataclass(frozen=True, slots=True)
class Pages:
    """One service's pages: the members its list operations read and the error a bad token gets."""

    max_results: str  # the request member of the page size: "maxResults", "MaxResults"
    next_token: str  # the request member of the token, as the error names it: "nextToken", "NextToken"
    invalid: Callable[[str], CasesError]  # the service's error for a token not valid here
    default_page: int  # the page size when the request gives none

    def encode_token(self, operation: str, scope: str, position: Any) -> str:
        payload = json.dumps([operation, scope, position], separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(payload).decode().rstrip("=") + "." + _sign(payload)

    def decode_token(self, token: str, operation: str, scope: str) -> Any:
        """The position stored in ``token``; the service's error if it is not one of ours for here."""
        invalid = self.invalid(f"The {self.next_token} {token[:40]!r} is not valid for this request")
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
        self,
        params: dict[str, Any],
        items: Sequence[T],
        position: Callable[[T], Any],
        *,
        operation: str,
        scope: str,
        default_page: int | None = None,
    ) -> tuple[list[T], str | None]:
        """The page of ``items`` (sorted ascending by ``position``) that ``params`` ask for (their
        page size and token), and the token of the next page, if any."""
        given = params.get(self.max_results)
        size = given if given is not None else default_page or self.default_page
        start = 0
        next_token = params.get(self.next_token)
        if next_token:
            after_key = _key(self.decode_token(next_token, operation, scope))
            start = len(items)
            for index, item in enumerate(items):
                if _key(position(item)) > after_key:
                    start = index
                    break
        chunk = list(items[start : start + size])
        more = start + size < len(items)
        token = self.encode_token(operation, scope, position(chunk[-1])) if more and chunk else None
        return chunk, token
