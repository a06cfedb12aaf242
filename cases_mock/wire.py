"""The two values every way in shares: a request as it arrived and a response to send back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class WireRequest:
    method: str
    path: str  # raw, still percent-encoded, without the query string
    query: str = ""  # raw query string, without the leading "?"
    # lower-cased keys, or a case-insensitive mapping (botocore's and requests' headers as-is)
    headers: Mapping[str, Any] = field(default_factory=dict)
    body: bytes = b""
    host: str = ""

    def header(self, name: str) -> str | None:
        value = self.headers.get(name.lower())
        if value is None:
            return None
        return value.decode() if isinstance(value, bytes) else str(value)


@dataclass(slots=True)
class WireResponse:
    status: int
    headers: dict[str, str]
    body: bytes
