"""The two values every way in shares: a request as it arrived and a response to send back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit


@dataclass(slots=True)
class WireRequest:
    method: str
    path: str  # raw, still percent-encoded, without the query string
    query: str = ""  # raw query string, without the leading "?"
    # lower-cased keys, or a case-insensitive mapping (botocore's and requests' headers as-is)
    headers: Mapping[str, Any] = field(default_factory=dict)
    body: bytes = b""
    host: str = ""
    # (access key id or None, region) a request answered before signing would have been signed
    # with (the before-call way in); None: read them from its Authorization header
    signer: tuple[str | None, str] | None = None

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


def body_bytes(body: Any) -> bytes:
    """Any body a client library can send (bytes, str, a file, an iterable of chunks), as bytes.
    A file is read from where it stands and put back there."""
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode()
    if isinstance(body, (bytearray, memoryview)):
        return bytes(body)
    if hasattr(body, "read"):
        position = body.tell() if hasattr(body, "tell") else None
        data = body.read()
        if position is not None and hasattr(body, "seek"):
            body.seek(position)
        return data if isinstance(data, bytes) else str(data).encode()
    if isinstance(body, Mapping):  # a form not yet encoded
        from urllib.parse import urlencode

        return urlencode(body, doseq=True).encode()
    try:
        chunks = iter(body)
    except TypeError:
        return str(body).encode()
    return b"".join(chunk if isinstance(chunk, bytes) else str(chunk).encode() for chunk in chunks)


def wire_request(method: str, url: str, headers: Any, body: Any) -> WireRequest:
    """A ``WireRequest`` from a URL and the headers/body a client library prepared."""
    parts = urlsplit(url)
    return WireRequest(
        method=method.upper(),
        path=parts.path or "/",
        query=parts.query,
        headers=headers,  # case-insensitive already (botocore HTTPHeaders, requests' headers)
        body=body_bytes(body),
        host=parts.netloc,
    )
