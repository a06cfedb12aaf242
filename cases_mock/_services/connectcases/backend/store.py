"""``CasesBackend`` (one account and region: its domains and the components acting on them) and
``new_store``, the engine's map of them (``_engine/backends.py``) for one mock."""

from __future__ import annotations

from cases_mock._engine.backends import Backends, Shared
from cases_mock._engine.limits import Limits
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

    def __init__(self, account: str, region: str, shared: Shared) -> None:
        super().__init__(account, region, shared)
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


CasesStore = Backends[CasesBackend]


def new_store(shared: Shared) -> CasesStore:
    """One mock's Connect Cases state: a ``CasesBackend`` per (account, region), on the
    engine's clock, limits and event log."""
    return Backends(lambda account, region: CasesBackend(account, region, shared), shared)


def domain_datas(store: CasesStore) -> list[DomainData]:
    """Every domain's data in every account and region of ``store``."""
    return [d.data for b in store.backends().values() for d in list(b.domains.values())]


def search_delay_set(store: CasesStore, limits: Limits) -> None:
    """``mock.limits.search_delay`` was just set: every domain's searches lag from now on."""
    lag_every_domain(domain_datas(store), limits)
