"""Customer Profiles' handlers: each converts validated wire params to backend calls and the
result back to output members. ``HANDLERS`` maps an operation of the model to its handler;
``not_mocked`` answers every other operation (errors.NotMockedYet)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cases_mock._services.customerprofiles.backend.state import ProfilesBackend
from cases_mock._services.customerprofiles.errors import NotMockedYet

PRINCIPAL_ENV = "CASES_MOCK_PRINCIPAL_ARN"
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
        """The caller, as history records' PerformedBy name it: ``CASES_MOCK_PRINCIPAL_ARN``,
        else an assumed role for temporary (``ASIA``) keys, else an IAM user (as Connect Cases)."""
        configured = os.environ.get(PRINCIPAL_ENV)
        if configured:
            return configured
        partition = self.backend.partition
        if (self.access_key_id or "").startswith("ASIA"):
            return f"arn:{partition}:sts::{self.account}:assumed-role/cases-mock-role/cases-mock-session"
        return f"arn:{partition}:iam::{self.account}:user/cases-mock"


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
