"""Drains the change records a backend write appended (backend/changes.py) into published events.

``drain`` runs after every handler, under the backend's lock, so the events come out in the
order of the writes. Each record was appended only while the domain's ``eventBridge.enabled``
was true, and carries the configuration in force at the write. Every error is swallowed: an
event never fails the Cases call.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from cases_mock._services.connectcases.backend.changes import CaseChanged
from cases_mock._services.connectcases.events import build

if TYPE_CHECKING:
    from cases_mock._services.connectcases.backend.changes import Change
    from cases_mock._services.connectcases.backend.core import BackendCore

log = logging.getLogger("cases_mock.events")


def _built(backend: BackendCore, change: Change) -> dict[str, Any] | None:
    if isinstance(change, CaseChanged):
        return build.case_event(backend, change)
    return build.related_item_event(backend, change)


def _about(change: Change) -> str:
    if isinstance(change, CaseChanged):
        return f"{change.event_type} event of case {change.case.case_id}"
    return f"event of related item {change.item.related_item_id}"


def drain(backend: BackendCore) -> None:
    """Publishes, oldest first, the event of every change record ``backend`` holds, and empties it."""
    if not backend.changes:
        return
    with backend.lock:
        pending, backend.changes[:] = list(backend.changes), []
        for change in pending:
            try:
                event = _built(backend, change)
            except Exception:
                log.exception("cases_mock: could not build the %s", _about(change))
                backend.publisher.failed()
                continue
            if event is not None:
                backend.publisher.publish(event)
