"""Connect Cases' registration: what the core knows of it (``_services/registry.py``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from cases_mock._engine.clock import Clock
from cases_mock._services.connectcases import releases
from cases_mock._services.connectcases.errors import MODELED_ERRORS
from cases_mock._services.registry import Handler, Service, StatePart, TrialRead


def _handlers() -> Mapping[str, Handler]:
    from cases_mock._services.connectcases.handlers import load_all

    return load_all()


def _store(clock: Clock) -> Any:
    from cases_mock._services.connectcases.backend.store import Store

    return Store(clock)


def _call(
    operation: str, backend: Any, account: str, region: str, request_id: str, access_key: str | None
) -> Any:
    from cases_mock._services.connectcases.handlers import Call

    return Call(operation, backend, account, region, request_id, access_key)


def _export_state(store: Any) -> dict[str, Any]:
    from cases_mock._services.connectcases.state_json import export_part

    return export_part(store)


def _prepare_state(store: Any, part: dict[str, Any], read: TrialRead) -> Callable[[], None]:
    from cases_mock._services.connectcases.state_json import prepare_part

    return prepare_part(store, part, read)


SERVICE = Service(
    name=releases.MODEL_NAME,
    endpoint_prefix="cases",
    title="Connect Cases",
    newest_required_operation=releases.NEWEST_REQUIRED_OPERATION,
    modeled_errors=MODELED_ERRORS,
    load_handlers=_handlers,
    model_complete=releases.complete,
    new_store=_store,
    new_call=_call,
    state=StatePart(members=("backends",), export=_export_state, prepare=_prepare_state),
)
