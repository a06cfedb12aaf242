"""Per-operation handlers: each converts validated wire params, calls the backend, and returns
the output members. ``HANDLERS`` maps an operation name of the model to its handler."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..backend.store import CasesBackend

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
        """The caller's IAM principal, as the audit history records it."""
        return f"arn:{self.backend.partition}:iam::{self.account}:user/cases-mock"


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


def load_all() -> dict[str, Handler]:
    """Imports every handler module (each registers itself) and returns the registry."""
    from . import registry  # noqa: F401

    return HANDLERS
