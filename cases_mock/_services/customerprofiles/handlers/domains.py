"""CreateDomain, GetDomain, UpdateDomain, DeleteDomain, ListDomains."""

from __future__ import annotations

from cases_mock._services.customerprofiles.backend import domains
from cases_mock._services.customerprofiles.backend.pagination import paginate
from cases_mock._services.customerprofiles.backend.records import Domain, DomainSettings
from cases_mock._services.customerprofiles.handlers import Call, Output, Params, handles

# Request member -> DomainSettings attribute.
_SETTINGS = {
    "DefaultExpirationDays": "default_expiration_days",
    "DefaultEncryptionKey": "default_encryption_key",
    "DeadLetterQueueUrl": "dead_letter_queue_url",
    "Matching": "matching",
    "RuleBasedMatching": "rule_based_matching",
    "DataStore": "data_store",
}


def domain_wire(domain: Domain) -> Output:
    settings = {member: getattr(domain.settings, attr) for member, attr in _SETTINGS.items()}
    return {
        "DomainName": domain.name,
        **{k: v for k, v in settings.items() if v is not None},
        "CreatedAt": domain.created_at,
        "LastUpdatedAt": domain.last_updated_at,
        "Tags": dict(domain.tags) or None,
    }


@handles("CreateDomain")
def create_domain(call: Call, params: Params) -> Output:
    settings = DomainSettings(
        **{attr: params[member] for member, attr in _SETTINGS.items() if member in params}
    )
    return domain_wire(
        domains.create_domain(call.backend, params["DomainName"], settings, params.get("Tags", {}))
    )


@handles("GetDomain")
def get_domain(call: Call, params: Params) -> Output:
    domain = call.backend.domain(params["DomainName"])
    return {**domain_wire(domain), "Stats": domains.domain_stats(domain)}


@handles("UpdateDomain")
def update_domain(call: Call, params: Params) -> Output:
    changes = {attr: params[member] for member, attr in _SETTINGS.items() if member in params}
    domain = domains.update_domain(call.backend, params["DomainName"], changes, params.get("Tags"))
    return domain_wire(domain)


@handles("DeleteDomain")
def delete_domain(call: Call, params: Params) -> Output:
    domains.delete_domain(call.backend, params["DomainName"])
    return {"Message": "Deleted"}


@handles("ListDomains")
def list_domains(call: Call, params: Params) -> Output:
    page, token = paginate(
        params,
        domains.list_domains(call.backend),
        lambda d: d.seq,
        operation="ListDomains",
        scope=call.account,
    )
    items = [
        {
            "DomainName": d.name,
            "CreatedAt": d.created_at,
            "LastUpdatedAt": d.last_updated_at,
            "Tags": dict(d.tags) or None,
        }
        for d in page
    ]
    return {"Items": items, "NextToken": token}
