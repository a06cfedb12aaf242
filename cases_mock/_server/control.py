"""The control endpoints under ``/_cases_mock/``: a routing table other modules extend.

A route is (method, name) or (method, prefix + "*"), where the name is the path after
``/_cases_mock/`` without its slashes at either end. Register one with::

    @control_route("GET", "events")
    def events(request: ControlRequest) -> WireResponse | Streamed: ...

Each ``CasesServer`` copies the table when it is made (``server.routes.add`` adds to one
server only). The server applies its security checks (Host, Origin, control token) before any
route runs, so a route added later is protected like the built-in ones; ``public=True``
exempts a route from the control token only (``health``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from cases_mock._engine.faults import fault_from_json
from cases_mock._engine.state_json import parse_state
from cases_mock._engine.wire import WireResponse
from cases_mock._protocol.json_depth import MAX_JSON_DEPTH, loads
from cases_mock._server.http11 import Streamed, json_error
from cases_mock._server.persistence import StateSaveError

if TYPE_CHECKING:
    from cases_mock._server.app import CasesServer

log = logging.getLogger("cases_mock.server")
PREFIX = "/_cases_mock/"
# A state export nests its stored configuration a few levels inside its own structure; API
# bodies stop at MAX_JSON_DEPTH, so no state the server saved comes near this.
MAX_BODY_DEPTH = 4 * MAX_JSON_DEPTH
Answer = WireResponse | Streamed
ControlHandler = Callable[["ControlRequest"], Answer]


@dataclass(slots=True)
class ControlRequest:
    server: CasesServer
    method: str
    name: str  # the path after /_cases_mock/, stripped of slashes
    path: str  # the whole path, as sent
    query_string: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self, default: Any = None) -> Any:
        """The body as JSON: ValueError (a 400) when it is not JSON or nests deeper than
        ``MAX_BODY_DEPTH``."""
        return loads(self.body, MAX_BODY_DEPTH) if self.body.strip() else default

    def number(self, name: str, default: int, *, low: int, high: int) -> int:
        values = self.query.get(name)
        if not values:
            return default
        if not values[0].isdigit() or not low <= int(values[0]) <= high:
            raise ValueError(f"query parameter {name!r} must be a whole number from {low} to {high}")
        return int(values[0])


@dataclass(slots=True)
class Route:
    handler: ControlHandler
    public: bool = False


@dataclass
class ControlRoutes:
    exact: dict[tuple[str, str], Route] = field(default_factory=dict)
    prefixes: dict[tuple[str, str], Route] = field(default_factory=dict)

    def add(self, method: str, name: str, handler: ControlHandler, *, public: bool = False) -> None:
        """``name`` ending in ``*`` matches every name starting with what precedes it."""
        table = self.prefixes if name.endswith("*") else self.exact
        table[(method.upper(), name.rstrip("*"))] = Route(handler, public)

    def copy(self) -> ControlRoutes:
        return ControlRoutes(dict(self.exact), dict(self.prefixes))

    def find(self, method: str, name: str) -> Route | None:
        found = self.exact.get((method, name))
        if found is not None:
            return found
        matches = [(len(p), r) for (m, p), r in self.prefixes.items() if m == method and name.startswith(p)]
        return max(matches, key=lambda pair: pair[0])[1] if matches else None

    def known(self, name: str) -> bool:
        return any(n == name for _, n in self.exact) or any(name.startswith(p) for _, p in self.prefixes)


CONTROL_ROUTES = ControlRoutes()


def control_route(
    method: str, name: str, *, public: bool = False
) -> Callable[[ControlHandler], ControlHandler]:
    def register(handler: ControlHandler) -> ControlHandler:
        CONTROL_ROUTES.add(method, name, handler, public=public)
        return handler

    return register


def answer(routes: ControlRoutes, request: ControlRequest) -> Answer:
    route = routes.find(request.method, request.name)
    if route is None:
        if routes.known(request.name):
            return json_error(
                405, "MethodNotAllowed", f"{request.method} is not served on {PREFIX}{request.name}"
            )
        return json_error(404, "NotFound", f"no control endpoint {request.method} {PREFIX}{request.name}")
    try:
        return route.handler(request)
    except (ValueError, KeyError, TypeError) as error:
        return json_error(400, "ValidationException", f"bad control request: {error}")
    except Exception:  # a bug in a route answers 500 and keeps the connection, as the API does
        log.exception("cases_mock: control endpoint %s %s failed", request.method, request.path)
        return json_error(500, "InternalServerException", "the control endpoint failed; see the server log")


def ok(body: Any, status: int = 200) -> WireResponse:
    return WireResponse(status, {"Content-Type": "application/json"}, json.dumps(body, default=str).encode())


def parse_query(query: str) -> dict[str, list[str]]:
    return parse_qs(query, keep_blank_values=True)


# -- the built-in endpoints ------------------------------------------------------------------------
@control_route("GET", "health", public=True)
def _health(request: ControlRequest) -> Answer:
    """``{"status": "ok"}``; with a state file also its saves, and ``"degraded"`` with a 503
    while the last save failed (docs/server.md#persistence)."""
    state_file = request.server.state_file
    if state_file is None:
        return ok({"status": "ok"})
    saves = state_file.health()
    body = {"status": "degraded" if saves["saveError"] else "ok", "stateFile": saves}
    return ok(body, 503 if saves["saveError"] else 200)


@control_route("POST", "reset")
def _reset(request: ControlRequest) -> Answer:
    request.server.reset()
    return ok({"reset": True})


@control_route("GET", "state")
def _export(request: ControlRequest) -> Answer:
    return ok(request.server.engine.export())


@control_route("POST", "state")
def _import(request: ControlRequest) -> Answer:
    request.json()  # not JSON, or nested too deep: the 400 every route gives
    # parsed as a state file is (a key repeated anywhere is refused, not collapsed), then checked
    # whole before anything changes
    request.server.engine.import_state(parse_state(request.body.decode("utf-8")))
    request.server.changed()
    return ok({"imported": True})


@control_route("POST", "state/save")
def _save(request: ControlRequest) -> Answer:
    state_file = request.server.state_file
    if state_file is None:
        return json_error(400, "ValidationException", "the server was started without --state-file")
    try:
        size = state_file.save()
    except StateSaveError as error:
        return json_error(500, "StateSaveFailed", str(error))
    return ok({"saved": str(state_file.path), "bytes": size})


@control_route("GET", "calls")
def _calls(request: ControlRequest) -> Answer:
    """``?after=<seq>&limit=<n>``: up to n calls (default 100, at most 1000) after that one."""
    recorder = request.server.dispatcher.recorder
    after = request.number("after", 0, low=0, high=2**63)
    limit = request.number("limit", 100, low=1, high=1000)
    page = recorder.page(after, limit + 1)
    more = len(page) > limit
    page = page[:limit]
    body: dict[str, Any] = {"calls": [call.as_json() for call in page], "capacity": recorder.capacity}
    if more:
        body["next"] = page[-1].seq
    return ok(body)


@control_route("DELETE", "calls")
def _clear_calls(request: ControlRequest) -> Answer:
    request.server.dispatcher.recorder.clear()
    return ok({"cleared": True})


@control_route("POST", "faults")
def _add_fault(request: ControlRequest) -> Answer:
    request.server.dispatcher.faults.add(fault_from_json(request.json({})))
    return ok({"added": True})


@control_route("DELETE", "faults")
def _clear_faults(request: ControlRequest) -> Answer:
    request.server.dispatcher.faults.clear()
    return ok({"cleared": True})


DASHBOARD = PREFIX + "ui"


def _dashboard(request: ControlRequest) -> Answer:
    """The dashboard (cases_mock/_dashboard), given the path below ``/_cases_mock/ui``."""
    below = request.path[len(DASHBOARD) :] if request.path.startswith(DASHBOARD) else "/"
    if not below:
        return WireResponse(308, {"Location": DASHBOARD + "/"}, b"")
    return WireResponse(
        *request.server.dashboard.handle(request.method, below, request.query_string, request.body)
    )


# The page and its static files hold no data and load without the control token (a browser
# cannot send it when navigating); everything under ui/api/ (the data) needs it like any route.
for _method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"):
    _page = _method in ("GET", "HEAD")
    CONTROL_ROUTES.add(_method, "ui", _dashboard, public=_page)
    CONTROL_ROUTES.add(_method, "ui/*", _dashboard, public=_page)
    CONTROL_ROUTES.add(_method, "ui/api/*", _dashboard)
