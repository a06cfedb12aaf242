"""StartMergeCases, GetMergeCasesStatus."""

from __future__ import annotations

from cases_mock._services.connectcases.handlers import Call, Output, Params, handles
from cases_mock._services.connectcases.handlers.cases import performer


@handles("StartMergeCases")
def start_merge_cases(call: Call, params: Params) -> Output:
    call.backend.merges.start(
        params["domainId"],
        params["caseId"],
        [str(case_id) for case_id in params["secondaryCaseIds"]],
        performer(call, params),
        fields_configuration=params.get("fieldsConfiguration"),
        related_items=params.get("relatedItemsConfiguration"),
    )
    return {}


@handles("GetMergeCasesStatus")
def get_merge_cases_status(call: Call, params: Params) -> Output:
    case = call.backend.merges.status(params["domainId"], params["caseId"])
    return {"status": "COMPLETED", "primaryCaseId": case.merged_into, "secondaryCaseIds": [case.case_id]}
