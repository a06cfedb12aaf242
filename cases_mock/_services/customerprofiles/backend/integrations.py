"""Integrations (PutIntegration and friends), keyed by their Uri. An integration belongs to one
domain: a Uri already integrated with another domain is a BadRequestException (pages silent).
FlowDefinition's AppFlow flow and event triggers are stored or echoed, never run."""

from __future__ import annotations

from dataclasses import dataclass, field

from cases_mock._services.customerprofiles.backend.object_types import object_type
from cases_mock._services.customerprofiles.backend.records import Integration
from cases_mock._services.customerprofiles.backend.state import ProfilesBackend
from cases_mock._services.customerprofiles.errors import bad_request, not_found


@dataclass(slots=True)
class IntegrationInput:
    object_type_name: str | None = None
    object_type_names: dict[str, str] = field(default_factory=dict)
    role_arn: str | None = None
    event_trigger_names: list[str] = field(default_factory=list)
    scope: str | None = None
    tags: dict[str, str] = field(default_factory=dict)


def put_integration(
    backend: ProfilesBackend, domain_name: str, uri: str | None, given: IntegrationInput
) -> Integration:
    if not uri:
        raise bad_request("Uri", "is required")
    with backend.lock:
        domain = backend.domain(domain_name)
        for other in backend.domains.values():
            if other.name != domain_name and uri in other.integrations:
                raise bad_request("Uri", f"{uri!r} is already integrated with domain {other.name!r}")
        for name in [given.object_type_name, *given.object_type_names.values()]:
            if name is not None:
                object_type(domain, name)
        now = backend.clock.now()
        previous = domain.integrations.get(uri)
        integration = Integration(
            uri=uri,
            arn=f"{domain.arn}/integrations/{uri}",
            created_at=previous.created_at if previous else now,
            last_updated_at=now,
            object_type_name=given.object_type_name,
            object_type_names=dict(given.object_type_names),
            role_arn=given.role_arn,
            event_trigger_names=list(given.event_trigger_names),
            scope=given.scope,
            tags=dict(given.tags) if given.tags or previous is None else previous.tags,
        )
        domain.integrations[uri] = integration
        return integration


def integration(backend: ProfilesBackend, domain_name: str, uri: str) -> Integration:
    domain = backend.domain(domain_name)
    found = domain.integrations.get(uri)
    if found is None:
        raise not_found("Integration", uri, f"domain {domain_name!r}")
    return found


def delete_integration(backend: ProfilesBackend, domain_name: str, uri: str) -> None:
    with backend.lock:
        integration(backend, domain_name, uri)
        del backend.domain(domain_name).integrations[uri]


def list_integrations(backend: ProfilesBackend, domain_name: str) -> list[tuple[str, Integration]]:
    """(domain name, integration) pairs of one domain, by creation time then Uri."""
    domain = backend.domain(domain_name)
    items = sorted(domain.integrations.values(), key=lambda i: (i.created_at, i.uri))
    return [(domain_name, item) for item in items]


def account_integrations(backend: ProfilesBackend, uri: str) -> list[tuple[str, Integration]]:
    """Every integration with ``uri`` in this account and region (across domains)."""
    return [
        (domain.name, domain.integrations[uri])
        for domain in sorted(backend.domains.values(), key=lambda d: d.seq)
        if uri in domain.integrations
    ]
