"""The server's HTTP framing (``_server/http11.py`` on h11) driven over a socket pair, without a
server process: what h11 decides and what the checks in front of it add."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from cases_mock._engine.wire import WireResponse
from cases_mock._server.http11 import HttpConnection, HttpError, HttpLimits, Streamed

HEALTH = b"GET /_cases_mock/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
CHUNKED = b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"


@pytest.fixture
def pair() -> Iterator[tuple[HttpConnection, socket.socket]]:
    server, client = socket.socketpair()
    client.settimeout(5)
    yield HttpConnection(server, HttpLimits(request_timeout=2, idle_timeout=2, max_body=100)), client
    server.close()
    client.close()


def _reply(http: HttpConnection, client: socket.socket, response: WireResponse | Streamed) -> bytes:
    http.send(response, None)
    return client.recv(65536)


def test_pipelined_requests_are_read_one_after_the_other(
    pair: tuple[HttpConnection, socket.socket],
) -> None:
    http, client = pair
    post = b"POST /domains HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}"
    client.sendall(post + HEALTH)

    first = http.read_request()
    http.send(WireResponse(200, {}, b"{}"), first)
    second = http.read_request()

    assert (first.method, first.path, first.body) == ("POST", "/domains", b"{}")
    assert (second.method, second.path, second.body) == ("GET", "/_cases_mock/health", b"")
    assert http.open


def test_one_empty_line_before_a_request_is_ignored(pair: tuple[HttpConnection, socket.socket]) -> None:
    http, client = pair
    client.sendall(b"\r\n" + HEALTH)

    assert http.read_request().path == "/_cases_mock/health"


def test_an_http_1_0_request_is_answered_and_the_connection_closes(
    pair: tuple[HttpConnection, socket.socket],
) -> None:
    http, client = pair
    client.sendall(b"GET /_cases_mock/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")

    request = http.read_request()
    reply = _reply(http, client, WireResponse(200, {}, b"{}"))

    assert (request.version, request.host) == ("HTTP/1.0", None)
    assert reply.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"\r\nConnection: close\r\n" in reply
    assert not http.open


def test_a_response_goes_out_in_one_write_with_its_length_and_nosniff(
    pair: tuple[HttpConnection, socket.socket],
) -> None:
    http, client = pair
    client.sendall(HEALTH)
    request = http.read_request()

    sent = http.send(WireResponse(200, {"Content-Length": "999", "x-a": "b"}, b'{"a": 1}'), request)
    reply = client.recv(65536)

    assert sent == 8
    assert reply == (
        b"HTTP/1.1 200 OK\r\nx-a: b\r\nX-Content-Type-Options: nosniff\r\nConnection: keep-alive\r\n"
        b'Content-Length: 8\r\n\r\n{"a": 1}'
    )


def test_a_streamed_response_is_chunked(pair: tuple[HttpConnection, socket.socket]) -> None:
    http, client = pair
    client.sendall(HEALTH)
    request = http.read_request()

    http.send(Streamed(200, {}, iter([b"ab", b"", b"cde"])), request)
    client.shutdown(socket.SHUT_WR)
    reply = b""
    while not reply.endswith(b"0\r\n\r\n"):
        reply += client.recv(65536)

    assert b"\r\nTransfer-Encoding: chunked\r\n" in reply
    assert reply.endswith(b"\r\n\r\n2\r\nab\r\n3\r\ncde\r\n0\r\n\r\n")
    assert http.open


@pytest.mark.parametrize(
    ("data", "status", "words"),
    [
        (b"GET / HTTP/1.1\r\n\r\n", 400, "Host"),  # RFC 9112 3.2: h11 requires it of HTTP/1.1
        (b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "Host"),
        (CHUNKED + b"2\r\nabXX0\r\n\r\n", 400, "chunk"),
        (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 101\r\n\r\n", 413, "at most 100 bytes"),
        (
            CHUNKED + b"65\r\n" + b"x" * 101,
            413,
            "at most",
        ),
        (b"GET / HTTP/1.1\r\nHost: a\r\nX: " + b"y" * 20000 + b"\r\n\r\n", 431, "line"),
        (b"GET / HTTP/1.1\r\nHost: a\r\n" + b"X: y\r\n" * 101 + b"\r\n", 431, "headers"),
        (b"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x1\r\n\r\n", 400, "Content-Length"),
    ],
)
def test_what_h11_and_the_checks_before_it_refuse(
    pair: tuple[HttpConnection, socket.socket], data: bytes, status: int, words: str
) -> None:
    http, client = pair
    client.sendall(data)

    with pytest.raises(HttpError) as refused:
        http.read_request()

    assert refused.value.status == status
    assert words in refused.value.message


def test_a_large_request_is_not_answered_100_continue(pair: tuple[HttpConnection, socket.socket]) -> None:
    http, client = pair
    client.sendall(b"POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 500\r\n\r\n")

    with pytest.raises(HttpError, match="at most"):
        http.read_request()
    reply = _reply(http, client, WireResponse(413, {}, b"{}"))

    assert reply.startswith(b"HTTP/1.1 413 ")


def test_a_bare_lf_inside_a_body_is_only_body(pair: tuple[HttpConnection, socket.socket]) -> None:
    http, client = pair
    client.sendall(b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\na\nb")

    assert http.read_request().body == b"a\nb"
