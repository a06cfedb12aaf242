"""Customer Profiles' registration: what the core knows of it (``_services/registry.py``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from cases_mock._engine.clock import Clock
from cases_mock._services.customerprofiles.errors import MODELED_ERRORS, BadRequestException
from cases_mock._services.customerprofiles.model import SERVICE_NAME
from cases_mock._services.registry import Handler, Service, StatePart, TrialRead


def _handlers() -> Mapping[str, Handler]:
    """The handlers of the mocked operations, and ``not_mocked`` for every other operation of
    the installed model (a BadRequestException naming it)."""
    from cases_mock._protocol.model import operation_names
    from cases_mock._services.customerprofiles.handlers import load_all, not_mocked

    handlers: dict[str, Handler] = dict.fromkeys(operation_names(SERVICE_NAME), not_mocked)
    handlers.update(load_all())
    return handlers


def _store(clock: Clock) -> Any:
    from cases_mock._services.customerprofiles.backend.state import ProfilesStore

    return ProfilesStore(clock)


def _call(
    operation: str, backend: Any, account: str, region: str, request_id: str, access_key: str | None
) -> Any:
    from cases_mock._services.customerprofiles.handlers import Call

    return Call(operation, backend, account, region, request_id, access_key)


def _follow(followed: Any) -> None:
    from cases_mock._services.customerprofiles.follow_cases import follow

    follow(followed)


def _export_state(store: Any) -> dict[str, Any]:
    from cases_mock._services.customerprofiles.state_json import export_part

    return export_part(store)


def _prepare_state(store: Any, part: dict[str, Any], read: TrialRead) -> Callable[[], None]:
    from cases_mock._services.customerprofiles.state_json import prepare_part

    return prepare_part(store, part, read)


SERVICE = Service(
    name=SERVICE_NAME,
    endpoint_prefix="profile",
    title="Customer Profiles",
    # an operation the supported lower bound (botocore 1.36.15) has: the history records came later,
    # and an older model simply lacks them (they are not routed there)
    newest_required_operation="ListProfileAttributeValues",
    modeled_errors=MODELED_ERRORS,
    load_handlers=_handlers,
    model_complete=lambda: True,
    new_store=_store,
    new_call=_call,
    follow=_follow,
    invalid_input=BadRequestException,  # "The input you provided is invalid." (docs/behaviour.md)
    state=StatePart(members=("customer_profiles",), export=_export_state, prepare=_prepare_state),
)
