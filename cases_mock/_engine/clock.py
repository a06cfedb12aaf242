"""The one clock every backend reads time from, so tests can freeze and move it."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone


class Clock:
    """Real UTC time by default (so freezegun and time-machine apply); frozen on request."""

    def __init__(self) -> None:
        self._frozen: datetime | None = None
        self._lock = threading.Lock()

    def now(self) -> datetime:
        frozen = self._frozen
        if frozen is not None:
            return frozen
        return datetime.now(timezone.utc)

    def freeze(self, at: datetime | None = None) -> datetime:
        """Stops the clock at ``at`` (default: now); returns the frozen time."""
        moment = at if at is not None else datetime.now(timezone.utc)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        with self._lock:
            self._frozen = moment
        return moment

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        """Moves a frozen clock forward (freezing it at now first if it runs)."""
        step = delta if delta is not None else timedelta(**kwargs)
        with self._lock:
            base = self._frozen if self._frozen is not None else datetime.now(timezone.utc)
            self._frozen = base + step
            return self._frozen

    def unfreeze(self) -> None:
        with self._lock:
            self._frozen = None

    @property
    def frozen(self) -> bool:
        return self._frozen is not None

    def __repr__(self) -> str:
        frozen = self._frozen
        return f"<Clock frozen at {frozen.isoformat()}>" if frozen is not None else "<Clock running>"
