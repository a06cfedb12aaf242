"""The control routing table as other modules extend it: a route added later gets the same
security checks, and may stream its answer."""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

import pytest

from cases_mock._engine.wire import WireResponse
from cases_mock._server import CasesServer, ControlRequest, Streamed
from cases_mock._server.control import MAX_BODY_DEPTH
from tests.server.conftest import an_account_client, http_json


def _get(url: str, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, str | None]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    answer = connection.getresponse()
    body = answer.read()
    connection.close()
    return answer.status, body, answer.getheader("Transfer-Encoding")


def _ticks(request: ControlRequest) -> Streamed:
    count = request.number("count", 3, low=1, high=10)
    return Streamed(200, {"Content-Type": "text/plain"}, (f"tick {i}\n".encode() for i in range(count)))


def test_an_added_route_streams_and_is_guarded_like_the_built_in_ones() -> None:
    with CasesServer(quiet=True, control_token="s3cret") as server:
        server.routes.add("GET", "ticks", _ticks)
        server.routes.add("GET", "open", lambda request: WireResponse(200, {}, b"open"), public=True)
        token = {"x-cases-mock-token": "s3cret"}

        streamed = _get(server.url, "/_cases_mock/ticks?count=2", token)
        without_token = _get(server.url, "/_cases_mock/ticks")
        foreign_host = _get(server.url, "/_cases_mock/open", {"Host": "attacker.example"})
        public = _get(server.url, "/_cases_mock/open")
        bad_query = _get(server.url, "/_cases_mock/ticks?count=99", token)
        wrong_method = _get(server.url, "/_cases_mock/reset", token)

    assert streamed == (200, b"tick 0\ntick 1\n", "chunked")
    assert without_token[0] == 401
    assert foreign_host[0] == 403
    assert public[:2] == (200, b"open")
    assert bad_query[0] == 400
    assert b"count" in bad_query[1]
    assert wrong_method[0] == 405


def _nested(depth: int, opening: str) -> bytes:
    closing = {"[": "]", '{"a": ': "}"}[opening]
    return (opening * depth + "1" + closing * depth).encode()


@pytest.mark.parametrize("opening", ["[", '{"a": '])
@pytest.mark.parametrize(
    "path",
    ["/_cases_mock/state", "/_cases_mock/faults", "/_cases_mock/ui/api/preview", "/domains"],
)
@pytest.mark.parametrize("depth", [10_000, MAX_BODY_DEPTH + 1])
def test_a_deeply_nested_body_gets_a_json_400_on_every_route_and_the_server_stays_up(
    server_url: str, path: str, opening: str, depth: int
) -> None:
    client = an_account_client(server_url)
    client.create_domain(name="not-replaced")

    status, answer = http_json(server_url, "POST", path, _nested(depth, opening))

    assert status == 400
    assert "nests JSON more than" in answer["message"]
    assert http_json(server_url, "GET", "/_cases_mock/health") == (200, {"status": "ok"})
    assert [d["name"] for d in client.list_domains()["domains"]] == ["not-replaced"]
    assert http_json(server_url, "GET", "/_cases_mock/ui/api/faults")[1]["faults"] == []


def test_a_state_import_repeating_a_key_is_refused_as_a_state_file_is(server_url: str) -> None:
    client = an_account_client(server_url)
    client.create_domain(name="kept-by-a-refused-import")
    status, exported = http_json(server_url, "GET", "/_cases_mock/state")
    assert status == 200
    text = json.dumps(exported)
    repeated = text[: text.rindex("}")] + ', "backends": []}'  # json.loads would keep the empty copy

    status, answer = http_json(server_url, "POST", "/_cases_mock/state", repeated.encode())

    assert status == 400
    assert "the key 'backends' appears twice" in answer["message"]
    assert "kept-by-a-refused-import" in [d["name"] for d in client.list_domains()["domains"]]
