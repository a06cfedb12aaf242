"""Per-operation handlers: each converts validated wire params, calls the backend, and returns
the output members. ``HANDLERS`` maps an operation name of the model to its handler; after each
one the change records its writes appended are drained into case events (events/publish.py)."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cases_mock._services.connectcases.backend.store import CasesBackend
from cases_mock._services.connectcases.events.publish import drain

PRINCIPAL_ENV = "CASES_MOCK_PRINCIPAL_ARN"
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
        """The caller's IAM principal, as the audit history records it (docs/behaviour.md#audit-history).

        ``CASES_MOCK_PRINCIPAL_ARN`` names it outright. Otherwise temporary credentials (access
        key ids starting ``ASIA``) are an assumed role, and long-term ones an IAM user.
        """
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
