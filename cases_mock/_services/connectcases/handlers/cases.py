"""CreateCase, GetCase, UpdateCase, DeleteCase, BatchUpdateCase, GetCaseAuditEvents."""

from __future__ import annotations

from typing import Any

from cases_mock._services.connectcases.backend.audit import (
    Performer,
    audit_events_newest_first,
    event_fields,
)
from cases_mock._services.connectcases.backend.pagination import decode_token, paginate
from cases_mock._services.connectcases.backend.records import AuditEvent, Case, DomainData
from cases_mock._services.connectcases.backend.values import to_wire
from cases_mock._services.connectcases.handlers import Call, Output, Params, handles
from cases_mock._services.connectcases.wire_forms import field_type, performed_by_wire, present, user


def performer(call: Call, params: Params) -> Performer:
    """Who acts: the caller's IAM principal, and the ``performedBy`` user when given."""
    given = params.get("performedBy")
    return Performer.of(call.principal_arn, None if given is None else user(given))


def _without_token(params: Params) -> dict[str, Any]:
    return {key: value for key, value in params.items() if key != "clientToken"}


@handles("CreateCase")
def create_case(call: Call, params: Params) -> Output:
    case = call.backend.cases.create(
        params["domainId"],
        params["templateId"],
        params.get("fields") or [],
        performer(call, params),
        client_token=params.get("clientToken"),
        tags=params.get("tags"),
        request=_without_token(params),
    )
    return {"caseId": case.case_id, "caseArn": case.arn}


@handles("GetCase")
def get_case(call: Call, params: Params) -> Output:
    """All the requested fields come on one page, so no nextToken is ever issued; one given
    is refused like any token the mock did not issue (docs/behaviour.md#getcase)."""
    domain_id = params["domainId"]
    case = call.backend.case(domain_id, params["caseId"])
    if params.get("nextToken"):
        decode_token(params["nextToken"], "GetCase", f"{call.account}/{domain_id}/{case.case_id}")
    data = call.backend.domain(domain_id).data
    wanted = dict.fromkeys(str(entry["id"]) for entry in params["fields"])
    return {
        "fields": [
            {"id": field_id, "value": to_wire(field_type(data, field_id), case.values[field_id])}
            for field_id in wanted
            if field_id in case.values
        ],
        "templateId": case.template_id,
        "tags": dict(case.tags),
    }


@handles("UpdateCase")
def update_case(call: Call, params: Params) -> Output:
    call.backend.cases.update(
        params["domainId"], params["caseId"], params.get("fields") or [], performer(call, params)
    )
    return {}


@handles("DeleteCase")
def delete_case(call: Call, params: Params) -> Output:
    call.backend.cases.delete(params["domainId"], params["caseId"], performer(call, params))
    return {}


def case_identifier(case: Case) -> dict[str, str]:
    identifier = {"caseId": case.case_id}
    reference = case.values.get("reference_number")
    if reference is not None:
        identifier["referenceId"] = str(reference)
    return identifier


@handles("BatchUpdateCase")
def batch_update_case(call: Call, params: Params) -> Output:
    identifiers = [dict(entry["caseIdentifier"]) for entry in params["cases"]]
    outcome = call.backend.cases.batch_update(
        params["domainId"],
        identifiers,
        params.get("fields") or [],
        performer(call, params),
        title=params.get("title"),
        status=params.get("status"),
        customer_id=params.get("customerId"),
        client_token=params.get("clientToken"),
        request=_without_token(params),
    )
    return {
        "successfulCases": [{"caseIdentifier": case_identifier(case)} for case in outcome.succeeded],
        "failedCases": [
            {"caseIdentifier": identifier, "errorCode": code, "errorMessage": message}
            for identifier, code, message in outcome.failed
        ],
    }


def audit_event_wire(data: DomainData, event: AuditEvent) -> dict[str, Any]:
    wire: dict[str, Any] = {
        "eventId": event.event_id,
        "type": event.type,
        "performedTime": event.performed_time,
        "fields": [],
        "performedBy": performed_by_wire(event.iam_principal_arn, event.user),
    }
    for changed in event_fields(event):
        kind = field_type(data, changed.field_id)
        entry: dict[str, Any] = {"eventFieldId": changed.field_id, "newValue": to_wire(kind, changed.new)}
        if changed.has_old:
            entry["oldValue"] = to_wire(kind, changed.old)
        wire["fields"].append(entry)
    merged = event.merge_metadata
    return wire | present(
        relatedItemType=event.related_item_type, mergeMetadata=None if merged is None else dict(merged)
    )


@handles("GetCaseAuditEvents")
def get_case_audit_events(call: Call, params: Params) -> Output:
    domain_id, case_id = params["domainId"], params["caseId"]
    case = call.backend.case(domain_id, case_id)
    data = call.backend.domain(domain_id).data
    page, token = paginate(
        params,
        audit_events_newest_first(case),
        lambda event: -event.seq,
        operation="GetCaseAuditEvents",
        scope=f"{call.account}/{domain_id}/{case_id}",
        default_page=25,
    )
    return {"auditEvents": [audit_event_wire(data, event) for event in page], "nextToken": token}
