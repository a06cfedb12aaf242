"""The dashboard as ``cases-mock serve`` mounts it, over HTTP."""

from __future__ import annotations

import http.client
import json
from typing import Any
from urllib.parse import urlsplit


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
