"""``/_cases_mock/events``: the case events the server published (docs/events.md).

``GET`` lists them oldest first, ``?type=CASE.UPDATED`` and ``?caseId=...`` filter, with the
log's capacity, the publishing failures and, with ``--eventbridge-endpoint``, what the
forwarder sent and failed to send. ``DELETE`` forgets them.
"""

from __future__ import annotations

from typing import Any

from cases_mock._engine.publisher import MAX_EVENTS
from cases_mock._server.control import Answer, ControlRequest, control_route, ok


def _first(request: ControlRequest, name: str) -> str | None:
    values = request.query.get(name)
    return values[0] if values else None


@control_route("GET", "events")
def _events(request: ControlRequest) -> Answer:
    server = request.server
    publisher = server.engine.publisher
    published = publisher.events().of(_first(request, "type"), case_id=_first(request, "caseId"))
    body: dict[str, Any] = {"events": published, "capacity": MAX_EVENTS, "failures": publisher.failures}
    forwarder = server.forwarder
    body["forwarding"] = None
    if forwarder is not None:
        body["forwarding"] = {
            "endpoint": forwarder.endpoint_url,
            "forwarded": forwarder.forwarded,
            "failed": forwarder.failed,
        }
    return ok(body)


@control_route("DELETE", "events")
def _clear_events(request: ControlRequest) -> Answer:
    request.server.engine.publisher.clear()
    return ok({"cleared": True})
