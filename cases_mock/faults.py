"""Injected faults: chosen operations fail with a modeled error, to exercise retry and error
handling (docs/working-with-the-mock.md#faults).

A fault names an operation (or ``"*"``), an error the model lists for it, and when it fires:
the next ``times`` calls, or each call with ``probability`` (from a seedable random source);
``latency`` seconds are slept before answering. Faults are checked after routing and before
validation, so a faulted call never changes state.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass

from .errors import MODELED_ERRORS, CasesError, ValidationException
from .protocol.model import operation, operation_names

ALWAYS_ALLOWED = (
    "ThrottlingException",
    "InternalServerException",
    "AccessDeniedException",
    "ValidationException",
)


@dataclass
class Fault:
    operation: str
    error: str
    times: int | None = None  # None: no count limit
    probability: float = 1.0
    latency: float = 0.0
    message: str | None = None

    def applies_to(self, name: str) -> bool:
        return self.operation in ("*", name)


def _check(fault: Fault) -> None:
    if fault.error not in MODELED_ERRORS:
        raise ValueError(f"{fault.error!r} is not an error cases_mock can answer with")
    names = operation_names() if fault.operation == "*" else (fault.operation,)
    for name in names:
        if name not in operation_names():
            raise ValueError(f"{name!r} is not a Connect Cases operation")
        modeled = {shape.name for shape in operation(name).error_shapes}
        if fault.error not in modeled and fault.error not in ALWAYS_ALLOWED:
            raise ValueError(f"{name} does not list {fault.error} among its errors")
    if not 0.0 <= fault.probability <= 1.0:
        raise ValueError("probability must be between 0 and 1")


class Faults:
    """The faults of one dispatcher; thread-safe."""

    def __init__(self) -> None:
        self.rules: list[Fault] = []
        self._lock = threading.Lock()
        self._random = random.Random()

    def add(self, fault: Fault) -> Fault:
        _check(fault)
        with self._lock:
            self.rules.append(fault)
        return fault

    def seed(self, value: int) -> None:
        self._random.seed(value)

    def clear(self) -> None:
        with self._lock:
            self.rules.clear()

    def fire(self, name: str) -> CasesError | None:
        """The error to answer ``name`` with now, if a fault fires (consuming one of its times)."""
        with self._lock:
            for fault in self.rules:
                if not fault.applies_to(name) or self._random.random() >= fault.probability:
                    continue
                if fault.times is not None:
                    fault.times -= 1
                    if fault.times <= 0:
                        self.rules.remove(fault)
                chosen = fault
                break
            else:
                return None
        if chosen.latency:
            time.sleep(chosen.latency)
        message = chosen.message or f"Injected {chosen.error} for {name} (cases_mock fault)"
        error_class = MODELED_ERRORS.get(chosen.error, ValidationException)
        if error_class.code == "ResourceNotFoundException":
            from .errors import ResourceNotFoundException

            return ResourceNotFoundException(message, resource_id="injected", resource_type="Fault")
        return error_class(message)
