"""HTTP/1.1 on a socket through h11's state machine: one request read under a whole-request
deadline, one write per response (docs/server.md#limits). The only module that frames HTTP.

h11 parses the request line, the header fields and the body's framing (``Content-Length`` or
``chunked``, with its chunk and trailer syntax), answers ``Expect: 100-continue``, refuses a
``Transfer-Encoding`` other than a single ``chunked`` (501) and a request line or header field of
bad syntax (400), and decides whether the connection stays open. Each request gets its own
``h11.Connection``: the bytes left after one request start the next.

Where h11 is lenient, a check here stays strict, before h11 sees the head (what request
smuggling relies on): lines not ending in CRLF (a bare LF or CR: RFC 9112 2.2 lets a server
refuse them; h11 takes a bare LF), folded header lines (h11 unfolds them), a ``Content-Length``
that is not plain digits (h11 takes ``4, 4``), the line, header count and header size limits;
after it: ``Transfer-Encoding`` together with ``Content-Length`` (h11 lets the first win), an
HTTP version other than 1.0 and 1.1, and the request target, split here: origin-form
(``/path?query``), absolute-form (``http://authority/path``, whose authority replaces ``Host``,
RFC 9112 3.2.2) or ``*``; anything else is refused.
"""

from __future__ import annotations

import json
import re
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import urlsplit

import h11

from cases_mock._engine.wire import WireResponse

_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# a complete Content-Length line's value (h11 would take "4, 4")
_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*([^\r\n]*?)[ \t]*(?=\r\n)", re.IGNORECASE)
_CODES = {
    400: "BadRequest",
    413: "ValidationException",
    431: "RequestHeaderFieldsTooLarge",
    501: "UnsupportedTransferEncoding",
    505: "HTTPVersionNotSupported",
}
_FRAMING = ("content-length", "connection", "transfer-encoding")


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


class HttpConnection:
    """One client connection: ``read_request`` and ``send`` in turn, until ``open`` is False."""

    def __init__(self, sock: socket.socket, limits: HttpLimits) -> None:
        self.sock = sock
        self.limits = limits
        self.pending = b""  # received and not yet part of a request
        self.deadline = 0.0
        self.h11 = self._new_exchange()
        self.open = True  # False once a response said the connection closes

    def _new_exchange(self) -> h11.Connection:
        # h11 never refuses a head first: the checks here have smaller limits
        size = self.limits.max_header_bytes + 2 * self.limits.max_line
        return h11.Connection(h11.SERVER, max_incomplete_event_size=size)

    def _recv(self) -> bytes:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        self.sock.settimeout(remaining)
        data = self.sock.recv(65536)
        if not data:
            raise ClientGone
        return data

    def read_request(self) -> Request:
        """The next request on the connection; HttpError if it is malformed, TimeoutError if it
        took longer than ``limits.request_timeout``, ClientGone if the client left or stayed idle."""
        limits = self.limits
        self.h11 = self._new_exchange()
        if not self.pending:
            self.deadline = time.monotonic() + limits.idle_timeout
            try:
                self.pending = self._recv()
            except TimeoutError:
                raise ClientGone from None
        self.deadline = time.monotonic() + limits.request_timeout
        if self.pending.startswith(b"\r\n"):  # RFC 9112 2.2: an empty line before a request may be ignored
            self.pending = self.pending[2:]
        while not _head_complete(self.pending, limits):
            self.pending += self._recv()
        self.h11.receive_data(self.pending)
        self.pending = b""
        event = self._next_event()
        assert isinstance(event, h11.Request)  # a complete head is a request or an error
        request = _request(event, limits)
        if self.h11.they_are_waiting_for_100_continue:
            self.sock.sendall(
                self.h11.send(h11.InformationalResponse(status_code=100, headers=[], reason=b"Continue"))
            )
        request.body = self._body(limits)
        self.pending = bytes(self.h11.trailing_data[0])
        return request

    def _next_event(self) -> h11.Event | type[h11.NEED_DATA] | type[h11.PAUSED]:
        try:
            return self.h11.next_event()
        except h11.RemoteProtocolError as error:
            status = error.error_status_hint
            raise HttpError(status, _CODES.get(status, "BadRequest"), str(error)) from None

    def _body(self, limits: HttpLimits) -> bytes:
        body = bytearray()
        while True:
            event = self._next_event()
            if event is h11.NEED_DATA:
                self.h11.receive_data(self._recv())
            elif isinstance(event, h11.Data):
                body += event.data
                if len(body) > limits.max_body:
                    raise _too_large(limits)
            elif isinstance(event, h11.EndOfMessage):
                return bytes(body)
            else:  # pragma: no cover - h11 gives only these between a request and its end
                raise HttpError(400, "BadRequest", f"unexpected {event!r}")

    def send(self, response: WireResponse | Streamed, request: Request | None, *, close: bool = False) -> int:
        """Sends ``response`` (a whole one in one write, no Nagle stall between headers and body);
        the body bytes sent. ``close`` (or h11: an HTTP/1.0 client, ``Connection: close``) ends
        the connection after it."""
        exchange = self.h11
        headers = _headers(response.status, response.headers, close)
        if isinstance(response, Streamed):
            headers.append((b"Transfer-Encoding", b"chunked"))
            self.sock.sendall(
                exchange.send(
                    h11.Response(
                        status_code=response.status, headers=headers, reason=_reason(response.status)
                    )
                )
            )
            sent = 0
            for chunk in response.chunks:
                if chunk:
                    self.sock.sendall(exchange.send(h11.Data(data=chunk)))
                    sent += len(chunk)
            self.sock.sendall(exchange.send(h11.EndOfMessage()))
        else:
            body = response.body
            headers.append((b"Content-Length", b"%d" % len(body)))
            data = exchange.send(
                h11.Response(status_code=response.status, headers=headers, reason=_reason(response.status))
            )
            if body and not (request is not None and request.method == "HEAD"):
                data += exchange.send(h11.Data(data=body))
            data += exchange.send(h11.EndOfMessage())
            self.sock.sendall(data)
            sent = len(body)
        self.open = exchange.our_state is h11.DONE and exchange.their_state is h11.DONE
        return sent


