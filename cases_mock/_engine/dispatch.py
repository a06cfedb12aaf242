"""The one request path: route, parse, validate, handle, serialise (or a modeled error).

Every way in (the botocore hook, the ``requests`` mock and the HTTP server) builds a
``WireRequest`` and calls ``Dispatcher.dispatch``; nothing else touches the protocol.
"""

from __future__ import annotations

import logging
import os
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from cases_mock._engine.faults import Faults
from cases_mock._engine.recording import RecordedCall, Recorder
from cases_mock._engine.wire import WireRequest, WireResponse
from cases_mock._protocol.model import service_model
from cases_mock._protocol.parse import parse
from cases_mock._protocol.router import resolve
from cases_mock._protocol.serialize import error_response, success_response
from cases_mock._protocol.validate import problems, validate
from cases_mock._services.connectcases.backend.store import Store
from cases_mock._services.connectcases.errors import (
    CasesError,
    InternalServerException,
    UnsupportedOperationException,
)
from cases_mock._services.connectcases.handlers import HANDLERS, Call, load_all
from cases_mock._services.connectcases.hosts import region_of_host
from cases_mock._services.connectcases.ids import DEFAULT_ACCOUNT_ID, DEFAULT_REGION

log = logging.getLogger("cases_mock")

_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request")
_ACCOUNT_KEY = re.compile(r"^\d{12}$")


def region_of(request: WireRequest) -> str:
    """The region from a Connect Cases host (``hosts.py``), else the signer's or SigV4 scope."""
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


@dataclass(slots=True)
class _Seen:
    """What ``dispatch`` learnt about a request, for the call record."""

    operation: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    account: str = ""
    region: str = ""
    output: dict[str, Any] | None = None
    error: CasesError | None = None


class Dispatcher:
    """Turns a ``WireRequest`` into a ``WireResponse`` against one ``Store``."""

    def __init__(self, store: Store, account_id: str = DEFAULT_ACCOUNT_ID) -> None:
        self.store = store
        self.account_id = account_id
        self.recorder = Recorder()
        self.faults = Faults()
        self.strict_output = os.environ.get("CASES_MOCK_STRICT_OUTPUT") == "1"
        service_model()  # a botocore too old to mock fails here (activation, server start)
        load_all()

    def account_of(self, access_key_id: str | None) -> str:
        """A 12-digit access key id names the account (as in moto); else the mock's account."""
        if access_key_id and _ACCOUNT_KEY.match(access_key_id):
            return access_key_id
        return self.account_id

    def dispatch(self, request: WireRequest) -> WireResponse:
        request_id = str(uuid.uuid4())
        seen = _Seen()
        try:
            response = self._dispatch(request, request_id, seen)
        except CasesError as error:
            response = error_response(error, request_id)
            seen.error = error
        except Exception:  # a bug in the mock must never escape into the caller's stack
            log.exception("cases_mock: unexpected error handling %s %s", request.method, request.path)
            seen.error = InternalServerException("cases_mock hit an unexpected error; see its log")
            response = error_response(seen.error, request_id)
        self.recorder.record(
            RecordedCall(
                operation=seen.operation,
                params=seen.params,
                status=response.status,
                account=seen.account or self.account_id,
                region=seen.region or region_of(request),
                time=self.store.clock.now(),
                output=seen.output,
                error_code=seen.error.code if seen.error else None,
                error_message=seen.error.message if seen.error else None,
                method=request.method,
                path=request.path,
            )
        )
        return response

    def _dispatch(self, request: WireRequest, request_id: str, seen: _Seen) -> WireResponse:
        op, labels = resolve(request.method, request.path)
        seen.operation = op.name
        access_key = access_key_of(request)
        seen.account = account = self.account_of(access_key)
        seen.region = region = region_of(request)
        if self.faults.rules:
            injected = self.faults.fire(op.name)
            if injected is not None:
                raise injected
        self.store.limits.take(account, region, op.name)  # opt-in rate quotas (limits.py)
        params = parse(op, request, labels)
        seen.params = params
        validate(op.input_shape, params)
        handler = HANDLERS.get(op.name)
        if handler is None:
            raise UnsupportedOperationException(f"cases_mock does not support {op.name} yet")
        call = Call(
            operation=op.name,
            backend=self.store.backend(account, region),
            account=account,
            region=region,
            request_id=request_id,
            access_key_id=access_key,
        )
        output = handler(call, params)
        if self.strict_output:
            self._check_output(op.name, op.output_shape, output)
        response = success_response(op, output, request_id)
        seen.output = output
        return response

    @staticmethod
    def _check_output(name: str, shape: Any, output: dict[str, Any]) -> None:
        if shape is None:
            return
        found = problems(shape, output)
        if found:
            raise RuntimeError(f"{name} produced output outside its shape: {found}")
