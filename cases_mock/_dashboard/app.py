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
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import parse_qsl

from cases_mock._dashboard import activity, browse, preview
from cases_mock._dashboard.reads import Reader
from cases_mock._protocol.json_depth import loads
from cases_mock._services.connectcases.backend.store import CasesBackend, CasesStore
from cases_mock._services.connectcases.errors import CasesError, ResourceNotFoundException

if TYPE_CHECKING:
    from cases_mock._engine.engine import Engine

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
    return browse.overview(dashboard.cases_store)


def _domain(dashboard: Dashboard, query: Query, body: Any) -> Any:
    reader, domain_id = dashboard.domain(query)
    return browse.domain_configuration(reader.backend, domain_id)


def _cases(dashboard: Dashboard, query: Query, body: Any) -> Any:
    return browse.search(*dashboard.domain(query), query)


def _case(dashboard: Dashboard, query: Query, body: Any) -> Any:
    return browse.case_detail(*dashboard.domain(query), _required(query, "case"))


def _preview(dashboard: Dashboard, query: Query, body: Any) -> Any:
    if not isinstance(body, dict):
        raise BadRequest("the preview takes a JSON object")
    domain_id = preview.required_text(body, "domainId")
    backend = dashboard.find_domain(str(body.get("account")), str(body.get("region")), domain_id)
    return preview.preview(backend, body)


def _calls(dashboard: Dashboard, query: Query, body: Any) -> Any:
    return activity.calls(dashboard.engine.recorder, query)


def _faults(dashboard: Dashboard, query: Query, body: Any) -> Any:
    return activity.faults(dashboard.engine.faults)


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
    """The dashboard of one engine: its state, recorded calls and faults."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def domain(self, query: Query) -> tuple[Reader, str]:
        """A reader of the backend holding the query's ``domain`` (in ``account``, ``region``),
        and the domain's id.

        A domain that is not there is a 404 naming its id and where it was looked for: the page
        says so rather than show another domain.
        """
        domain_id = _required(query, "domain")
        backend = self.find_domain(_required(query, "account"), _required(query, "region"), domain_id)
        return Reader(self.engine, backend), domain_id

    @property
    def cases_store(self) -> CasesStore:
        """Connect Cases' store of the engine (the one the dashboard browses)."""
        return cast(CasesStore, self.engine.store)

    def find_domain(self, account: str, region: str, domain_id: str) -> CasesBackend:
        """The backend of (``account``, ``region``) if it holds domain ``domain_id``, else the 404."""
        backend = self.cases_store.backends().get((account, region))
        if backend is not None:
            with backend.lock:
                if domain_id in backend.domains:
                    return backend
        held = "" if backend is not None else " (nothing is stored there)"
        raise ResourceNotFoundException(
            f"Domain {domain_id!r} was not found in account {account}, region {region}{held}",
            resource_id=domain_id,
            resource_type="Domain",
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
