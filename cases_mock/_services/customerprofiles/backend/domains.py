"""Domains: the container of all customer data (docs/behaviour.md#customer-profiles)."""

from __future__ import annotations

from cases_mock._services.customerprofiles.backend.records import Domain, DomainSettings
from cases_mock._services.customerprofiles.backend.state import ProfilesBackend
from cases_mock._services.customerprofiles.errors import BadRequestException
from cases_mock._services.customerprofiles.ids import profile_arn

# AG:amazon-connect-service-limits, "Domains": 100 per account and region.
DOMAINS_PER_REGION = 100


def create_domain(
    backend: ProfilesBackend, name: str, settings: DomainSettings, tags: dict[str, str]
) -> Domain:
    """A new domain; BadRequestException when the name is taken or the quota reached."""
    with backend.lock:
        if name in backend.domains:
            raise BadRequestException(
                f"DomainName: a domain named {name!r} already exists in account "
                f"{backend.account}, region {backend.region}"
            )
        if len(backend.domains) >= DOMAINS_PER_REGION:
            raise BadRequestException(
                f"This account already has {DOMAINS_PER_REGION} domains in {backend.region}, "
                "the most it may have"
            )
        now = backend.clock.now()
        domain = Domain(
            name=name,
            arn=profile_arn(backend.region, backend.account, f"domains/{name}"),
            seq=backend.next_seq(),
            created_at=now,
            last_updated_at=now,
            settings=settings,
            tags=dict(tags),
        )
        backend.domains[name] = domain
        return domain


def update_domain(
    backend: ProfilesBackend, name: str, changes: dict[str, object], tags: dict[str, str] | None
) -> Domain:
    """Applies ``changes`` (DomainSettings attribute -> value; an empty string clears the
    encryption key or the dead-letter queue, as UpdateDomain documents); ``tags`` are merged."""
    with backend.lock:
        domain = backend.domain(name)
        for attribute, value in changes.items():
            setattr(domain.settings, attribute, None if value == "" else value)
        if tags:
            domain.tags.update(tags)
        domain.last_updated_at = backend.clock.now()
        return domain


def delete_domain(backend: ProfilesBackend, name: str) -> None:
    """Deletes the domain and all its customer data."""
    with backend.lock:
        backend.domain(name)
        del backend.domains[name]


def list_domains(backend: ProfilesBackend) -> list[Domain]:
    return sorted(backend.domains.values(), key=lambda d: d.seq)


def domain_stats(domain: Domain) -> dict[str, int]:
    """GetDomain's Stats: profile and object counts, the profiles' stored size in bytes, and
    the metering count (a profile with more than 100 objects counts as two, per DomainStats)."""
    per_profile: dict[str, int] = {}
    size = 0
    for obj in domain.objects.values():
        per_profile[obj.profile_id] = per_profile.get(obj.profile_id, 0) + 1
        size += len(repr(obj.content).encode())
    size += sum(len(repr(p.fields).encode()) for p in domain.profiles.values())
    metering = sum(2 if per_profile.get(pid, 0) > 100 else 1 for pid in domain.profiles)
    return {
        "ProfileCount": len(domain.profiles),
        "MeteringProfileCount": metering,
        "ObjectCount": len(domain.objects),
        "TotalSize": size,
    }
