"""What ``GET /`` and ``GET /_cases_mock/`` answer: where the dashboard, the control endpoints
and the help are, so whoever opens the server's URL in a browser finds them (not a bare 404).

Both are answered after the server's Host and Origin checks, like every other path; the links
hold no data, so neither needs the control token.
"""

from __future__ import annotations

from typing import Any

from cases_mock._server.control import DASHBOARD, PREFIX, Answer, ControlRequest, control_route, ok

ENDPOINTS = ("health", "reset", "state", "state/save", "calls", "faults", "events")


def links(base: str) -> dict[str, Any]:
    """The index, its links under ``base`` (``http://host:port``)."""
    from cases_mock import __version__

    return {
        "service": f"cases-mock {__version__}: an in-memory mock of the Amazon Connect Cases API",
        "api": f"point an SDK or the AWS CLI at {base} (any region, any credentials)",
        "dashboard": f"{base}{DASHBOARD}/",
        "control": {name: f"{base}{PREFIX}{name}" for name in ENDPOINTS},
        "docs": "cases-mock serve --help lists the control endpoints; docs/server.md of the "
        "project describes them",
    }


def answer(server: Any, host: str | None) -> Answer:
    """The index for a request naming ``host``: its links use the host the client used (the
    server has already checked it), else the address the server is bound to."""
    return ok(links(f"http://{host}" if host else server.url))


def _index(request: ControlRequest) -> Answer:
    return answer(request.server, request.headers.get("host"))


for _method in ("GET", "HEAD"):
    control_route(_method, "", public=True)(_index)
