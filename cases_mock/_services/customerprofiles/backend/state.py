"""``ProfilesBackend``: every Customer Profiles domain of one account in one region, and
``ProfilesStore``, which makes one lazily per (account, region) and shares the engine's clock."""

from __future__ import annotations

import copy
import threading
from typing import Any

from cases_mock._engine.clock import Clock
from cases_mock._protocol.hosts import partition_of
from cases_mock._services.customerprofiles.backend.records import Domain
from cases_mock._services.customerprofiles.errors import not_found


class ProfilesBackend:
    """The state of one account in one region. The resource modules of this package
    (domains, profiles, objects...) are functions over it; every write runs under ``lock``
    and checks everything before it changes anything."""

    def __init__(self, account: str, region: str, clock: Clock) -> None:
        self.account = account
        self.region = region
        self.partition = partition_of(region)
        self.clock = clock
        self.lock = threading.RLock()
        self.domains: dict[str, Domain] = {}
        self._seq = 0

    def next_seq(self) -> int:
        """A number that grows with every created record: the creation order."""
        self._seq += 1
        return self._seq

    def domain(self, name: str) -> Domain:
        """The domain called ``name``; ResourceNotFoundException naming it if there is none."""
        found = self.domains.get(name)
        if found is None:
            raise not_found("Domain", name, f"account {self.account}, region {self.region}")
        return found

    def __repr__(self) -> str:
        return f"<ProfilesBackend {self.account} {self.region}: {len(self.domains)} domain(s)>"

    def __deepcopy__(self, memo: dict[int, Any]) -> ProfilesBackend:
        clone = type(self).__new__(type(self))
        memo[id(self)] = clone
        for name, value in self.__dict__.items():
            if name == "lock":
                clone.lock = threading.RLock()
            elif name == "clock":
                clone.clock = value
            else:
                setattr(clone, name, copy.deepcopy(value, memo))
        return clone


class ProfilesStore:
    """Every ``ProfilesBackend`` of one mock, keyed by (account, region), sharing one clock."""

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock = clock if clock is not None else Clock()
        self._backends: dict[tuple[str, str], ProfilesBackend] = {}
        self._lock = threading.Lock()

    def backend(self, account: str, region: str) -> ProfilesBackend:
        key = (account, region)
        found = self._backends.get(key)
        if found is not None:
            return found
        with self._lock:
            found = self._backends.get(key)
            if found is None:
                found = self._backends[key] = ProfilesBackend(account, region, self.clock)
            return found

    def backends(self) -> dict[tuple[str, str], ProfilesBackend]:
        return dict(self._backends)

    def snapshot(self) -> dict[tuple[str, str], ProfilesBackend]:
        with self._lock:
            return {key: copy.deepcopy(backend) for key, backend in self._backends.items()}

    def restore(self, snapshot: dict[tuple[str, str], ProfilesBackend]) -> None:
        with self._lock:
            self._backends = {key: copy.deepcopy(backend) for key, backend in snapshot.items()}

    def replace(self, backends: dict[tuple[str, str], ProfilesBackend]) -> None:
        """Puts ``backends`` in place of every backend (state import)."""
        with self._lock:
            self._backends = dict(backends)

    def reset(self) -> None:
        with self._lock:
            self._backends.clear()

    def __repr__(self) -> str:
        return f"<ProfilesStore: {len(self._backends)} backend(s), clock {self.clock!r}>"
