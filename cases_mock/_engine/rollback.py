"""What one test of a decorated class adds, taken back after it (decorate.py): the state of
every account and region, and with it the settings of ``mock.limits`` and ``mock.quotas``, the
published events, the recorded calls, the injected faults and the clock. What the class set up
(``setUpClass`` / ``setup_class``) is the snapshot, and stays for every test."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cases_mock._engine.faults import Fault
    from cases_mock._engine.limits import LimitSettings
    from cases_mock._engine.recording import RecordedCall
    from cases_mock._services.connectcases.events.publisher import Event
    from cases_mock.mock import CasesMock


@dataclass(frozen=True, slots=True)
class Snapshot:
    backends: dict[tuple[str, str], Any]
    limits: LimitSettings
    events: tuple[list[Event], int]
    calls: list[RecordedCall]
    faults: list[Fault]
    frozen_at: datetime | None


def take(mock: CasesMock) -> Snapshot:
    store, dispatcher = mock.store, mock.dispatcher
    frozen_at = store.clock.now() if store.clock.frozen else None
    return Snapshot(
        store.snapshot(),
        store.limits.settings(),
        store.publisher.snapshot(),
        list(dispatcher.recorder.calls),
        dispatcher.faults.snapshot(),
        frozen_at,
    )


def restore(mock: CasesMock, snapshot: Snapshot) -> None:
    """Puts back what ``take`` saw (the snapshot stays reusable, for the next test)."""
    store, dispatcher = mock.store, mock.dispatcher
    store.restore(snapshot.backends)
    store.limits.apply(snapshot.limits)
    store.publisher.restore(snapshot.events)
    dispatcher.recorder.restore(snapshot.calls)
    dispatcher.faults.restore(snapshot.faults)
    if snapshot.frozen_at is None:
        store.clock.unfreeze()
    else:
        store.clock.freeze(snapshot.frozen_at)
