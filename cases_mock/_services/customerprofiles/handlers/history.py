"""ListProfileHistoryRecords, GetProfileHistoryRecord."""

from __future__ import annotations

from cases_mock._services.customerprofiles.backend import history
from cases_mock._services.customerprofiles.backend.pagination import paginate
from cases_mock._services.customerprofiles.backend.records import HistoryRecord
from cases_mock._services.customerprofiles.handlers import Call, Output, Params, handles


def record_wire(entry: HistoryRecord) -> Output:
    return {
        "Id": entry.record_id,
        "ObjectTypeName": entry.object_type_name,
        "CreatedAt": entry.created_at,
        "LastUpdatedAt": entry.created_at,
        "ActionType": entry.action_type,
        "ProfileObjectUniqueKey": entry.unique_key,
        "PerformedBy": entry.performed_by,
    }


@handles("ListProfileHistoryRecords")
def list_records(call: Call, params: Params) -> Output:
    domain = call.backend.domain(params["DomainName"])
    found = history.list_records(
        domain,
        params["ProfileId"],
        object_type=params.get("ObjectTypeName"),
        action=params.get("ActionType"),
        performed_by=params.get("PerformedBy"),
    )
    page, token = paginate(
        params,
        found,
        lambda e: -e.seq,
        operation="ListProfileHistoryRecords",
        scope=repr(sorted((k, str(v)) for k, v in params.items() if k not in ("NextToken", "MaxResults"))),
    )
    return {"ProfileHistoryRecords": [record_wire(e) for e in page], "NextToken": token}


@handles("GetProfileHistoryRecord")
def get_record(call: Call, params: Params) -> Output:
    domain = call.backend.domain(params["DomainName"])
    entry = history.get_record(domain, params["ProfileId"], params["Id"])
    return {**record_wire(entry), "Content": entry.content}
