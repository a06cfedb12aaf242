"""``BackendCore``: the state of one (account, region) every resource component acts on.

It holds the domains (each the aggregate of its fields, layouts, templates, case rules and
cases, ``records.Domain``), the contacts a test registered, the change records for the event
streams, the shared clock, limits and lock, and looks up a domain or a case by id. The
components (``fields.Fields``, ``cases.Cases``...) each hold a reference to it.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import TYPE_CHECKING, Any

from cases_mock._engine.backends import Shared, copy_sharing
from cases_mock._engine.clock import Clock
from cases_mock._engine.limits import Limits, Quotas
from cases_mock._engine.publisher import Publisher
from cases_mock._services.connectcases.backend.records import Case, Domain
from cases_mock._services.connectcases.errors import not_found
from cases_mock._services.connectcases.ids import partition_for

if TYPE_CHECKING:
    from cases_mock._services.connectcases.backend.changes import Change


class BackendCore:
    """The shared state of one (account, region) backend.

    Every mutation runs under ``lock`` and validates completely before it writes anything, so
    a rejected request leaves nothing half-written.
    """

    def __init__(self, account: str, region: str, shared: Shared) -> None:
        self.account = account
        self.region = region
        self.partition = partition_for(region)
        # The engine's clock, event log (case events) and limits (``mock.limits``); ``quotas``
        # reads the limits' unless this backend was given its own (a state import).
        self.clock: Clock = shared.clock
        self.publisher: Publisher = shared.publisher
        self.limits: Limits = shared.limits
        self.lock = threading.RLock()
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

    def register_contact(
        self, contact_arn: str, channel: str = "VOICE", connected: datetime | None = None
    ) -> None:
        """Tells the mock a contact's channel and connected time (what Amazon Connect would know)."""
        self.contacts[contact_arn] = (channel, connected)

    def domain(self, domain_id: str) -> Domain:
        found = self.domains.get(domain_id)
        if found is None:
            raise not_found("Domain", domain_id)
        return found

    def case(self, domain_id: str, case_id: str) -> Case:
        found = self.domain(domain_id).data.cases.get(case_id)
        if found is None:
            raise not_found("Case", case_id)
        return found

    def __deepcopy__(self, memo: dict[int, Any]) -> BackendCore:
        return copy_sharing(self, memo, ("clock", "limits", "publisher"))
