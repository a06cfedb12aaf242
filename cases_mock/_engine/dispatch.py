"""The one request path, with two entry points.

``Dispatcher.dispatch(WireRequest)``: route, faults and rate quotas, parse, ``invoke``, serialise
(or a modeled error), one call recorded. Every way in (the botocore hook, the ``requests`` mock
and the HTTP server) builds a ``WireRequest`` and calls it; the before-call way in calls
``Dispatcher.answer`` (the same, with the success rendered by a function it gives: botocore's
parsed response, not bytes).
``Dispatcher.invoke(operation, params, account=..., region=...)``: faults and rate quotas,
validate, the handler, the output check, one call recorded; the output or a modeled error.
``handle`` is their shared core (validate, handler, output check) against one backend, which
reads from inside the mock use without a record (the dashboard, the state checks). Faults and
rate quotas come before parsing on the wire path, as they always have.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from botocore.model import OperationModel

from cases_mock._engine.account_region import DEFAULT_ACCOUNT_ID, DEFAULT_REGION
from cases_mock._engine.faults import Faults
from cases_mock._engine.recording import RecordedCall, Recorder
from cases_mock._engine.request_ids import new_request_id
from cases_mock._engine.wire import WireRequest, WireResponse
from cases_mock._protocol.errors import (
    CasesError,
    InternalServerException,
    UnknownOperationException,
    UnsupportedOperationException,
)
from cases_mock._protocol.hosts import region_of_host, service_of_host
from cases_mock._protocol.parse import parse
from cases_mock._protocol.router import by_name, resolve
from cases_mock._protocol.serialize import error_response, success_response
from cases_mock._protocol.validate import problems
from cases_mock._protocol.validation_plan import full_plan, validate
from cases_mock._services import registry

if TYPE_CHECKING:
    from cases_mock._engine.backends import Shared

log = logging.getLogger("cases_mock")

Rendered = TypeVar("Rendered")
Render = Callable[[OperationModel, dict[str, Any], str], Rendered]
"""What a success becomes, from the operation, the handler's output and the request id."""
Given = Callable[[OperationModel, dict[str, str]], "dict[str, Any] | None"]
"""The parameters a way in already holds for the routed operation and its URI labels, exactly as
``parse`` would read them from the request; None: parse the request."""
Called = tuple[OperationModel, dict[str, Any], str]
"""The operation a way in knows the caller called (its own model of it), the parameters and the
path botocore rendered from them: routed by name (``router.by_name``) where that is exact."""

_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request")
_ACCOUNT_KEY = re.compile(r"^\d{12}$")


def service_of(request: WireRequest) -> registry.Service:
    """The mocked service a request is for: by its host (``hosts.py``), else by the signing name
    of its SigV4 scope, else the first registered (a bare request to ``cases-mock serve``)."""
    found = service_of_host(request.host)
    if found:
        return found[0]
    scope = _CREDENTIAL.search(request.header("authorization") or "")
    signed = registry.by_prefix(scope.group(3)) if scope else None
    return signed or registry.default()


def route(
    request: WireRequest, called: Called | None = None
) -> tuple[registry.Service, OperationModel, dict[str, str]]:
    """The service, operation and decoded URI labels of a request (UnknownOperationException);
    the operation ``called`` (the before-call way in) gives the latter two without matching the
    path where that gives the same."""
    service = service_of(request)
    found = None
    if called is not None:
        op, params, rendered = called
        found = by_name(service.name, op, params, request.method, request.path, rendered)
    op, labels = found or resolve(service.name, service.title, request.method, request.path)
    return service, op, labels


def region_of(request: WireRequest) -> str:
    """The region from a mocked service's host (``hosts.py``), else the signer's or SigV4 scope."""
    found = region_of_host(request.host)
    if found:
        return found
    if request.signer is not None:
        return request.signer[1]
    scope = _CREDENTIAL.search(request.header("authorization") or "")
    return scope.group(2) if scope else DEFAULT_REGION


def access_key_of(request: WireRequest) -> str | None:
    if request.signer is not None:
        return request.signer[0]
    scope = _CREDENTIAL.search(request.header("authorization") or "")
    return scope.group(1) if scope else None


@dataclass(frozen=True, slots=True)
class Followed:
    """A successful call of one service, as another service's ``follow`` sees it."""

    stores: dict[str, Any]  # every service's store, by botocore name
    service: str
    operation: str
    params: dict[str, Any]
    output: dict[str, Any]
    backend: Any  # the backend the call was answered against


