"""Per-operation handlers: each converts validated wire params, calls the backend, and returns
the output members. ``HANDLERS`` maps an operation name of the model to its handler; after each
one the change records its writes appended are drained into case events (events/publish.py).
A new resource only adds a module to this package (``load_all`` imports every one)."""

from __future__ import annotations

from cases_mock._services.connectcases.backend.store import CasesBackend
from cases_mock._services.connectcases.events.publish import drain
from cases_mock._services.handler_table import Call as ServiceCall
from cases_mock._services.handler_table import HandlerTable, Output, Params

__all__ = ["HANDLERS", "Call", "Output", "Params", "handles", "load_all"]

Call = ServiceCall[CasesBackend]
_TABLE: HandlerTable[Call] = HandlerTable(__name__, after=lambda call: drain(call.backend))
HANDLERS = _TABLE.handlers
handles = _TABLE.handles
load_all = _TABLE.load_all
