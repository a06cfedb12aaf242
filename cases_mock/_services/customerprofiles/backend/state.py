"""``ProfilesBackend``: every Customer Profiles domain of one account in one region, and
``new_store``, the engine's map of them (``_engine/backends.py``) for one mock."""

from __future__ import annotations

import threading
from typing import Any

from cases_mock._engine.backends import Backends, Shared, copy_sharing
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
        return copy_sharing(self, memo, ("clock",))


ProfilesStore = Backends[ProfilesBackend]


def new_store(shared: Shared) -> ProfilesStore:
    """One mock's Customer Profiles state: a ``ProfilesBackend`` per (account, region), on the
    engine's clock."""
    return Backends(lambda account, region: ProfilesBackend(account, region, shared.clock), shared)