@dataclass(slots=True)
class _Seen:
    """What ``dispatch`` learnt about a request, for the call record."""

    operation: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    service: str = ""
    account: str = ""
    region: str = ""
    output: dict[str, Any] | None = None
    error: CasesError | None = None


class Dispatcher:
    """Turns a ``WireRequest`` into a ``WireResponse`` against the engine's stores (one per service)."""

    def __init__(
        self,
        shared: Shared,
        stores: dict[str, Any],
        recorder: Recorder,
        faults: Faults,
        account_id: str = DEFAULT_ACCOUNT_ID,
    ) -> None:
        # the engine's (engine.py): the dispatcher answers against them, owns none
        self.shared = shared  # the clock and the rate quotas every service shares
        self.stores = stores  # every service's backends, by botocore name
        self.recorder = recorder
        self.faults = faults
        self.account_id = account_id
        self.strict_output = os.environ.get("CASES_MOCK_STRICT_OUTPUT") == "1"
        for service in registry.services():
            service.model()  # a botocore too old to mock fails here (activation, server start)
            service.handlers()

    def account_of(self, access_key_id: str | None) -> str:
        """A 12-digit access key id names the account (as in moto); else the mock's account."""
        if access_key_id and _ACCOUNT_KEY.match(access_key_id):
            return access_key_id
        return self.account_id

    def dispatch(self, request: WireRequest) -> WireResponse:
        return self.answer(request, success_response)

    def answer(
        self,
        request: WireRequest,
        render: Render[Rendered],
        given: Given | None = None,
        called: Called | None = None,
        *,
        botocore_validated: bool = False,
    ) -> Rendered | WireResponse:
        """``dispatch`` with a success made by ``render`` (a failure in it is a bug in the mock,
        answered as one), and the parameters ``given`` (the before-call way in: botocore's own,
        ``_protocol/params.py``) instead of parsed and routed by the operation ``called`` where
        it has them (``botocore_validated``: botocore's ``ParamValidator`` ran on them, so only
        the checks it does not make run on them); an error is the modeled error's ``WireResponse``."""
        request_id = new_request_id()
        seen = _Seen()
        status = 200
        response: Rendered | WireResponse
        try:
            op, response = self._dispatch(
                request, request_id, seen, render, given, called, botocore_validated
            )
            status = int(op.http.get("responseCode", 200))
        except CasesError as raised:
            service = service_of(request)
            error = service.own(raised)  # invalid input: the service's own error (Service.invalid_input)
            response = error_response(error, request_id, service.name)
            seen.error, status = error, response.status
        except Exception:  # a bug in the mock must never escape into the caller's stack
            log.exception("cases_mock: unexpected error handling %s %s", request.method, request.path)
            seen.error = InternalServerException("cases_mock hit an unexpected error; see its log")
            response = error_response(seen.error, request_id, service_of(request).name)
            status = response.status
        if not seen.account:
            seen.account, seen.region = self.account_id, region_of(request)
        seen.service = seen.service or service_of(request).name
        self._record(seen, status, request.method, request.path)
        return response

    def _dispatch(
        self,
        request: WireRequest,
        request_id: str,
        seen: _Seen,
        render: Render[Rendered],
        given: Given | None,
        called: Called | None,
        botocore_validated: bool = False,
    ) -> tuple[OperationModel, Rendered]:
        service, op, labels = route(request, called)
        seen.operation, seen.service = op.name, service.name
        access_key = access_key_of(request)
        seen.account = self.account_of(access_key)
        seen.region = region_of(request)
        self._admit(op.name, seen.account, seen.region, service.name)
        params = given(op, labels) if given is not None else None
        seen.params = parse(op, request, labels) if params is None else params
        trusted = botocore_validated and params is not None
        output = self._invoke(service, op.name, seen, request_id, access_key, botocore_validated=trusted)
        response = render(op, output, request_id)
        seen.output = output
        return op, response

    def invoke(
        self,
        operation: str,
        params: dict[str, Any],
        *,
        account: str,
        region: str,
        access_key: str | None = None,
        request_id: str | None = None,
        service: str | None = None,
        recorded: bool = True,
    ) -> dict[str, Any]:
        """Faults, rate quotas, validate, handler, output check, one call recorded: the output,
        or a modeled error (``InternalServerException`` for a bug in the mock, logged).
        ``service``: its botocore name (default: the first registered, Connect Cases).
        ``recorded=False``: a read from inside the mock (the dashboard), which no injected fault
        or rate quota touches and no call record shows."""
        found = registry.by_name(service) if service is not None else registry.default()
        if found is None:
            raise UnknownOperationException(f"{service} is not a mocked service")
        seen = _Seen(operation, params, found.name, account, region)
        status = 200
        try:
            if operation not in found.operation_names():
                raise UnknownOperationException(f"{operation} is not a {found.title} operation")
            op = found.operation(operation)
            if recorded:
                self._admit(operation, account, region, found.name)
            seen.output = self._invoke(found, operation, seen, request_id or new_request_id(), access_key)
            status = op.http.get("responseCode", 200)
            return seen.output
        except CasesError as error:
            seen.error, status = error, error.status
            raise
        except Exception:
            log.exception("cases_mock: unexpected error invoking %s", operation)
            seen.error = InternalServerException("cases_mock hit an unexpected error; see its log")
            status = seen.error.status
            raise seen.error from None
        finally:
            if recorded:
                self._record(seen, status)

    def _admit(self, operation: str, account: str, region: str, service: str | None = None) -> None:
        """Injected faults (on ``service``'s operation; None: the first registered), then the
        opt-in rate quotas (limits.py)."""
        if self.faults.rules:
            injected = self.faults.fire(operation, service)
            if injected is not None:
                raise injected
        self.shared.limits.take(account, region, operation)

    def _invoke(
        self,
        service: registry.Service,
        operation: str,
        seen: _Seen,
        request_id: str,
        access_key: str | None,
        *,
        botocore_validated: bool = False,
    ) -> dict[str, Any]:
        backend = self.stores[service.name].backend(seen.account, seen.region)
        call = service.new_call(operation, backend, seen.account, seen.region, request_id, access_key)
        output = handle(
            call,
            seen.params,
            check_output=self.strict_output,
            service=service,
            botocore_validated=botocore_validated,
        )
        registry.hand_on(Followed(self.stores, service.name, operation, seen.params, output, backend))
        return output

    def _record(self, seen: _Seen, status: int, method: str = "", path: str = "") -> None:
        self.recorder.record(
            RecordedCall(
                operation=seen.operation,
                params=seen.params,
                status=status,
                account=seen.account,
                region=seen.region,
                time=self.shared.clock.now(),
                output=seen.output,
                error_code=seen.error.code if seen.error else None,
                error_message=seen.error.message if seen.error else None,
                method=method,
                path=path,
                service=seen.service,
            )
        )


