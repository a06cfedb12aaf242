"""PutCaseEventConfiguration, GetCaseEventConfiguration."""

from __future__ import annotations

from cases_mock._services.connectcases.handlers import Call, Output, Params, handles


@handles("PutCaseEventConfiguration")
def put_case_event_configuration(call: Call, params: Params) -> Output:
    call.backend.event_configuration.put(params["domainId"], params["eventBridge"])
    return {}


@handles("GetCaseEventConfiguration")
def get_case_event_configuration(call: Call, params: Params) -> Output:
    return {"eventBridge": call.backend.event_configuration.get(params["domainId"])}
