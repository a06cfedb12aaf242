"""Per-operation handlers: each converts validated wire params, calls the backend, and returns
the output members. ``HANDLERS`` maps an operation name of the model to its handler; after each
one the change records its writes appended are drained into case events (events/publish.py)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cases_mock._engine.principal import principal_arn
from cases_mock._services.connectcases.backend.store import CasesBackend
from cases_mock._services.connectcases.events.publish import drain

Params = dict[str, Any]
Output = dict[str, Any]


@dataclass(slots=True)
class Call:
    """What a handler knows about the request beyond its parameters."""

    operation: str
    backend: CasesBackend
    account: str
    region: str
    request_id: str
    access_key_id: str | None = None

    @property
    def principal_arn(self) -> str:
        """The caller's IAM principal, as the records name it (``_engine/principal.py``)."""
        return principal_arn(self.backend.partition, self.account, self.access_key_id)


Handler = Callable[[Call, Params], Output]
HANDLERS: dict[str, Handler] = {}


def handles(operation: str) -> Callable[[Handler], Handler]:
    """Registers the decorated function as the handler of ``operation``, followed by draining
    the change records its writes appended (the events' ``drain``), also when it raises."""

    def register(function: Handler) -> Handler:
        if operation in HANDLERS:
            raise RuntimeError(f"two handlers for {operation}")

        @functools.wraps(function)
        def handler(call: Call, params: Params) -> Output:
            try:
                return function(call, params)
            finally:
                drain(call.backend)

        HANDLERS[operation] = handler
        return function

    return register


def load_all() -> dict[str, Handler]:
    """Imports every handler module (each registers itself) and returns the registry."""
    from cases_mock._services.connectcases.handlers import registry  # noqa: F401

    return HANDLERS
