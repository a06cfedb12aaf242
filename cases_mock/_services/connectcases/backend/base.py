"""What every resource mixin of ``CasesBackend`` may rely on."""

from __future__ import annotations

import copy
import threading
from typing import TYPE_CHECKING, Any

from cases_mock._engine.clock import Clock
from cases_mock._engine.limits import Limits, Quotas
from cases_mock._services.connectcases.events.publisher import Publisher
from cases_mock._services.connectcases.ids import partition_for

if TYPE_CHECKING:
    from cases_mock._services.connectcases.backend.changes import Change
    from cases_mock._services.connectcases.backend.domains import Domain


class BackendBase:
    """The shared attributes of one (account, region) backend.

    Every mutation runs under ``lock`` and validates completely before it writes anything, so
    a rejected request leaves nothing half-written.
    """

    def __init__(
        self,
        account: str,
        region: str,
        clock: Clock,
        limits: Limits | None = None,
        *,
        publisher: Publisher | None = None,
    ) -> None:
        self.account = account
        self.region = region
        self.partition = partition_for(region)
        self.clock = clock
        self.publisher = publisher if publisher is not None else Publisher()  # case events
        self.lock = threading.RLock()
        # The mock's limits (``mock.limits``), shared like the clock; ``quotas`` reads theirs
        # unless this backend was given its own (a state import).
        self.limits = limits if limits is not None else Limits(clock)
        self._quotas: Quotas | None = None
        self.domains: dict[str, Domain] = {}
        # Contacts a test registered (contact ARN -> (channel, connected-to-system time)).
        self.contacts: dict[str, tuple[str, Any]] = {}
        self._seq = 0
        # What writes changed, for the case event streams to drain (backend/changes.py).
        self.changes: list[Change] = []

    @property
    def quotas(self) -> Quotas:
        return self._quotas if self._quotas is not None else self.limits.quotas

    @quotas.setter
    def quotas(self, quotas: Quotas) -> None:
        self._quotas = quotas

    def next_seq(self) -> int:
        """A number that grows with every created resource: the creation order."""
        self._seq += 1
        return self._seq

    def __deepcopy__(self, memo: dict[int, Any]) -> BackendBase:
        clone = type(self).__new__(type(self))
        memo[id(self)] = clone
        for name, value in self.__dict__.items():
            if name == "lock":
                clone.lock = threading.RLock()
            elif name in ("clock", "limits", "publisher"):
                setattr(clone, name, value)
            else:
                setattr(clone, name, copy.deepcopy(value, memo))
        return clone
