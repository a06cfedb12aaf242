"""Customer Profiles' handlers: each converts validated wire params to backend calls and the
result back to output members. ``HANDLERS`` maps an operation of the model to its handler;
``not_mocked`` answers every other operation (errors.NotMockedYet). A new resource only adds a
module to this package (``load_all`` imports every one)."""

from __future__ import annotations

from cases_mock._services.customerprofiles.backend.state import ProfilesBackend
from cases_mock._services.customerprofiles.errors import NotMockedYet
from cases_mock._services.handler_table import Call as ServiceCall
from cases_mock._services.handler_table import HandlerTable, Output, Params

__all__ = ["HANDLERS", "Call", "Output", "Params", "handles", "load_all", "not_mocked"]

Call = ServiceCall[ProfilesBackend]
_TABLE: HandlerTable[Call] = HandlerTable(__name__)
HANDLERS = _TABLE.handlers
handles = _TABLE.handles
load_all = _TABLE.load_all


def not_mocked(call: Call, params: Params) -> Output:
    """The answer of every operation without a handler: BadRequestException naming it."""
    raise NotMockedYet(call.operation)