def _head_complete(data: bytes, limits: HttpLimits) -> bool:
    """Whether ``data`` holds a whole request head; HttpError for what h11 would let through.
    (Whole-buffer searches rather than a loop over lines: this runs on every request.)"""
    end = data.find(b"\r\n\r\n")
    # the complete lines' CRLFs included; a CR at the end may yet be followed by its LF
    head = data[: end + 2] if end >= 0 else data[:-1] if data.endswith(b"\r") else data
    crlf = head.count(b"\r\n")
    if head.count(b"\r") != crlf or head.count(b"\n") != crlf:
        raise HttpError(400, "BadRequest", "a request line must end with CRLF (a bare LF or CR was sent)")
    if len(head) > limits.max_line and max(map(len, head.split(b"\r\n"))) > limits.max_line:
        raise HttpError(
            431, "RequestHeaderFieldsTooLarge", f"a request or header line is over {limits.max_line} bytes"
        )
    fields = head.find(b"\r\n") + 2
    if crlf - 1 > limits.max_headers or (crlf and len(head) - fields > limits.max_header_bytes):
        raise HttpError(431, "RequestHeaderFieldsTooLarge", "too many or too large request headers")
    if b"\r\n " in head or b"\r\n\t" in head:
        raise HttpError(400, "BadRequest", "malformed header line (folded)")
    for value in _CONTENT_LENGTH.findall(head):
        if not value.isdigit():
            raise HttpError(400, "BadRequest", f"invalid Content-Length {value[:40]!r}")
    return end >= 0


def _too_large(limits: HttpLimits) -> HttpError:
    return HttpError(413, "ValidationException", f"The request body must be at most {limits.max_body} bytes")


def _request(event: h11.Request, limits: HttpLimits) -> Request:
    if event.http_version not in (b"1.1", b"1.0"):
        raise HttpError(505, "HTTPVersionNotSupported", "only HTTP/1.1 and HTTP/1.0 are served")
    headers: dict[str, str] = {}
    for name, value in event.headers:
        key, text = name.decode("ascii"), value.decode("latin-1")
        headers[key] = f"{headers[key]}, {text}" if key in headers else text
    length = headers.get("content-length")
    if length is not None:
        if "transfer-encoding" in headers:
            raise HttpError(400, "BadRequest", "Transfer-Encoding and Content-Length together")
        if int(length) > limits.max_body:
            raise _too_large(limits)
    target = event.target.decode("ascii")
    authority, path, query = _target(target)
    return Request(
        event.method.decode("ascii"),
        target,
        "HTTP/" + event.http_version.decode("ascii"),
        headers,
        path=path,
        query=query,
        authority=authority,
    )


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


def _reason(status: int) -> bytes:
    try:
        return HTTPStatus(status).phrase.encode("ascii")
    except ValueError:
        return b"Status"


def _headers(status: int, given: dict[str, str], close: bool) -> list[tuple[bytes, bytes]]:
    headers = [
        (name.encode("latin-1"), value.encode("latin-1"))
        for name, value in given.items()
        if name.lower() not in _FRAMING
    ]
    if not any(name.lower() == "x-content-type-options" for name in given):
        headers.append((b"X-Content-Type-Options", b"nosniff"))  # every reply: no JSON read as a script
    headers.append((b"Connection", b"close" if close else b"keep-alive"))
    return headers


def json_error(status: int, code: str, message: str, request_id: str = "cases-mock-server") -> WireResponse:
    """A rest-json error for what the service model does not describe (HTTP-level problems)."""
    headers = {"Content-Type": "application/json", "x-amzn-ErrorType": code, "x-amzn-RequestId": request_id}
    return WireResponse(status, headers, json.dumps({"message": message}).encode())
