"""Case event configuration (docs/behaviour.md#case-event-configuration): stored per domain.

Before any Put, the configuration is ``{"enabled": false}``. Field ids in ``includedData`` must
name fields that exist and are not deleted; Get omits fields deleted since.
"""

from __future__ import annotations

import copy
from typing import Any

from cases_mock._services.connectcases.backend.core import BackendCore
from cases_mock._services.connectcases.backend.fields import live_field

PATH = "eventBridge.includedData.caseData.fields"


class EventConfiguration:
    """PutCaseEventConfiguration, GetCaseEventConfiguration: ``backend.event_configuration``."""

    def __init__(self, core: BackendCore) -> None:
        self.core = core

    def put(self, domain_id: str, event_bridge: dict[str, Any]) -> None:
        with self.core.lock:
            data = self.core.domain(domain_id).data
            case_data = (event_bridge.get("includedData") or {}).get("caseData") or {}
            for index, entry in enumerate(case_data.get("fields") or []):
                live_field(data, str(entry["id"]), f"{PATH}[{index}].id")
            data.event_configuration = copy.deepcopy(event_bridge)

    def get(self, domain_id: str) -> dict[str, Any]:
        data = self.core.domain(domain_id).data
        if data.event_configuration is None:
            return {"enabled": False}
        shown = copy.deepcopy(data.event_configuration)
        case_data = (shown.get("includedData") or {}).get("caseData")
        if case_data and "fields" in case_data:
            case_data["fields"] = [
                entry for entry in case_data["fields"] if not data.is_deleted_field(str(entry["id"]))
            ]
        return shown
