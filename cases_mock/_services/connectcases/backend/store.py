"""``CasesBackend`` (one account and region: its domains and the components acting on them) and
``Store``, which makes one lazily per (account, region)."""

from __future__ import annotations

import copy
import threading

from cases_mock._engine.clock import Clock
from cases_mock._engine.limits import Limits
from cases_mock._engine.publisher import Publisher
from cases_mock._services.connectcases.backend.case_rules import CaseRules
from cases_mock._services.connectcases.backend.cases import Cases
from cases_mock._services.connectcases.backend.core import BackendCore
from cases_mock._services.connectcases.backend.event_configuration import EventConfiguration
from cases_mock._services.connectcases.backend.fields import Fields, seed_system_fields
from cases_mock._services.connectcases.backend.layouts import Layouts
from cases_mock._services.connectcases.backend.merges import Merges
from cases_mock._services.connectcases.backend.records import Domain, DomainData
from cases_mock._services.connectcases.backend.related_items import RelatedItems
from cases_mock._services.connectcases.backend.search_lag import lag_every_domain, lag_of
from cases_mock._services.connectcases.backend.tags import Tags
from cases_mock._services.connectcases.backend.templates import Templates
from cases_mock._services.connectcases.errors import ConflictException, ServiceQuotaExceededException
from cases_mock._services.connectcases.ids import cases_arn, new_id


class CasesBackend(BackendCore):
    """All Connect Cases state of one account in one region: the domains (``BackendCore``) and
    one component per resource acting on them (``backend.fields.create(domain_id, ...)``,
    ``backend.cases.update(...)``). Domains themselves are created, listed and deleted here."""

    def __init__(
        self,
        account: str,
        region: str,
        clock: Clock,
        limits: Limits | None = None,
        *,
        publisher: Publisher | None = None,
    ) -> None:
        super().__init__(account, region, clock, limits, publisher=publisher)
        self.tags = Tags(self)
        self.event_configuration = EventConfiguration(self)
        self.fields = Fields(self)
        self.layouts = Layouts(self)
        self.templates = Templates(self)
        self.case_rules = CaseRules(self)
        self.cases = Cases(self)
        self.related_items = RelatedItems(self)
        self.merges = Merges(self)

    def __repr__(self) -> str:
        return f"<CasesBackend {self.account} {self.region}: {len(self.domains)} domain(s)>"

    def create_domain(self, name: str) -> Domain:
        with self.lock:
            if any(domain.name == name for domain in self.domains.values()):
                raise ConflictException(f"A domain named {name!r} already exists in this account")
            limit = self.quotas.domains_per_account
            if len(self.domains) >= limit:
                raise ServiceQuotaExceededException(
                    f"This account already has {limit} domains, the most it may have"
                )
            domain_id = new_id()
            domain = Domain(
                domain_id=domain_id,
                name=name,
                arn=cases_arn(self.region, self.account, f"domain/{domain_id}"),
                created_time=self.clock.now(),
                seq=self.next_seq(),
            )
            self.domains[domain_id] = domain
            seed_system_fields(self, domain)
            lag_of(self.limits, domain.data)  # made while a search delay is set: lags from its first write
            return domain

    def list_domains(self) -> list[Domain]:
        return sorted(self.domains.values(), key=lambda d: d.seq)

    def delete_domain(self, domain_id: str) -> None:
        with self.lock:
            domain = self.domain(domain_id)
            if domain.status != "Active":
                raise ConflictException(f"Domain {domain_id!r} is {domain.status}, not Active")
            del self.domains[domain_id]


class Store:
    """Every backend of one mock, plus the clock, the limits and the event publisher they share."""

    def __repr__(self) -> str:
        return f"<Store: {len(self._backends)} backend(s), clock {self.clock!r}>"

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock = clock if clock is not None else Clock()
        self.limits = Limits(self.clock, lambda limits: lag_every_domain(self.domain_datas(), limits))
        self.publisher = Publisher()
        self._backends: dict[tuple[str, str], CasesBackend] = {}
        self._lock = threading.Lock()

    def backend(self, account: str, region: str) -> CasesBackend:
        key = (account, region)
        found = self._backends.get(key)
        if found is not None:
            return found
        with self._lock:
            found = self._backends.get(key)
            if found is None:
                found = self._backends[key] = CasesBackend(
                    account, region, self.clock, self.limits, publisher=self.publisher
                )
            return found

    def backends(self) -> dict[tuple[str, str], CasesBackend]:
        return dict(self._backends)

    def snapshot(self) -> dict[tuple[str, str], CasesBackend]:
        """A deep copy of every backend, for ``restore``."""
        with self._lock:
            return {key: copy.deepcopy(backend) for key, backend in self._backends.items()}

    def restore(self, snapshot: dict[tuple[str, str], CasesBackend]) -> None:
        """Puts back the state of ``snapshot`` (which stays reusable)."""
        with self._lock:
            self._backends = {key: copy.deepcopy(backend) for key, backend in snapshot.items()}

    def replace(self, backends: dict[tuple[str, str], CasesBackend]) -> None:
        """Puts ``backends`` in place of every backend (state import)."""
        with self._lock:
            for backend in backends.values():
                backend.limits = self.limits
                backend.publisher = self.publisher
            self._backends = dict(backends)

    def reset(self) -> None:
        with self._lock:
            self._backends.clear()
            self.limits.reset()
        self.publisher.clear()

    def domain_datas(self) -> list[DomainData]:
        return [d.data for b in self.backends().values() for d in list(b.domains.values())]
