"""HTTP/1.1 on a socket, strictly: one request read under a whole-request deadline, one write per
response (docs/server.md#limits).

Reading refuses what request smuggling relies on, with an error and the connection closed:
``Transfer-Encoding`` other than a single ``chunked`` (decoded here), ``Transfer-Encoding``
together with ``Content-Length``, a ``Content-Length`` that is not digits or that differs between
repeated headers, whitespace before a header's colon, folded header lines, lines not ending in
CRLF (a bare LF or CR: RFC 9112 2.2 lets a server refuse them). The request target is split
here: origin-form (``/path?query``), absolute-form (``http://authority/path``, whose authority
replaces ``Host``, RFC 9112 3.2.2) or ``*``; anything else is refused.
"""

from __future__ import annotations

import json
import re
import socket
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import urlsplit

from cases_mock._engine.wire import WireResponse

_TOKEN = re.compile(rb"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
_DIGITS = re.compile(r"^[0-9]+$")
_CHUNK_SIZE = re.compile(rb"^([0-9A-Fa-f]{1,16})[ \t]*(?:;[^\r\n]*)?$")
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True, slots=True)
class HttpLimits:
    request_timeout: float = 10.0  # seconds for the request line, the headers and the body together
    idle_timeout: float = 60.0  # seconds a kept-alive connection may wait for its next request
    max_body: int = 10 * 1024 * 1024
    max_line: int = 16 * 1024  # the request line and each header line
    max_headers: int = 100
    max_header_bytes: int = 64 * 1024


class HttpError(Exception):
    """A request that cannot be served: answered with a JSON error, then the connection closes."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class ClientGone(Exception):
    """The client closed the connection or went quiet before sending a request."""


@dataclass(slots=True)
class Request:
    method: str  # as sent: methods are case-sensitive (RFC 9110 9.1)
    target: str
    version: str
    headers: dict[str, str]  # lower-cased names; repeated headers joined with ", "
    body: bytes = b""
    keep_alive: bool = True
    path: str = "/"
    query: str = ""
    authority: str | None = None  # an absolute-form target's (RFC 9112 3.2.2)

    @property
    def host(self) -> str | None:
        """Who the request names as its host: an absolute-form target's authority, else ``Host``."""
        return self.authority if self.authority is not None else self.headers.get("host")


@dataclass(slots=True)
class Streamed:
    """A response whose body is sent as it is produced (``Transfer-Encoding: chunked``), for
    control endpoints that stream."""

    status: int
    headers: dict[str, str]
    chunks: Iterable[bytes]


@dataclass(slots=True)
class Reader:
    """Buffered reads from ``sock`` that all stop at one deadline (``time.monotonic``)."""

    sock: socket.socket
    deadline: float = 0.0
    buffer: bytearray = field(default_factory=bytearray)

    def _fill(self) -> None:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        self.sock.settimeout(remaining)
        data = self.sock.recv(65536)
        if not data:
            raise ClientGone
        self.buffer += data

    def wait_for_data(self, idle: float) -> None:
        """Blocks until the next request's first byte (ClientGone after ``idle`` seconds)."""
        if self.buffer:
            return
        self.deadline = time.monotonic() + idle
        try:
            self._fill()
        except TimeoutError:
            raise ClientGone from None

    def line(self, limit: int) -> bytes:
        while True:
            end = self.buffer.find(b"\n")
            if end >= 0:
                if end > limit:
                    break
                line = bytes(self.buffer[: end + 1])
                del self.buffer[: end + 1]
                if not line.endswith(b"\r\n") or b"\r" in line[:-2]:
                    raise HttpError(
                        400, "BadRequest", "a request line must end with CRLF (a bare LF or CR was sent)"
                    )
                return line[:-2]
            if len(self.buffer) > limit:
                break
            self._fill()
        raise HttpError(431, "RequestHeaderFieldsTooLarge", f"a request or header line is over {limit} bytes")

    def exact(self, count: int) -> bytes:
        while len(self.buffer) < count:
            self._fill()
        data = bytes(self.buffer[:count])
        del self.buffer[:count]
        return data


def read_request(reader: Reader, limits: HttpLimits, write: socket.socket) -> Request:
    """The next request on the connection; HttpError if it is malformed, TimeoutError if it took
    longer than ``limits.request_timeout``, ClientGone if the client left or stayed idle."""
    reader.wait_for_data(limits.idle_timeout)
    reader.deadline = time.monotonic() + limits.request_timeout
    line = reader.line(limits.max_line)
    if not line:  # RFC 9112 2.2: one empty line before a request may be ignored
        line = reader.line(limits.max_line)
    method, target, version = _request_line(line)
    authority, path, query = _target(target)
    headers = _headers(reader, limits)
    keep_alive = _keep_alive(version, headers.get("connection", ""))
    request = Request(method, target, version, headers, keep_alive=keep_alive)
    request.authority, request.path, request.query = authority, path, query
    if headers.get("expect", "").lower() == "100-continue" and version == "HTTP/1.1":
        write.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
    request.body = _body(reader, headers, limits)
    return request


def _request_line(line: bytes) -> tuple[str, str, str]:
    parts = line.split(b" ")
    if len(parts) != 3 or not _TOKEN.match(parts[0]) or not parts[1]:
        raise HttpError(400, "BadRequest", "malformed request line")
    if parts[2] not in (b"HTTP/1.1", b"HTTP/1.0"):
        raise HttpError(505, "HTTPVersionNotSupported", "only HTTP/1.1 and HTTP/1.0 are served")
    try:
        return parts[0].decode("ascii"), parts[1].decode("ascii"), parts[2].decode("ascii")
    except UnicodeDecodeError:
        raise HttpError(400, "BadRequest", "the request target must be ASCII") from None


