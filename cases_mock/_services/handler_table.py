"""What every service's handlers share: ``Call``, what a handler knows of the request beyond its
parameters, and ``HandlerTable``, a service's handlers by operation, filled by ``@handles`` as
the service's handler modules are imported (``load_all`` imports every module of the package)."""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from cases_mock._engine.principal import principal_arn

Params = dict[str, Any]
Output = dict[str, Any]


class _Backend(Protocol):
    @property
    def partition(self) -> str: ...


B = TypeVar("B", bound=_Backend)
C = TypeVar("C")


@dataclass(slots=True)
class Call(Generic[B]):
    """What a handler knows about the request beyond its parameters."""

    operation: str
    backend: B
    account: str
    region: str
    request_id: str
    access_key_id: str | None = None

    @property
    def principal_arn(self) -> str:
        """The caller's IAM principal, as the records name it (``_engine/principal.py``)."""
        return principal_arn(self.backend.partition, self.account, self.access_key_id)


class HandlerTable(Generic[C]):
    """A service's handlers by operation name of its model (``C``: the call argument they take)."""

    def __init__(self, package: str, after: Callable[[C], None] | None = None) -> None:
        self.package = package  # the handlers' package: every module in it registers its handlers
        self.after = after  # run after every handler, also when it raises (None: nothing)
        self.handlers: dict[str, Callable[[C, Params], Output]] = {}
        self._loaded = False

    def handles(
        self, operation: str
    ) -> Callable[[Callable[[C, Params], Output]], Callable[[C, Params], Output]]:
        """Registers the decorated function as the handler of ``operation``."""

        def register(function: Callable[[C, Params], Output]) -> Callable[[C, Params], Output]:
            if operation in self.handlers:
                raise RuntimeError(f"two handlers for {operation}")
            self.handlers[operation] = function if self.after is None else self._followed(function)
            return function

        return register

    def _followed(self, function: Callable[[C, Params], Output]) -> Callable[[C, Params], Output]:
        after = self.after
        assert after is not None

        @functools.wraps(function)
        def handler(call: C, params: Params) -> Output:
            try:
                return function(call, params)
            finally:
                after(call)

        return handler

    def load_all(self) -> dict[str, Callable[[C, Params], Output]]:
        """Imports every handler module of the package (each registers itself) and returns the table."""
        if not self._loaded:
            for module in pkgutil.iter_modules(importlib.import_module(self.package).__path__):
                importlib.import_module(f"{self.package}.{module.name}")
            self._loaded = True
        return self.handlers
