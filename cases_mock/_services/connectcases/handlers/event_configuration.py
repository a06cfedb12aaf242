"""PutCaseEventConfiguration, GetCaseEventConfiguration."""

from __future__ import annotations

from cases_mock._services.connectcases.handlers import Call, Output, Params, handles
from cases_mock._services.connectcases.wire_forms import event_settings, event_settings_wire


@handles("PutCaseEventConfiguration")
def put_case_event_configuration(call: Call, params: Params) -> Output:
    call.backend.event_configuration.put(params["domainId"], event_settings(params["eventBridge"]))
    return {}


@handles("GetCaseEventConfiguration")
def get_case_event_configuration(call: Call, params: Params) -> Output:
    domain_id = params["domainId"]
    settings = call.backend.event_configuration.get(domain_id)
    data = call.backend.domain(domain_id).data
    return {
        "eventBridge": event_settings_wire(settings, lambda field_id: not data.is_deleted_field(field_id))
    }
