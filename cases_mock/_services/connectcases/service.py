"""Connect Cases' registration: what the core knows of it (``_services/registry.py``)."""

from __future__ import annotations

from collections.abc import Mapping

from cases_mock._services.connectcases import releases
from cases_mock._services.connectcases.errors import MODELED_ERRORS
from cases_mock._services.registry import Handler, Service


def _handlers() -> Mapping[str, Handler]:
    from cases_mock._services.connectcases.handlers import load_all

    return load_all()


SERVICE = Service(
    name=releases.MODEL_NAME,
    endpoint_prefix="cases",
    title="Connect Cases",
    newest_required_operation=releases.NEWEST_REQUIRED_OPERATION,
    modeled_errors=MODELED_ERRORS,
    load_handlers=_handlers,
    model_complete=releases.complete,
)
