"""The two values every way in shares: a request as it arrived and a response to send back."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class WireRequest:
    method: str
    path: str  # raw, still percent-encoded, without the query string
    query: str = ""  # raw query string, without the leading "?"
    headers: dict[str, str] = field(default_factory=dict)  # keys lower-cased
    body: bytes = b""
    host: str = ""

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


@dataclass(slots=True)
class WireResponse:
    status: int
    headers: dict[str, str]
    body: bytes
