"""The publisher: the bounded log behind ``mock.events`` and the sinks each event goes to.

The log is a ``deque`` with ``maxlen`` ``MAX_EVENTS`` (the oldest events drop off first), like
the call record. A sink is anything with ``put(event)``; a sink that raises is logged and
counted in ``failures``, and never fails the Cases call that published the event.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from typing import Any, Protocol

log = logging.getLogger("cases_mock.events")

MAX_EVENTS = 10_000
Event = dict[str, Any]


class Sink(Protocol):
    def put(self, event: Event) -> None: ...


def case_id_of(event: Event) -> str | None:
    """The case an event is about: ``detail.case.caseId`` or ``detail.relatedItem.caseId``."""
    detail = event.get("detail") or {}
    about = detail.get("case") or detail.get("relatedItem") or {}
    found = about.get("caseId")
    return str(found) if found is not None else None


class EventList(list[Event]):
    """The published events, oldest first (a snapshot: later events do not appear in it)."""

    def of(self, event_type: str | None = None, *, case_id: str | None = None) -> EventList:
        """The events of one ``detail.eventType`` and/or about one case, oldest first."""
        return EventList(
            event
            for event in self
            if (event_type is None or event["detail"]["eventType"] == event_type)
            and (case_id is None or case_id_of(event) == case_id)
        )


class Publisher:
    """Keeps every published event (up to ``maxlen``) and delivers it to each sink in turn."""

    def __init__(self, maxlen: int = MAX_EVENTS) -> None:
        from cases_mock._engine.event_sinks import MotoEventBridge

        self._log: deque[Event] = deque(maxlen=maxlen)
        self._lock = threading.Lock()
        self.sinks: list[Sink] = [MotoEventBridge()]
        self.failures = 0  # events a sink (or the builder) could not take

    def publish(self, event: Event) -> None:
        with self._lock:
            self._log.append(event)
        for sink in list(self.sinks):
            try:
                sink.put(event)
            except Exception:
                log.warning(
                    "cases_mock: %s could not take event %s", type(sink).__name__, event["id"], exc_info=True
                )
                self.failed()

    def failed(self) -> None:
        with self._lock:
            self.failures += 1

    def events(self) -> EventList:
        with self._lock:
            return EventList(self._log)

    def clear(self) -> None:
        with self._lock:
            self._log.clear()
            self.failures = 0

    def snapshot(self) -> tuple[list[Event], int]:
        """The events kept and the failure count, for ``restore`` (rollback.py)."""
        with self._lock:
            return list(self._log), self.failures

    def restore(self, snapshot: tuple[list[Event], int]) -> None:
        with self._lock:
            self._log.clear()
            self._log.extend(snapshot[0])
            self.failures = snapshot[1]
