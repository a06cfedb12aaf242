"""Customer Profiles' registration: what the core knows of it (``_services/registry.py``)."""

from __future__ import annotations

import functools
from collections.abc import Mapping

from cases_mock._services.customerprofiles.errors import MODELED_ERRORS, BadRequestException
from cases_mock._services.customerprofiles.model import SERVICE_NAME
from cases_mock._services.registry import Handler, Service, StatePart, lazy

_HERE = "cases_mock._services.customerprofiles"


@functools.cache
def _handlers() -> Mapping[str, Handler]:
    """The handlers of the mocked operations, and ``not_mocked`` for every other operation of
    the installed model (a BadRequestException naming it): made once, read on every call."""
    from cases_mock._protocol.model import operation_names
    from cases_mock._services.customerprofiles.handlers import load_all, not_mocked

    handlers: dict[str, Handler] = dict.fromkeys(operation_names(SERVICE_NAME), not_mocked)
    handlers.update(load_all())
    return handlers


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
    new_store=lazy(f"{_HERE}.backend.state", "new_store"),
    follow=lazy(f"{_HERE}.follow_cases", "follow"),
    invalid_input=BadRequestException,  # "The input you provided is invalid." (docs/behaviour.md)
    state=StatePart(
        members=("customer_profiles",),
        export=lazy(f"{_HERE}.state_json", "export_part"),
        prepare=lazy(f"{_HERE}.state_json", "prepare_part"),
    ),
)
