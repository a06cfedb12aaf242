"""CreateDomain, GetDomain, ListDomains, DeleteDomain."""

from __future__ import annotations

from cases_mock._services.connectcases.backend.pagination import paginate
from cases_mock._services.connectcases.handlers import Call, Output, Params, handles


@handles("CreateDomain")
def create_domain(call: Call, params: Params) -> Output:
    domain = call.backend.create_domain(params["name"])
    return {"domainId": domain.domain_id, "domainArn": domain.arn, "domainStatus": domain.status}


@handles("GetDomain")
def get_domain(call: Call, params: Params) -> Output:
    domain = call.backend.domain(params["domainId"])
    return {
        "domainId": domain.domain_id,
        "domainArn": domain.arn,
        "name": domain.name,
        "createdTime": domain.created_time,
        "domainStatus": domain.status,
        "tags": dict(domain.tags),
    }


@handles("ListDomains")
def list_domains(call: Call, params: Params) -> Output:
    page, token = paginate(
        params,
        call.backend.list_domains(),
        lambda d: d.seq,
        operation="ListDomains",
        scope=call.account,
        default_page=10,
    )
    return {
        "domains": [{"domainId": d.domain_id, "domainArn": d.arn, "name": d.name} for d in page],
        "nextToken": token,
    }


@handles("DeleteDomain")
def delete_domain(call: Call, params: Params) -> Output:
    call.backend.delete_domain(params["domainId"])
    return {}
