"""Customer Profiles' handlers: each converts validated wire params to backend calls and the
result back to output members. ``HANDLERS`` maps an operation of the model to its handler;
``not_mocked`` answers every other operation (errors.NotMockedYet)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cases_mock._engine.principal import principal_arn
from cases_mock._services.customerprofiles.backend.state import ProfilesBackend
from cases_mock._services.customerprofiles.errors import NotMockedYet

Params = dict[str, Any]
Output = dict[str, Any]


@dataclass(slots=True)
class Call:
    """What a handler knows about the request beyond its parameters."""

    operation: str
    backend: ProfilesBackend
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
    """Registers the decorated function as the handler of ``operation``."""

    def register(function: Handler) -> Handler:
        if operation in HANDLERS:
            raise RuntimeError(f"two handlers for {operation}")
        HANDLERS[operation] = function
        return function

    return register


def not_mocked(call: Call, params: Params) -> Output:
    """The answer of every operation without a handler: BadRequestException naming it."""
    raise NotMockedYet(call.operation)


def load_all() -> dict[str, Handler]:
    """Imports every handler module (each registers itself) and returns the registry."""
    from cases_mock._services.customerprofiles.handlers import registry  # noqa: F401

    return HANDLERS
