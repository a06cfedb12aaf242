"""Injected faults: chosen operations fail with a modeled error, to exercise retry and error
handling (docs/working-with-the-mock.md#faults).

A fault names an operation (or ``"*"``), an error the model lists for it, and when it fires:
the next ``times`` calls, or each call with ``probability`` (from a seedable random source);
``latency`` seconds are slept before answering. Faults are checked after routing and before
validation, so a faulted call never changes state.
"""

from __future__ import annotations

import dataclasses
import math
import random
import threading
import time
from dataclasses import dataclass

from cases_mock._protocol.errors import CasesError, ValidationException
from cases_mock._services import registry

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


MAX_LATENCY = 60.0  # seconds; a fault never holds a request longer than this
JSON_MEMBERS = ("operation", "error", "times", "probability", "latency", "message")


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _check(fault: Fault) -> None:
    """ValueError naming the member of the first problem; nothing is added."""
    given: dict[str, object] = dict(vars(fault))  # as given: the server passes JSON values through
    if not isinstance(given["operation"], str):
        raise ValueError(f"fault member 'operation' must be an operation or '*', not {given['operation']!r}")
    service = registry.default()
    if not isinstance(given["error"], str) or fault.error not in service.modeled_errors:
        raise ValueError(
            f"fault member 'error': {fault.error!r} is not an error cases_mock can answer with; "
            f"the errors are {', '.join(sorted(service.modeled_errors))}"
        )
    names = service.operation_names() if fault.operation == "*" else (fault.operation,)
    for name in names:
        if name not in service.operation_names():
            raise ValueError(f"fault member 'operation': {name!r} is not a {service.title} operation")
        modeled = {shape.name for shape in service.operation(name).error_shapes}
        if fault.error not in modeled and fault.error not in ALWAYS_ALLOWED:
            allowed = ", ".join(sorted(modeled | set(ALWAYS_ALLOWED)))
            raise ValueError(
                f"fault member 'error': {name} does not list {fault.error} among its errors; "
                f"it can answer {allowed}"
            )
    times = given["times"]
    if times is not None and (isinstance(times, bool) or not isinstance(times, int) or times < 1):
        raise ValueError(
            f"fault member 'times' must be a whole number >= 1 or None (no limit), not {times!r}"
        )
    if not _number(fault.probability) or not 0.0 <= fault.probability <= 1.0:
        raise ValueError(
            f"fault member 'probability' must be a number between 0 and 1, not {fault.probability!r}"
        )
    if not _number(fault.latency) or not 0.0 <= fault.latency <= MAX_LATENCY:
        raise ValueError(
            f"fault member 'latency' must be a number of seconds between 0 and {MAX_LATENCY:g}, "
            f"not {fault.latency!r}"
        )
    if given["message"] is not None and not isinstance(given["message"], str):
        raise ValueError(f"fault member 'message' must be a string or None, not {fault.message!r}")


def fault_from_json(given: object) -> Fault:
    """A checked ``Fault`` from the server's JSON form; ValueError naming the member if not."""
    if not isinstance(given, dict):
        raise ValueError("a fault is a JSON object with an 'operation' member")
    unknown = sorted(set(given) - set(JSON_MEMBERS))
    if unknown:
        raise ValueError(f"unknown fault member {unknown[0]!r} (known: {', '.join(JSON_MEMBERS)})")
    if "operation" not in given:
        raise ValueError("fault member 'operation' is required")
    fault = Fault(
        given["operation"],
        given.get("error", "ThrottlingException"),
        given.get("times", 1),
        given.get("probability", 1.0),
        given.get("latency", 0.0),
        given.get("message"),
    )
    _check(fault)
    return fault


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

    def snapshot(self) -> list[Fault]:
        """Copies of the faults in force (their remaining ``times`` included), for ``restore``."""
        with self._lock:
            return [dataclasses.replace(fault) for fault in self.rules]

    def restore(self, snapshot: list[Fault]) -> None:
        with self._lock:
            self.rules = [dataclasses.replace(fault) for fault in snapshot]

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
        error_class = registry.default().modeled_errors.get(chosen.error, ValidationException)
        if error_class.code == "ResourceNotFoundException":
            return error_class(message, resource_id="injected", resource_type="Fault")
        return error_class(message)