def _target(target: str) -> tuple[str | None, str, str]:
    """(authority or None, path, query) of a request target."""
    if target.startswith("/") or target == "*":
        path, _, query = target.partition("?")
        return None, path, query
    if _ABSOLUTE.match(target):
        parts = urlsplit(target)
        if parts.scheme.lower() in ("http", "https") and parts.netloc and "@" not in parts.netloc:
            return parts.netloc, parts.path or "/", parts.query
    raise HttpError(400, "BadRequest", f"malformed request target {target[:100]!r}")


def _headers(reader: Reader, limits: HttpLimits) -> dict[str, str]:
    headers: dict[str, str] = {}
    count = size = 0
    while True:
        line = reader.line(limits.max_line)
        if not line:
            return headers
        count += 1
        size += len(line)
        if count > limits.max_headers or size > limits.max_header_bytes:
            raise HttpError(431, "RequestHeaderFieldsTooLarge", "too many or too large request headers")
        name, colon, value = line.partition(b":")
        if not colon or not _TOKEN.match(name):  # also refuses "Name :" and folded lines
            raise HttpError(400, "BadRequest", "malformed header line")
        key = name.decode("ascii").lower()
        text = value.strip(b" \t").decode("latin-1")
        if key in ("content-length", "transfer-encoding", "host") and key in headers:
            if key == "content-length" and headers[key] == text:
                continue
            raise HttpError(400, "BadRequest", f"conflicting {key} headers")
        headers[key] = f"{headers[key]}, {text}" if key in headers else text


def _keep_alive(version: str, connection: str) -> bool:
    tokens = {token.strip().lower() for token in connection.split(",")}
    if version == "HTTP/1.0":
        return "keep-alive" in tokens
    return "close" not in tokens


def _body(reader: Reader, headers: dict[str, str], limits: HttpLimits) -> bytes:
    encoding = headers.get("transfer-encoding")
    length = headers.get("content-length")
    if encoding is not None:
        if length is not None:
            raise HttpError(400, "BadRequest", "Transfer-Encoding and Content-Length together")
        if encoding.lower() != "chunked":
            raise HttpError(
                501, "UnsupportedTransferEncoding", f"Transfer-Encoding {encoding!r} is not supported"
            )
        return _chunked(reader, limits)
    if length is None:
        return b""
    if not _DIGITS.match(length):
        raise HttpError(400, "BadRequest", f"invalid Content-Length {length!r}")
    size = int(length)
    if size > limits.max_body:
        raise HttpError(
            413, "ValidationException", f"The request body must be at most {limits.max_body} bytes"
        )
    return reader.exact(size) if size else b""


def _chunked(reader: Reader, limits: HttpLimits) -> bytes:
    body = bytearray()
    while True:
        found = _CHUNK_SIZE.match(reader.line(limits.max_line))
        if found is None:
            raise HttpError(400, "BadRequest", "malformed chunk size line")
        size = int(found.group(1), 16)
        if size == 0:
            break
        if len(body) + size > limits.max_body:
            raise HttpError(
                413, "ValidationException", f"The request body must be at most {limits.max_body} bytes"
            )
        body += reader.exact(size)
        if reader.exact(2) != b"\r\n":
            raise HttpError(400, "BadRequest", "a chunk does not end with CRLF")
    for _ in range(limits.max_headers):  # trailer fields, ignored
        if not reader.line(limits.max_line):
            return bytes(body)
    raise HttpError(431, "RequestHeaderFieldsTooLarge", "too many trailer fields")


def json_error(status: int, code: str, message: str, request_id: str = "cases-mock-server") -> WireResponse:
    """A rest-json error for what the service model does not describe (HTTP-level problems)."""
    headers = {"Content-Type": "application/json", "x-amzn-ErrorType": code, "x-amzn-RequestId": request_id}
    return WireResponse(status, headers, json.dumps({"message": message}).encode())


def _head(status: int, headers: dict[str, str], close: bool) -> list[str]:
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = "Status"
    lines = [f"HTTP/1.1 {status} {reason}"]
    lines += [f"{name}: {value}" for name, value in headers.items() if name.lower() not in _FRAMING]
    if not any(name.lower() == "x-content-type-options" for name in headers):
        lines.append("X-Content-Type-Options: nosniff")  # every reply: no JSON read as a script
    lines.append("Connection: close" if close else "Connection: keep-alive")
    return lines


_FRAMING = ("content-length", "connection", "transfer-encoding")


def write_response(sock: socket.socket, response: WireResponse, *, head_only: bool, close: bool) -> int:
    """Sends the whole response in one write (no Nagle stall between headers and body)."""
    lines = _head(response.status, response.headers, close)
    lines.append(f"Content-Length: {len(response.body)}")
    data = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    if not head_only:
        data += response.body
    sock.sendall(data)
    return len(response.body)


def write_streamed(sock: socket.socket, response: Streamed, *, close: bool) -> int:
    lines = _head(response.status, response.headers, close)
    lines.append("Transfer-Encoding: chunked")
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
    sent = 0
    for chunk in _nonempty(response.chunks):
        sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        sent += len(chunk)
    sock.sendall(b"0\r\n\r\n")
    return sent


def _nonempty(chunks: Iterable[bytes]) -> Iterator[bytes]:
    return (chunk for chunk in chunks if chunk)