def handle(
    call: Any,
    params: dict[str, Any],
    *,
    check_output: bool = False,
    service: registry.Service | None = None,
    botocore_validated: bool = False,
) -> dict[str, Any]:
    """Validate ``params``, run the operation's handler against ``call.backend``, and (with
    ``check_output``) check the output against the operation's output shape (a RuntimeError
    naming what is outside it): what every entry point shares. ``service`` is the first registered
    (Connect Cases) unless named. ``botocore_validated``: ``params`` are botocore's own and its
    ``ParamValidator`` ran on them (only the checks it does not make run: ``validation_plan.py``)."""
    service = service or registry.default()
    op = service.operation(call.operation)
    validate(op.input_shape, params, botocore_validated=botocore_validated)
    handler = service.handlers().get(op.name)
    if handler is None:
        raise UnsupportedOperationException(f"cases_mock does not support {op.name} yet")
    output = handler(call, params)
    if check_output and op.output_shape is not None and not full_plan(op.output_shape)(output):
        found = problems(op.output_shape, output)
        if found:
            raise RuntimeError(f"{op.name} produced output outside its shape: {found}")
    return output


def read(
    backend: Any,
    operation: str,
    params: dict[str, Any],
    request_id: str,
    service: registry.Service | None = None,
) -> dict[str, Any]:
    """``handle`` for a read from inside the mock (a service following another): no faults, no
    rate quota, nothing recorded. ``service`` is the first registered (Connect Cases) unless named."""
    service = service or registry.default()
    call = service.new_call(operation, backend, backend.account, backend.region, request_id, None)
    return handle(call, params, service=service)
