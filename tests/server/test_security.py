"""Safe by default: Host and Origin checks on every path, the control token, IPv6 binds."""

from __future__ import annotations

import json
import socket
from typing import Any

import pytest

from tests.server.conftest import Served, a_server_client, an_account_client, raw_exchange


def _answer(
    url: str, method: str, path: str, headers: dict[str, str], body: bytes = b""
) -> tuple[int, dict[str, str], Any]:
    lines = [f"{method} {path} HTTP/1.1", *(f"{k}: {v}" for k, v in headers.items())]
    lines += [f"Content-Length: {len(body)}", "Connection: close"]
    reply = raw_exchange(url, ("\r\n".join(lines) + "\r\n\r\n").encode() + body)
    head, _, data = reply.partition(b"\r\n\r\n")
    status = int(head.split()[1])
    found = dict(line.split(": ", 1) for line in head.decode().split("\r\n")[1:])
    headers = {k.lower(): v for k, v in found.items()}
    is_json = headers.get("content-type", "").startswith("application/json")
    return status, headers, json.loads(data) if data and is_json else data


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/_cases_mock/reset"),
        ("GET", "/_cases_mock/state"),
        ("GET", "/_cases_mock/calls"),
        ("POST", "/domains-list"),
    ],
)
def test_a_foreign_host_name_is_refused_everywhere(server_url: str, method: str, path: str) -> None:
    client = an_account_client(server_url)
    client.create_domain(name="not-rebound")

    status, headers, answer = _answer(server_url, method, path, {"Host": "attacker.example:4566"})

    assert status == 403
    assert headers["x-amzn-errortype"] == "AccessDeniedException"
    assert "--allow-host" in answer["message"]
    assert [d["name"] for d in client.list_domains()["domains"]] == ["not-rebound"]


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1:9", "[::1]:4566", "app.localhost", "127.1.2.3"])
def test_loopback_host_names_are_served(server_url: str, host: str) -> None:
    assert _answer(server_url, "GET", "/_cases_mock/health", {"Host": host})[0] == 200


def test_a_cross_site_simple_post_cannot_touch_the_state(server_url: str) -> None:
    client = an_account_client(server_url)
    client.create_domain(name="not-forged")
    port = server_url.rsplit(":", 1)[1]
    forged = {"Host": f"127.0.0.1:{port}", "Origin": "https://evil.example", "Content-Type": "text/plain"}

    reset = _answer(server_url, "POST", "/_cases_mock/reset", forged)
    created = _answer(server_url, "POST", "/domains", forged, b'{"name": "forged"}')

    assert reset[0] == created[0] == 403
    assert "--allow-origin" in reset[2]["message"]
    assert [d["name"] for d in client.list_domains()["domains"]] == ["not-forged"]


def test_the_servers_own_origin_is_served(server_url: str) -> None:
    host = server_url.removeprefix("http://")
    status, headers, _ = _answer(
        server_url, "GET", "/_cases_mock/health", {"Host": host, "Origin": server_url}
    )

    assert status == 200
    assert headers["access-control-allow-origin"] == server_url


def test_allowed_hosts_and_origins_get_cors_answers() -> None:
    origin = "http://localhost:3000"
    with Served("--allow-origin", origin, "--allow-host", "cases.test") as served:
        preflight = _answer(
            served.url,
            "OPTIONS",
            "/domains",
            {
                "Host": "cases.test",
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type, x-amz-date",
            },
        )
        created = _answer(
            served.url, "POST", "/domains", {"Host": "cases.test", "Origin": origin}, b'{"name": "web"}'
        )
        other = _answer(
            served.url, "POST", "/domains", {"Host": "cases.test", "Origin": "http://localhost:3001"}, b"{}"
        )

    assert preflight[0] == 204
    assert preflight[1]["access-control-allow-origin"] == origin
    assert "POST" in preflight[1]["access-control-allow-methods"]
    assert preflight[1]["access-control-allow-headers"] == "content-type, x-amz-date"
    assert created[0] == 200
    assert created[1]["access-control-allow-origin"] == origin
    assert "x-amzn-ErrorType" in created[1]["access-control-expose-headers"]
    assert other[0] == 403


def test_the_control_token_guards_every_control_endpoint_but_health() -> None:
    with Served(env={"CASES_MOCK_CONTROL_TOKEN": "s3cret"}) as served:
        client = a_server_client(served.url)
        client.create_domain(name="guarded")  # the API itself needs no token
        local = {"Host": "localhost"}

        refused = [
            _answer(served.url, m, p, local)[0]
            for m, p in [
                ("GET", "/_cases_mock/state"),
                ("POST", "/_cases_mock/reset"),
                ("GET", "/_cases_mock/nothing"),
            ]
        ]
        wrong = _answer(served.url, "POST", "/_cases_mock/reset", {**local, "x-cases-mock-token": "guess"})[0]
        health = _answer(served.url, "GET", "/_cases_mock/health", local)[0]
        by_header = _answer(
            served.url, "GET", "/_cases_mock/state", {**local, "x-cases-mock-token": "s3cret"}
        )[0]
        by_bearer = _answer(
            served.url, "GET", "/_cases_mock/calls", {**local, "Authorization": "Bearer s3cret"}
        )[0]

        assert refused == [401, 401, 401]
        assert wrong == 401
        assert (health, by_header, by_bearer) == (200, 200, 200)
        assert [d["name"] for d in client.list_domains()["domains"]] == ["guarded"]


