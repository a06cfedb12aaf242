"""The dashboard as ``cases-mock serve`` mounts it, over HTTP."""

from __future__ import annotations

import http.client
import json
from typing import Any
from urllib.parse import urlsplit

from tests.dashboard.conftest import TOKEN


def get(url: str, path: str, headers: dict[str, str] | None = None, method: str = "GET") -> Any:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_the_dashboard_is_served_under_cases_mock_ui(server):
    status, headers, body = get(server, "/_cases_mock/ui/")
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    assert b'<script src="app.js"' in body


def test_the_mount_point_without_its_slash_redirects_to_it(server):
    status, headers, _ = get(server, "/_cases_mock/ui")
    assert (status, headers["Location"]) == (308, "/_cases_mock/ui/")


def test_the_dashboard_endpoints_answer_json_over_http(server, client):
    client.create_domain(name="support")
    status, _, body = get(server, "/_cases_mock/ui/api/overview")
    assert status == 200
    (backend,) = json.loads(body)["backends"]
    assert [d["name"] for d in backend["domains"]] == ["support"]


def test_a_cross_origin_request_to_a_dashboard_endpoint_is_refused(server, client):
    client.create_domain(name="support")
    evil = {"Origin": "http://evil.example"}
    for path in ("/_cases_mock/ui/api/overview", "/_cases_mock/ui/api/calls", "/_cases_mock/ui/"):
        status, _, body = get(server, path, evil)
        assert status == 403, path
        assert b"Origin" in body
    status, _, _ = get(server, "/_cases_mock/ui/api/preview", evil, method="POST")
    assert status == 403


def test_a_dns_rebinding_host_cannot_read_the_dashboard(server):
    status, _, _ = get(server, "/_cases_mock/ui/api/overview", {"Host": "attacker.example:4566"})
    assert status == 403


def test_the_servers_own_origin_may_use_the_dashboard(server):
    origin = server.rstrip("/")
    status, _, body = get(server, "/_cases_mock/ui/api/overview", {"Origin": origin})
    assert status == 200
    assert json.loads(body)["backends"] == []


def test_with_a_control_token_the_page_loads_but_its_data_needs_the_token(token_server):
    for page in ("/_cases_mock/ui/", "/_cases_mock/ui/app.js"):
        assert get(token_server, page)[0] == 200
    assert get(token_server, "/_cases_mock/ui/api/overview")[0] == 401
    assert get(token_server, "/_cases_mock/ui/api/preview", method="POST")[0] == 401
    status, _, body = get(token_server, "/_cases_mock/ui/api/overview", {"x-cases-mock-token": TOKEN})
    assert status == 200
    assert json.loads(body)["backends"] == []
