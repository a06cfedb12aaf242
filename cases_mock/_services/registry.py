"""The registry of mocked services: what the core knows of a service, and how it finds them.

A service is a sibling folder of ``_services/`` whose ``service.py`` declares ``SERVICE``, a
``Service``: its botocore name and endpoint prefix, the newest operation its handlers rely on,
its modeled errors (and the one answering invalid input), its handlers, how one mock's state of
it (a ``Backends``: a backend per account and region, ``_engine/backends.py``) and a handler's
``call`` argument are made, and its part of the JSON state. The registry finds the folders on
first use (``pkgutil``, so adding ``_services/customerprofiles/service.py`` registers Customer
Profiles with no change here or in the core); the core (protocol, engine, interception, server)
knows services only through it and never imports a service's folder. ``service.py`` stays cheap
to import: handlers load when ``Service.handlers()`` is first called.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from botocore.model import OperationModel, ServiceModel

from cases_mock._protocol import model
from cases_mock._protocol.errors import CasesError, ValidationException
from cases_mock._services.handler_table import Call

if TYPE_CHECKING:  # the engine's pieces load with the first mock, not with the package
    from cases_mock._engine.backends import Backends, Shared
    from cases_mock._engine.limits import Limits

Handler = Callable[[Any, dict[str, Any]], dict[str, Any]]
TrialRead = Callable[[Any, str, dict[str, Any]], dict[str, Any]]
"""(backend, operation, params) -> the output: a read through the engine's ``invoke`` against a
backend not yet in place (a state being imported), recorded nowhere; a modeled error if it fails."""


@dataclass(frozen=True, slots=True)
class StatePart:
    """A service's part of the JSON state (``_engine/state_json.py`` composes every service's)."""

    members: tuple[str, ...]  # the top-level members of the state it writes and reads
    export: Callable[[Any], dict[str, Any]]  # its store -> those members, JSON-able
    # its store, the members found (absent ones left out) and a trial read -> the checked
    # replacement, applied only once every service's part is checked (ValueError naming the place)
    prepare: Callable[[Any, dict[str, Any], TrialRead], Callable[[], None]]


@dataclass(frozen=True, slots=True)
class Service:
    """One mocked service, as its folder registers it."""

    name: str  # botocore's service name, e.g. "connectcases" (before-send.<name>, the model's folder)
    endpoint_prefix: str  # the host prefix and signing name, e.g. "cases"
    title: str  # how messages name it, e.g. "Connect Cases"
    newest_required_operation: str  # its absence marks a model too old to mock
    modeled_errors: Mapping[str, type[CasesError]]  # error code -> class, for injected faults
    load_handlers: Callable[[], Mapping[str, Handler]]  # operation name -> handler, loaded lazily
    model_complete: Callable[[], bool]  # whether the installed model has all the handlers return
    new_store: Callable[[Shared], Backends[Any]]  # one mock's state of it, on the engine's ``Shared``
    # called after every successful call of any service (``dispatch.Followed``), or None
    follow: Callable[[Any], None] | None = None
    state: StatePart | None = None  # its part of the JSON state, or None (not saved)
    # the modeled error it answers a request outside its input shape with (the core raises
    # ValidationException: a bad member, bad JSON, an empty URI label, a lone surrogate...)
    invalid_input: type[CasesError] = ValidationException
    # a handler's ``call`` argument from (operation, backend, account, region, request id, access key)
    new_call: Callable[[str, Any, str, str, str, str | None], Any] = Call
    # called with its store when ``mock.limits.search_delay`` is set (its searches start lagging), or None
    search_delay_set: Callable[[Any, Limits], None] | None = None

    def model(self) -> ServiceModel:
        """The installed botocore model (BotocoreTooOldError when it predates the handlers)."""
        return _checked_model(self.name, self.newest_required_operation)

    def operation(self, name: str) -> OperationModel:
        return model.operation(self.name, name)

    def operation_names(self) -> tuple[str, ...]:
        return model.operation_names(self.name)

    def handlers(self) -> Mapping[str, Handler]:
        return self.load_handlers()

    def own(self, error: CasesError) -> CasesError:
        """``error`` as this service answers it: the core's ValidationException (invalid input)
        becomes its ``invalid_input`` error with the same message; any other error is unchanged."""
        if type(error) is ValidationException and self.invalid_input is not ValidationException:
            return self.invalid_input(error.message)
        return error


def lazy(module: str, name: str) -> Callable[..., Any]:
    """A function calling ``module.name``, the module imported on the first call: what a service's
    ``service.py`` registers, so that importing it stays cheap (``Service.load_handlers``, ``new_store``,
    ``StatePart.export``...)."""

    @functools.cache
    def target() -> Callable[..., Any]:
        found: Callable[..., Any] = getattr(importlib.import_module(module), name)
        return found

    def call(*args: Any) -> Any:
        return target()(*args)

    return call


@functools.cache
def _checked_model(name: str, newest_required_operation: str) -> ServiceModel:
    return model.check_model(model.service_model(name), newest_required_operation)


@functools.cache
def services() -> tuple[Service, ...]:
    """Every registered service (a folder with a ``service.py``), in folder-name order."""
    package = importlib.import_module("cases_mock._services")
    found: list[Service] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if not info.ispkg or importlib.util.find_spec(f"cases_mock._services.{info.name}.service") is None:
            continue  # a folder not (yet) registering itself: not mocked
        module = importlib.import_module(f"cases_mock._services.{info.name}.service")
        declared = getattr(module, "SERVICE", None)
        if not isinstance(declared, Service):
            raise RuntimeError(f"cases_mock._services.{info.name}.service declares no SERVICE")
        found.append(declared)
    return tuple(found)


def default() -> Service:
    """The service a request names nothing of (no known host, no signature): the first."""
    return services()[0]


def by_name(name: str) -> Service | None:
    """The service whose botocore name is ``name`` (``connectcases``), or None."""
    return next((s for s in services() if s.name == name), None)


def by_prefix(endpoint_prefix: str | None) -> Service | None:
    """The service whose endpoint prefix (or signing name) is ``endpoint_prefix``, or None."""
    return next((s for s in services() if s.endpoint_prefix == endpoint_prefix), None)


def hand_on(followed: Any) -> None:
    """Hands one successful call (``dispatch.Followed``) to every service that follows others
    (``Service.follow``): after each answered call, and after each case ``mock.seed`` makes."""
    for service in services():
        if service.follow is not None:
            service.follow(followed)
