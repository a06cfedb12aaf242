"""PutIntegration, GetIntegration, ListIntegrations, DeleteIntegration, ListAccountIntegrations."""

from __future__ import annotations

from cases_mock._services.customerprofiles.backend import integrations
from cases_mock._services.customerprofiles.backend.pagination import paginate
from cases_mock._services.customerprofiles.backend.records import Integration
from cases_mock._services.customerprofiles.handlers import Call, Output, Params, handles


def integration_wire(domain_name: str, item: Integration) -> Output:
    return {
        "DomainName": domain_name,
        "Uri": item.uri,
        "ObjectTypeName": item.object_type_name,
        "ObjectTypeNames": dict(item.object_type_names) or None,
        "RoleArn": item.role_arn,
        "EventTriggerNames": list(item.event_trigger_names) or None,
        "Scope": item.scope,
        "IsUnstructured": item.object_type_name == "_unstructured",
        "CreatedAt": item.created_at,
        "LastUpdatedAt": item.last_updated_at,
        "Tags": dict(item.tags) or None,
    }


@handles("PutIntegration")
def put_integration(call: Call, params: Params) -> Output:
    given = integrations.IntegrationInput(
        object_type_name=params.get("ObjectTypeName"),
        object_type_names=dict(params.get("ObjectTypeNames") or {}),
        role_arn=params.get("RoleArn"),
        event_trigger_names=list(params.get("EventTriggerNames") or []),
        scope=params.get("Scope"),
        tags=dict(params.get("Tags") or {}),
    )
    item = integrations.put_integration(call.backend, params["DomainName"], params.get("Uri"), given)
    return integration_wire(params["DomainName"], item)


@handles("GetIntegration")
def get_integration(call: Call, params: Params) -> Output:
    item = integrations.integration(call.backend, params["DomainName"], params["Uri"])
    return integration_wire(params["DomainName"], item)


@handles("DeleteIntegration")
def delete_integration(call: Call, params: Params) -> Output:
    integrations.delete_integration(call.backend, params["DomainName"], params["Uri"])
    return {"Message": "Deleted"}


def _page(call: Call, params: Params, found: list[tuple[str, Integration]], scope: str) -> Output:
    page, token = paginate(
        params,
        found,
        lambda pair: [pair[0], pair[1].uri],
        operation=call.operation,
        scope=scope,
    )
    return {"Items": [integration_wire(d, item) for d, item in page], "NextToken": token}


@handles("ListIntegrations")
def list_integrations(call: Call, params: Params) -> Output:
    found = integrations.list_integrations(call.backend, params["DomainName"])
    found.sort(key=lambda pair: [pair[0], pair[1].uri])
    return _page(call, params, found, params["DomainName"])


@handles("ListAccountIntegrations")
def list_account_integrations(call: Call, params: Params) -> Output:
    found = integrations.account_integrations(call.backend, params["Uri"])
    found.sort(key=lambda pair: [pair[0], pair[1].uri])
    return _page(call, params, found, params["Uri"])
