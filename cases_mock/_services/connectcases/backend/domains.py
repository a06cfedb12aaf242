"""Domains: the top-level container of all case data (docs/behaviour.md#domains)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from cases_mock._engine.limits import lag_of
from cases_mock._services.connectcases.backend.base import BackendBase
from cases_mock._services.connectcases.backend.fields import seed_system_fields
from cases_mock._services.connectcases.backend.records import DomainData, named
from cases_mock._services.connectcases.errors import (
    ConflictException,
    ServiceQuotaExceededException,
    not_found,
)
from cases_mock._services.connectcases.ids import cases_arn, new_id


@dataclass(slots=True)
class Domain:
    domain_id: str
    name: str
    arn: str
    created_time: datetime
    seq: int
    status: str = "Active"
    tags: dict[str, str] = field(default_factory=dict)
    data: DomainData = field(default_factory=DomainData)

    def __repr__(self) -> str:
        return f"<Domain {named(self.name, self.domain_id)} {self.status}: {self.data.summary()}>"


class DomainsMixin(BackendBase):
    """Domain operations."""

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

    def domain(self, domain_id: str) -> Domain:
        found = self.domains.get(domain_id)
        if found is None:
            raise not_found("Domain", domain_id)
        return found

    def list_domains(self) -> list[Domain]:
        return sorted(self.domains.values(), key=lambda d: d.seq)

    def delete_domain(self, domain_id: str) -> None:
        with self.lock:
            domain = self.domain(domain_id)
            if domain.status != "Active":
                raise ConflictException(f"Domain {domain_id!r} is {domain.status}, not Active")
            del self.domains[domain_id]
