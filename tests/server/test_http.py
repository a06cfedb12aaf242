"""HTTP as a hostile or unusual client speaks it, over raw sockets to a real server process."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from urllib.parse import urlsplit

import pytest

from tests.server.conftest import Served, a_server_client, an_account_client, raw_exchange

CHUNKED_CLOSE = b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"


def _address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "", parts.port or 0


def _status_and_json(reply: bytes) -> tuple[int, dict[str, str], dict[str, object]]:
    head, _, body = reply.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, json.loads(body)


def test_calls_share_one_kept_alive_connection(server_url: str) -> None:
    connection = http.client.HTTPConnection(*_address(server_url), timeout=10)
    sockets = []
    for _ in range(3):
        connection.request("GET", "/_cases_mock/health")
        answer = connection.getresponse()
        assert json.loads(answer.read()) == {"status": "ok"}
        assert answer.getheader("Connection") == "keep-alive"
        sockets.append(connection.sock)
    connection.close()

    assert sockets[0] is not None
    assert sockets[0] is sockets[1] is sockets[2]


def test_a_chunked_body_is_decoded(server_url: str) -> None:
    body = b'{"name": "chunked-domain"}'
    chunks = b"%x\r\n%s\r\n%x;ext=1\r\n%s\r\n0\r\nTrailer: x\r\n\r\n" % (5, body[:5], len(body) - 5, body[5:])
    request = b"POST /domains HTTP/1.1\r\nHost: localhost\r\n" + CHUNKED_CLOSE

    status, _, answer = _status_and_json(raw_exchange(server_url, request + chunks))

    assert status == 200
    assert "domainId" in answer
    names = [d["name"] for d in a_server_client(server_url).list_domains()["domains"]]
    assert "chunked-domain" in names


def test_a_request_smuggled_inside_a_chunk_is_only_a_body(server_url: str) -> None:
    client = an_account_client(server_url)
    client.create_domain(name="survives-smuggling")
    smuggled = b"POST /_cases_mock/reset HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n"
    request = (
        b"POST /domains HTTP/1.1\r\nHost: localhost\r\n"
        + CHUNKED_CLOSE
        + b"%x\r\n%s\r\n0\r\n\r\n" % (len(smuggled), smuggled)
    )

    status, headers, _ = _status_and_json(raw_exchange(server_url, request))

    assert (status, headers["x-amzn-errortype"]) == (400, "ValidationException")
    assert "survives-smuggling" in [d["name"] for d in client.list_domains()["domains"]]


@pytest.mark.parametrize(
    ("framing", "status"),
    [
        (b"Transfer-Encoding: chunked\r\nContent-Length: 4\r\n", 400),
        (b"Content-Length: 4\r\nContent-Length: 60\r\n", 400),
        (b"Content-Length: +4\r\n", 400),
        (b"Content-Length: 4, 4\r\n", 400),
        (b"Content-Length: -1\r\n", 400),
        (b"Content-Length : 4\r\n", 400),
        (b"Transfer-Encoding: gzip, chunked\r\n", 501),
        (b"X-Folded: a\r\n  b\r\nContent-Length: 4\r\n", 400),
    ],
)
def test_ambiguous_framing_is_refused_and_the_connection_closed(
    server_url: str, framing: bytes, status: int
) -> None:
    client = an_account_client(server_url)
    client.create_domain(name="framing-kept")
    smuggled = b"POST /_cases_mock/reset HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n"
    request = b"POST /domains HTTP/1.1\r\nHost: localhost\r\n" + framing + b"\r\n0\r\n\r\n" + smuggled

    reply = raw_exchange(server_url, request)  # returns once the server closed the connection

    assert reply.count(b"HTTP/1.1 ") == 1  # the smuggled request was never answered
    got, headers, answer = _status_and_json(reply)
    assert got == status
    assert headers["connection"] == "close"
    assert "message" in answer
    assert "framing-kept" in [d["name"] for d in client.list_domains()["domains"]]


@pytest.mark.parametrize("method", ["OPTIONS", "TRACE", "PROPFIND", "get", "BREW", "CONNECT"])
def test_every_method_gets_a_rest_json_error(server_url: str, method: str) -> None:
    request = f"{method} /domains-list HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode()

    status, headers, answer = _status_and_json(raw_exchange(server_url, request))

    assert 400 <= status < 500
    assert headers["content-type"] == "application/json"
    assert headers["x-amzn-errortype"]
    assert isinstance(answer["message"], str)


@pytest.mark.parametrize("method", ["post", "Post", "pOST"])
@pytest.mark.parametrize("path", ["/domains-list", "/_cases_mock/reset", "/_cases_mock/ui/api/preview"])
def test_methods_are_case_sensitive_so_post_in_lower_case_is_an_unknown_method(
    server_url: str, method: str, path: str
) -> None:
    client = an_account_client(server_url)
    client.create_domain(name="kept-by-case")

    def ask(verb: str) -> tuple[int, dict[str, str], dict[str, object]]:
        head = f"{verb} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nConnection: close\r\n\r\n"
        return _status_and_json(raw_exchange(server_url, head.encode() + b"{}"))

    status, headers, answer = ask(method)
    unknown_status, unknown_headers, _ = ask("PROPFIND")

    assert (status, headers["x-amzn-errortype"]) == (unknown_status, unknown_headers["x-amzn-errortype"])
    assert 400 <= status < 500
    assert f"{method} " in str(answer["message"])
    assert "kept-by-case" in [d["name"] for d in client.list_domains()["domains"]]


@pytest.mark.parametrize(
    ("request_line", "status"),
    [
        (b"GET /domains-list HTTP/2.0", 505),
        (b"GET  /x HTTP/1.1", 400),
        (b"\xff\xfe", 400),
        (b"A" * 20000, 431),
    ],
)
def test_malformed_request_lines_get_json_errors(server_url: str, request_line: bytes, status: int) -> None:
    got, headers, answer = _status_and_json(
        raw_exchange(server_url, request_line + b"\r\nHost: localhost\r\n\r\n")
    )

    assert got == status
    assert headers["content-type"] == "application/json"
    assert "message" in answer


@pytest.mark.parametrize(
    "request_head",
    [
        b"GET /_cases_mock/health HTTP/1.1\nHost: localhost\n\n",
        b"GET /_cases_mock/health HTTP/1.1\r\nHost: localhost\nX-A: b\r\n\r\n",
        b"GET /_cases_mock/health HTTP/1.1\r\nHost: localhost\r\n\n",
        b"GET /_cases_mock/health HTTP/1.1\r\nX-A: b\rHost: x\r\nHost: localhost\r\n\r\n",
    ],
)
def test_lines_not_ending_in_crlf_are_refused(server_url: str, request_head: bytes) -> None:
    reply = raw_exchange(server_url, request_head)  # returns once the server closed the connection

    status, headers, answer = _status_and_json(reply)
    assert (status, headers["x-amzn-errortype"]) == (400, "BadRequest")
    assert headers["connection"] == "close"
    assert "CRLF" in str(answer["message"])


def _absolute(
    url: str, authority: str, path: str, host: str = "127.0.0.1"
) -> tuple[int, dict[str, str], dict[str, object]]:
    request = f"GET http://{authority}{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    return _status_and_json(raw_exchange(url, request.encode()))


@pytest.mark.parametrize("path", ["/_cases_mock/state", "/_cases_mock/health", "/domains-list"])
def test_an_absolute_form_target_is_checked_by_its_authority_not_the_host_header(
    server_url: str, path: str
) -> None:
    status, headers, answer = _absolute(server_url, "attacker.example", path)

    assert (status, headers["x-amzn-errortype"]) == (403, "AccessDeniedException")
    assert "'attacker.example'" in str(answer["message"])
    assert "--allow-host" in str(answer["message"])


def test_an_absolute_form_target_with_a_loopback_authority_is_served(server_url: str) -> None:
    authority = urlsplit(server_url).netloc

    status, _, answer = _absolute(server_url, authority, "/_cases_mock/health", host="ignored.example")

    assert (status, answer) == (200, {"status": "ok"})


@pytest.mark.parametrize(
    "target",
    [b"attacker.example/_cases_mock/state", b"ftp://localhost/_cases_mock/state", b"http://u@localhost/"],
)
def test_request_targets_of_no_served_form_are_refused(server_url: str, target: bytes) -> None:
    request = b"GET " + target + b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"

    status, headers, answer = _status_and_json(raw_exchange(server_url, request))

    assert (status, headers["x-amzn-errortype"]) == (400, "BadRequest")
    assert "request target" in str(answer["message"])


def test_a_double_slash_path_is_a_path_not_an_authority(server_url: str) -> None:
    request = b"GET //localhost/_cases_mock/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"

    status, _, answer = _status_and_json(raw_exchange(server_url, request))

    assert status == 404
    assert "status" not in answer


def test_expect_100_continue_is_answered(server_url: str) -> None:
    with socket.create_connection(_address(server_url), timeout=10) as sock:
        body = b'{"name": "after-continue"}'
        sock.sendall(
            b"POST /domains HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\n"
            b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body)
        )
        assert sock.recv(4096) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(body)
        reply = b""
        while chunk := sock.recv(4096):
            reply += chunk

    assert _status_and_json(reply)[0] == 200


def test_a_trickled_request_is_dropped_at_the_request_deadline() -> None:
    with (
        Served("--request-timeout", "1") as served,
        socket.create_connection(_address(served.url), timeout=10) as sock,
    ):
        sock.sendall(b"POST /domains HTTP/1.1\r\nHost: localhost\r\n")
        reply = b""
        for _ in range(40):  # one header byte every 0.1 s: each receive is quick, the whole is not
            try:
                sock.sendall(b"X")
            except OSError:
                break
            time.sleep(0.1)
            sock.setblocking(False)
            try:
                reply += sock.recv(4096)
            except BlockingIOError:
                pass
            finally:
                sock.setblocking(True)
            if reply:
                break

        assert reply.startswith(b"HTTP/1.1 408 ")
        assert b"RequestTimeout" in reply
        assert served.process.poll() is None


def test_connections_beyond_the_cap_get_a_503_and_the_server_recovers() -> None:
    with Served("--max-connections", "2") as served:
        address = _address(served.url)
        held = [socket.create_connection(address, timeout=10) for _ in range(2)]
        time.sleep(0.2)  # both accepted and holding their slots

        status, _, answer = _status_and_json(
            raw_exchange(served.url, b"GET /_cases_mock/health HTTP/1.1\r\n\r\n")
        )

        assert status == 503
        assert "connection limit" in str(answer["message"])
        for sock in held:
            sock.close()
        time.sleep(0.2)
        assert a_server_client(served.url).list_domains()["domains"] == []


def test_hundreds_of_concurrent_connections_are_all_answered(server_url: str) -> None:
    replies: list[bytes] = []
    lock = threading.Lock()

    def one() -> None:
        reply = raw_exchange(
            server_url, b"GET /_cases_mock/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        with lock:
            replies.append(reply)

    threads = [threading.Thread(target=one) for _ in range(300)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(replies) == 300
    assert all(reply.startswith(b"HTTP/1.1 200 ") for reply in replies)
