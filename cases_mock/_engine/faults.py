"""Injected faults: chosen operations fail with a modeled error, to exercise retry and error
handling (docs/working-with-the-mock.md#faults).

A fault names an operation (or ``"*"``), an error the model lists for it, and when it fires:
the next ``times`` calls, or each call with ``probability`` (from a seedable random source);
``latency`` seconds are slept before answering. Faults are checked after routing and before
validation, so a faulted call never changes state.

The operation may name its service the way botocore's event names do
(``"customer-profiles.CreateDomain"``, ``"connectcases.*"``); a bare name (or ``"*"``) covers that
operation in every mocked service that has it and can answer the error. The answer is the
service's own modeled error (its status and message member). A fault naming no error (None)
answers the first of ThrottlingException and InternalServerException the operation declares,
else the first error it declares.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
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
"""Errors a fault may answer on any operation whose service models them (Customer Profiles
models no ValidationException, so it never answers one)."""

PREFERRED = ("ThrottlingException", "InternalServerException")
"""What a fault naming no error answers, the first the operation declares."""


@dataclass
class Fault:
    operation: str  # "Name", "*", "service.Name" or "service.*" (service: botocore's name)
    error: str | None  # None: the operation's own (PREFERRED, else its first declared error)
    times: int | None = None  # None: no count limit
    probability: float = 1.0
    latency: float = 0.0
    message: str | None = None

    def applies_to(self, name: str, service: str | None = None) -> bool:
        """Whether this fault fires for ``name`` of ``service`` (None: Connect Cases)."""
        return _target(self.operation, self.error, service or registry.default().name, name)


MAX_LATENCY = 60.0  # seconds; a fault never holds a request longer than this
JSON_MEMBERS = ("operation", "error", "times", "probability", "latency", "message")


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _split(operation: str) -> tuple[str | None, str]:
    """``"customer-profiles.CreateDomain"`` -> (the service, the operation); a bare name -> (None, it)."""
    service, dot, name = operation.rpartition(".")
    return (service, name) if dot else (None, operation)


def _declared(service: registry.Service, operation: str) -> list[str]:
    return [shape.name for shape in service.operation(operation).error_shapes]


def chosen_error(service: registry.Service, operation: str) -> str:
    """The error a fault naming none answers ``operation`` of ``service`` with."""
    declared = _declared(service, operation)
    preferred = [name for name in PREFERRED if name in declared]
    return (preferred or declared or ["InternalServerException"])[0]


def _answerable(service: registry.Service, operation: str, error: str | None) -> str | None:
    """None if ``operation`` (a name or ``"*"``: every one) of ``service`` can answer ``error``;
    else why not (a sentence)."""
    return None if error is None else _why_not(service.name, operation, error)


@functools.cache
def _why_not(service_name: str, operation: str, error: str) -> str | None:
    service = registry.by_name(service_name)
    assert service is not None
    if error not in service.modeled_errors:
        return (
            f"{error!r} is not an error cases_mock can answer {service.title} with; "
            f"the errors are {', '.join(sorted(service.modeled_errors))}"
        )
    for name in service.operation_names() if operation == "*" else (operation,):
        modeled = set(_declared(service, name))
        if error not in modeled and error not in ALWAYS_ALLOWED:
            allowed = ", ".join(sorted(modeled | (set(ALWAYS_ALLOWED) & set(service.modeled_errors))))
            return f"{name} does not list {error} among its errors; it can answer {allowed}"
    return None


def _owner(name: str) -> registry.Service | None:
    """The service a bare operation name means: the first registered that has it."""
    return next((s for s in registry.services() if name in s.operation_names()), None)


@functools.cache
def _target(operation: str, error: str | None, service_name: str, name: str) -> bool:
    """Whether a fault on ``operation`` with ``error`` covers ``name`` of ``service_name``."""
    wanted_service, wanted = _split(operation)
    if wanted not in ("*", name) or wanted_service not in (None, service_name):
        return False
    service = registry.by_name(service_name)
    if service is None:
        return False
    if wanted_service is None and wanted != "*" and _owner(wanted) is not service:
        return False  # a bare name shared by two services means the first's
    return _answerable(service, wanted, error) is None


def _check_target(operation: str, error: str | None) -> None:
    """ValueError (member 'operation' or 'error') unless the operation names a service's
    operation (or "*") that can answer ``error``."""
    service_name, name = _split(operation)
    services = registry.services()
    if service_name is not None:
        named = registry.by_name(service_name)
        if named is None:
            known = ", ".join(s.name for s in services)
            raise ValueError(
                f"fault member 'operation': {service_name!r} is not a mocked service (known: {known})"
            )
        services = (named,)
    elif name != "*":
        owner = _owner(name)
        services = (owner,) if owner else services
    having = [s for s in services if name == "*" or name in s.operation_names()]
    if not having:
        titles = ", nor a ".join(f"{s.title} operation" for s in services)
        raise ValueError(f"fault member 'operation': {name!r} is not a {titles}")
    problems = [_answerable(s, name, error) for s in having]
    if all(problems):  # none can: the first one's reason
        raise ValueError(f"fault member 'error': {problems[0]}")


def _check(fault: Fault) -> None:
    """ValueError naming the member of the first problem; nothing is added."""
    given: dict[str, object] = dict(vars(fault))  # as given: the server passes JSON values through
    if not isinstance(given["operation"], str):
        raise ValueError(f"fault member 'operation' must be an operation or '*', not {given['operation']!r}")
    if given["error"] is not None and not isinstance(given["error"], str):
        raise ValueError(f"fault member 'error' must be an error's name or None, not {given['error']!r}")
    _check_target(fault.operation, fault.error)
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
        given.get("error"),
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

    def fire(self, name: str, service: str | None = None) -> CasesError | None:
        """The error to answer ``name`` of ``service`` (None: Connect Cases) with now, if a fault
        fires (consuming one of its times)."""
        with self._lock:
            for fault in self.rules:
                if not fault.applies_to(name, service) or self._random.random() >= fault.probability:
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
        answering = registry.by_name(service) if service else None
        answering = answering or registry.default()
        error = chosen.error or chosen_error(answering, name)
        message = chosen.message or f"Injected {error} for {name} (cases_mock fault)"
        error_class = answering.modeled_errors.get(error, ValidationException)
        if "resource_id" in inspect.signature(error_class).parameters:  # Cases' names the resource
            return error_class(message, resource_id="injected", resource_type="Fault")
        return error_class(message)
