"""``Backends``: one service's state in one mock, a backend per (account, region) made on first
use, with the snapshot, restore, replace and reset the engine calls; and ``Shared``, what the
engine hands every service's backends: its clock, limits and event log.

Every registered service's store is a ``Backends`` (``Service.new_store``); the service says
only how one backend is made. ``copy_sharing`` is the deep copy a backend uses for snapshots:
everything copied but the shared parts, and a fresh lock.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from cases_mock._engine.clock import Clock
from cases_mock._engine.limits import Limits
from cases_mock._engine.publisher import Publisher

B = TypeVar("B")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Shared:
    """What one engine's services share: the clock, the limits (``mock.limits``) and the event
    log (``mock.events()``). The engine makes one and owns it; backends hold references."""

    clock: Clock
    limits: Limits
    publisher: Publisher


class Backends(Generic[B]):
    """One service's backends of one mock, keyed by (account, region), each made by ``make``
    on first use (thread-safe: two first calls make one backend)."""

    def __init__(self, make: Callable[[str, str], B], shared: Shared) -> None:
        self._make = make
        self.shared = shared
        self._backends: dict[tuple[str, str], B] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<Backends: {len(self._backends)} backend(s), clock {self.clock!r}>"

    @property
    def clock(self) -> Clock:
        return self.shared.clock

    def backend(self, account: str, region: str) -> B:
        key = (account, region)
        found = self._backends.get(key)
        if found is not None:
            return found
        with self._lock:
            found = self._backends.get(key)
            if found is None:
                found = self._backends[key] = self._make(account, region)
            return found

    def get(self, account: str, region: str) -> B | None:
        """The backend of (``account``, ``region``) if one was made, else None (makes none)."""
        return self._backends.get((account, region))

    def backends(self) -> dict[tuple[str, str], B]:
        """The backends made so far (a copy of the map: reading makes none)."""
        return dict(self._backends)

    def snapshot(self) -> dict[tuple[str, str], B]:
        """A deep copy of every backend, for ``restore``."""
        with self._lock:
            return {key: copy.deepcopy(backend) for key, backend in self._backends.items()}

    def restore(self, snapshot: dict[tuple[str, str], B]) -> None:
        """Puts back the state of ``snapshot`` (which stays reusable)."""
        with self._lock:
            self._backends = {key: copy.deepcopy(backend) for key, backend in snapshot.items()}

    def replace(self, backends: dict[tuple[str, str], B]) -> None:
        """Puts ``backends`` (made on this store's ``shared``) in place of every backend: a state
        import."""
        with self._lock:
            self._backends = dict(backends)

    def reset(self) -> None:
        with self._lock:
            self._backends.clear()


def copy_sharing(original: T, memo: dict[int, Any], shared: Iterable[str]) -> T:
    """A deep copy of ``original`` (a backend) for ``__deepcopy__``: the attributes named in
    ``shared`` (the clock, the limits...) referenced, not copied; ``lock`` a fresh ``RLock``;
    everything else deep-copied."""
    keep = frozenset(shared)
    clone = type(original).__new__(type(original))
    memo[id(original)] = clone
    for name, value in vars(original).items():
        if name == "lock":
            setattr(clone, name, threading.RLock())
        elif name in keep:
            setattr(clone, name, value)
        else:
            setattr(clone, name, copy.deepcopy(value, memo))
    return clone
