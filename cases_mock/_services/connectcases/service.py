"""Connect Cases' registration: what the core knows of it (``_services/registry.py``)."""

from __future__ import annotations

from cases_mock._services.connectcases import releases
from cases_mock._services.connectcases.errors import MODELED_ERRORS
from cases_mock._services.registry import Service, StatePart, lazy

_HERE = "cases_mock._services.connectcases"

SERVICE = Service(
    name=releases.MODEL_NAME,
    endpoint_prefix="cases",
    title="Connect Cases",
    newest_required_operation=releases.NEWEST_REQUIRED_OPERATION,
    modeled_errors=MODELED_ERRORS,
    load_handlers=lazy(f"{_HERE}.handlers", "load_all"),
    model_complete=releases.complete,
    new_store=lazy(f"{_HERE}.backend.store", "new_store"),
    search_delay_set=lazy(f"{_HERE}.backend.store", "search_delay_set"),
    state=StatePart(
        members=("backends",),
        export=lazy(f"{_HERE}.state_json", "export_part"),
        prepare=lazy(f"{_HERE}.state_json", "prepare_part"),
    ),
)
