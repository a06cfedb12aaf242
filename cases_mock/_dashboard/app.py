"""The dashboard as one handler: ``Dashboard.handle(method, path, query, body) -> Reply``.

``path`` is relative to where the server mounts the dashboard (``/_cases_mock/ui/``): ``""``
is the page, ``app.js`` and ``app.css`` its static files (shipped in the package, no build
step), and ``api/<name>`` the JSON endpoints in ``ROUTES``. Nothing here knows about sockets,
so the server's security checks (and any other host) sit in front of it unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl

from cases_mock._dashboard import activity, browse, preview
from cases_mock._dashboard.reads import existing_backend
from cases_mock._engine.dispatch import Dispatcher
from cases_mock._protocol.json_depth import loads
from cases_mock._services.connectcases.errors import CasesError

Reply = tuple[int, dict[str, str], bytes]
Query = dict[str, str]
Endpoint = Callable[["Dashboard", Query, Any], Any]

STATIC = {
    "": ("index.html", "text/html; charset=utf-8"),
    "index.html": ("index.html", "text/html; charset=utf-8"),
    "app.js": ("app.js", "text/javascript; charset=utf-8"),
    "app.css": ("app.css", "text/css; charset=utf-8"),
    "favicon.svg": ("favicon.svg", "image/svg+xml"),
}
# Everything the page loads comes from here: no CDN, no inline script, no framing by other sites.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; base-uri 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class BadRequest(Exception):
    """A dashboard request the endpoints cannot read (400)."""


def _required(query: Query, name: str) -> str:
    value = query.get(name, "")
    if not value:
        raise BadRequest(f"missing query parameter {name!r}")
    return value


def _overview(dashboard: Dashboard, query: Query, body: Any) -> Any:
    return browse.overview(dashboard.dispatcher.store)


def _domain(dashboard: Dashboard, query: Query, body: Any) -> Any:
    return browse.domain_configuration(dashboard.backend(query), _required(query, "domain"))


def _cases(dashboard: Dashboard, query: Query, body: Any) -> Any:
    return browse.search(dashboard.backend(query), _required(query, "domain"), query)


def _case(dashboard: Dashboard, query: Query, body: Any) -> Any:
    backend = dashboard.backend(query)
    return browse.case_detail(backend, _required(query, "domain"), _required(query, "case"))


def _preview(dashboard: Dashboard, query: Query, body: Any) -> Any:
    if not isinstance(body, dict):
        raise BadRequest("the preview takes a JSON object")
    backend = existing_backend(dashboard.dispatcher.store, str(body.get("account")), str(body.get("region")))
    return preview.preview(backend, body)


def _calls(dashboard: Dashboard, query: Query, body: Any) -> Any:
    return activity.calls(dashboard.dispatcher.recorder, query)


def _faults(dashboard: Dashboard, query: Query, body: Any) -> Any:
    return activity.faults(dashboard.dispatcher.faults)


ROUTES: dict[tuple[str, str], Endpoint] = {
    ("GET", "overview"): _overview,
    ("GET", "domain"): _domain,
    ("GET", "cases"): _cases,
    ("GET", "case"): _case,
    ("POST", "preview"): _preview,
    ("GET", "calls"): _calls,
    ("GET", "faults"): _faults,
}


def _json(status: int, value: Any) -> Reply:
    headers = {"Content-Type": "application/json", "Cache-Control": "no-store"}
    return status, headers, json.dumps(value, default=str).encode()


class Dashboard:
    """The dashboard of one dispatcher: its store, recorded calls and faults."""

    def __init__(self, dispatcher: Dispatcher) -> None:
        self.dispatcher = dispatcher

    def backend(self, query: Query) -> Any:
        return existing_backend(
            self.dispatcher.store, _required(query, "account"), _required(query, "region")
        )

    def handle(self, method: str, path: str, query: str, body: bytes) -> Reply:
        """The reply to ``method path?query`` with ``body``, ``path`` relative to the mount point."""
        path = path.lstrip("/")
        if path.startswith("api/"):
            return self._api(method, path[len("api/") :], query, body)
        if path not in STATIC:
            return _json(404, {"message": f"the dashboard has no page {path!r}"})
        if method not in ("GET", "HEAD"):
            return _json(405, {"message": f"{method} is not allowed on a dashboard page"})
        name, content_type = STATIC[path]
        content = resources.files(__package__).joinpath("static", name).read_bytes()
        return 200, {"Content-Type": content_type, **PAGE_HEADERS}, content

    def _api(self, method: str, name: str, query: str, body: bytes) -> Reply:
        endpoint = ROUTES.get((method, name))
        if endpoint is None:
            known = sorted(f"{m} api/{n}" for m, n in ROUTES)
            return _json(404, {"message": f"no dashboard endpoint {method} api/{name}; known: {known}"})
        try:
            parsed = loads(body) if body.strip() else None
            return _json(200, endpoint(self, dict(parse_qsl(query)), parsed))
        except CasesError as error:
            return _json(error.status, {"code": error.code, "message": error.message})
        except (BadRequest, ValueError) as error:
            return _json(400, {"code": "BadRequest", "message": str(error)})