def _ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback on this machine")
@pytest.mark.parametrize("host", ["::1", "::"])
def test_ipv6_binds_print_a_bracketed_url_and_serve(host: str) -> None:
    with Served("--host", host) as served:
        assert served.url.startswith(f"http://[{host}]:")
        port = served.url.rsplit(":", 1)[1]
        client = a_server_client(f"http://[::1]:{port}")
        client.create_domain(name="over-ipv6")

        assert [d["name"] for d in client.list_domains()["domains"]] == ["over-ipv6"]
        if host == "::":  # the wildcard takes IPv4 too
            assert a_server_client(f"http://127.0.0.1:{port}").list_domains()["domains"]


def test_with_a_control_token_the_dashboard_page_loads_and_its_api_needs_the_token() -> None:
    with Served("--control-token", "s3cret") as served:
        local = {"Host": "localhost"}

        page = _answer(served.url, "GET", "/_cases_mock/ui/", local)
        api = _answer(served.url, "GET", "/_cases_mock/ui/api/overview", local)
        api_with_token = _answer(
            served.url, "GET", "/_cases_mock/ui/api/overview", {**local, "x-cases-mock-token": "s3cret"}
        )

    assert page[0] == 200
    assert page[1]["content-type"].startswith("text/html")
    assert api[0] == 401
    assert api_with_token[0] == 200


def test_an_allowed_origin_without_a_control_token_reaches_the_api_but_not_the_control_endpoints() -> None:
    origin = "http://localhost:3000"
    with Served("--allow-origin", origin) as served:
        client = a_server_client(served.url)
        client.create_domain(name="not-handed-over")
        host = served.url.removeprefix("http://")
        page = {"Host": host, "Origin": origin}

        api = _answer(served.url, "POST", "/domains-list", page, b"{}")
        control = [
            _answer(served.url, method, path, page)
            for method, path in [
                ("GET", "/_cases_mock/state"),
                ("GET", "/_cases_mock/calls"),
                ("POST", "/_cases_mock/reset"),
                ("GET", "/_cases_mock/ui/api/overview"),
            ]
        ]
        own_page = _answer(served.url, "GET", "/_cases_mock/state", {"Host": host, "Origin": served.url})
        no_origin = _answer(served.url, "GET", "/_cases_mock/state", {"Host": host})
        health = _answer(served.url, "GET", "/_cases_mock/health", page)

        assert api[0] == 200
        assert api[1]["access-control-allow-origin"] == origin
        assert [status for status, _, _ in control] == [403, 403, 403, 403]
        assert all("--control-token" in answer["message"] for _, _, answer in control)
        assert (own_page[0], no_origin[0], health[0]) == (200, 200, 200)
        assert [d["name"] for d in client.list_domains()["domains"]] == ["not-handed-over"]


def test_an_allowed_origin_with_a_control_token_reaches_the_control_endpoints_with_the_token() -> None:
    origin = "http://localhost:3000"
    with Served("--allow-origin", origin, env={"CASES_MOCK_CONTROL_TOKEN": "s3cret"}) as served:
        page = {"Host": served.url.removeprefix("http://"), "Origin": origin}

        without = _answer(served.url, "GET", "/_cases_mock/state", page)
        with_token = _answer(
            served.url, "GET", "/_cases_mock/state", {**page, "x-cases-mock-token": "s3cret"}
        )

    assert without[0] == 401
    assert with_token[0] == 200
    assert with_token[1]["access-control-allow-origin"] == origin


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/_cases_mock/ui/api/overview", b""),
        ("GET", "/_cases_mock/ui/api/nothing", b""),
        ("GET", "/_cases_mock/state", b""),
        ("POST", "/_cases_mock/faults", b"{"),
        ("POST", "/domains-list", b"{}"),
        ("POST", "/domains", b"{}"),
        ("PROPFIND", "/domains", b""),
        ("GET", "/_cases_mock/ui/", b""),
    ],
)
def test_every_reply_says_nosniff_once(server_url: str, method: str, path: str, body: bytes) -> None:
    lines = [
        f"{method} {path} HTTP/1.1",
        "Host: localhost",
        f"Content-Length: {len(body)}",
        "Connection: close",
    ]
    reply = raw_exchange(server_url, ("\r\n".join(lines) + "\r\n\r\n").encode() + body)

    head = reply.partition(b"\r\n\r\n")[0].decode().lower()
    assert head.count("\r\nx-content-type-options: nosniff") == 1


def test_a_malformed_request_gets_nosniff_too(server_url: str) -> None:
    reply = raw_exchange(server_url, b"GET  /x HTTP/1.1\r\nHost: localhost\r\n\r\n")

    assert b"HTTP/1.1 400 " in reply
    assert b"\r\nX-Content-Type-Options: nosniff\r\n" in reply


def test_the_control_token_option_points_to_its_environment_variable() -> None:
    import subprocess
    import sys

    shown = subprocess.run(
        [sys.executable, "-m", "cases_mock", "serve", "--help"], capture_output=True, text=True, check=True
    ).stdout

    option = shown[shown.index("\n  --control-token") :].split("\n  -")[1]
    assert "CASES_MOCK_CONTROL_TOKEN" in option
    assert "ps" in option.split()
