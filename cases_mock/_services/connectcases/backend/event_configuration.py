"""Case event configuration (docs/behaviour.md#case-event-configuration): stored per domain.

Before any Put, the configuration is ``enabled: false``. Field ids in ``includedData`` must
name fields that exist and are not deleted; Get omits fields deleted since.
"""

from __future__ import annotations

from cases_mock._services.connectcases.backend.core import BackendCore
from cases_mock._services.connectcases.backend.fields import live_field
from cases_mock._services.connectcases.backend.settings_records import EventSettings

PATH = "eventBridge.includedData.caseData.fields"
DISABLED = EventSettings(enabled=False)


class EventConfiguration:
    """PutCaseEventConfiguration, GetCaseEventConfiguration: ``backend.event_configuration``."""

    def __init__(self, core: BackendCore) -> None:
        self.core = core

    def put(self, domain_id: str, settings: EventSettings) -> None:
        with self.core.lock:
            data = self.core.domain(domain_id).data
            case_data = settings.case_data
            for index, field_id in enumerate((case_data.field_ids if case_data else None) or ()):
                live_field(data, field_id, f"{PATH}[{index}].id")
            data.event_configuration = settings

    def get(self, domain_id: str) -> EventSettings:
        """The configuration in force (``DISABLED`` before any Put); the caller leaves out the
        fields deleted since (``DomainData.is_deleted_field``)."""
        found = self.core.domain(domain_id).data.event_configuration
        return found if found is not None else DISABLED
