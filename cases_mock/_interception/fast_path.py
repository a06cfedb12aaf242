"""The before-call way in: answer a boto3 call before botocore signs it or builds HTTP objects.

botocore emits ``before-call.<service>.<Operation>`` (``before-call.connectcases.CreateCase``)
with the serialised request dict (method, url, headers, body) once per call, before signing; its
own ``Stubber`` answers there too. This handler builds the same ``WireRequest`` the
``before-send`` path would (the account and region from the request signer's credentials and
region instead of a signature) and gives it to the dispatcher's ``answer`` with botocore's own
parameters (kept from ``before-parameter-build``), which it takes instead of parsing the body
back (``_protocol/params.py``: the same values the parser gives), saying whether botocore's
``ParamValidator`` ran on them (then only the checks it does not make run:
``_protocol/validation_plan.py``), and with :func:`render`: a
success becomes botocore's parsed response directly (``_protocol/parsed.py``, exactly what
botocore's parser makes of the bytes the full path receives), with no JSON read back. The caller
gets what the full path gives: datetimes, ``ResponseMetadata``, and the ``before-parse``,
``response-received``, ``needs-retry`` and ``after-call`` handlers still run, on a response dict
and HTTP response carrying the bytes the full path would have received (written only when read, never parsed).

An error answer (status >= 300) is not returned here: the call goes on along botocore's normal
send path, where the answer already computed is handed to the ``before-send`` hook for the first
attempt (the operation never runs twice), so botocore's retry handler, the user's retry
configuration and botocore's error parsing behave exactly as on the full path.

Not used (the full path is) for aiobotocore clients, and when forced with
``mock_connectcases(full_path=True)`` or ``CASES_MOCK_FULL_PATH=1`` (for users whose own handlers
hook ``before-send``, ``before-sign`` or ``before-parse``). A client whose session predates the
import gets the handlers on its first call while a mock is active (``botocore_hook.py``).
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from botocore.awsrequest import AWSResponse, HeadersDict
from botocore.endpoint import convert_to_response_dict
from botocore.model import OperationModel
from botocore.parsers import create_parser

from cases_mock._engine.activations import Handoff
from cases_mock._engine.wire import WireRequest, WireResponse, body_bytes
from cases_mock._interception.retry_success import settled

if TYPE_CHECKING:
    from cases_mock._engine.dispatch import Called, Given

EVENT_PREFIX = "before-call"  # the handler is registered on before-call.<service> for each mocked one
PARAMS_EVENT_PREFIX = "before-parameter-build"  # where botocore's parameters are kept for it
_PARAMS = "cases_mock.params"  # their key in the call's context (botocore's request_context)
_VALIDATED = "cases_mock.botocore_validated"  # whether botocore's ParamValidator runs on them


class ClientCalls(threading.local):
    """Whether the innermost boto3 call running on this thread is made by a client whose
    serialiser validates its parameters (botocore's ``ParamValidationDecorator``: its
    ``parameter_validation`` on, from ``Config`` or the config file), set around each call by
    ``botocore_hook``'s ``_make_api_call`` patch while a mock answers. The client's
    ``meta.config.parameter_validation`` cannot say: botocore does not copy it there."""

    validating: bool = False


CLIENT_CALLS = ClientCalls()


def keep_params(params: dict[str, Any], context: dict[str, Any] | None = None, **_: Any) -> None:
    """The ``before-parameter-build.<service>`` handler: keeps the call's parameters (the dict
    botocore serialises, which its own handlers there fill in place: an idempotency token) in
    the call's context, which ``before-call`` receives too, with whether botocore validates
    them before it serialises them."""
    if context is not None:
        context[_PARAMS] = params
        context[_VALIDATED] = CLIENT_CALLS.validating


def botocore_validated(params: dict[str, Any]) -> bool:
    """Whether botocore's ``ParamValidator`` ran on the parameters ``given_by`` takes."""
    return bool(params.get("context", {}).get(_VALIDATED))


@cache
def _params_given() -> Callable[[OperationModel, dict[str, Any], dict[str, str]], dict[str, Any] | None]:
    """``params.given``, loaded with the first call, once (an import statement in ``given_by``
    would cost some 8 k instructions a call)."""
    from cases_mock._protocol.params import given

    return given


def given_by(model: OperationModel, params: dict[str, Any]) -> Given | None:
    """What the dispatcher takes instead of parsing the request botocore made (``params.py``):
    botocore's parameters, for the operation botocore called and no other."""
    kept = params.get("context", {}).get(_PARAMS)
    if kept is None:
        return None
    params_given = _params_given()
    name, service = model.name, model.service_model.service_name

    def given(op: OperationModel, labels: dict[str, str]) -> dict[str, Any] | None:
        if op.name != name or op.service_model.service_name != service:
            return None
        return params_given(op, kept, labels)

    return given


def called_by(model: OperationModel, params: dict[str, Any]) -> Called | None:
    """What the dispatcher routes by instead of matching the request's path where that gives the
    same (``router.by_name``): the operation botocore called, its parameters and the path it
    rendered from them."""
    kept = params.get("context", {}).get(_PARAMS)
    rendered = params.get("url_path")
    if kept is None or type(rendered) is not str:
        return None
    return model, kept, rendered


def take_pending(handoff: Handoff, url: str, body: bytes) -> WireResponse | None:
    """The answer computed for this request at before-call (the engine's per-thread
    ``handoff``), once; else None."""
    if handoff.key is None or handoff.key != (url, body):
        return None
    answer = handoff.answer
    handoff.key = handoff.answer = None
    return answer


class RawBody(io.BytesIO):
    """The ``raw`` of an ``AWSResponse``: botocore reads it through ``stream()``."""

    def stream(self, **_: Any) -> Iterator[bytes]:
        contents = self.read()
        while contents:
            yield contents
            contents = self.read()


def aws_response(url: str, answer: WireResponse) -> AWSResponse:
    return AWSResponse(url, answer.status, answer.headers, RawBody(answer.body))


class LazyBody(RawBody):
    """A ``RawBody`` written on first read: the before-call path's bytes, for whoever reads them."""

    def __init__(self, write: Callable[[], bytes]) -> None:
        super().__init__()
        self._pending: Callable[[], bytes] | None = write

    def _written(self) -> None:
        if self._pending is not None:
            write, self._pending = self._pending, None
            self.write(write())
            self.seek(0)

    def read(self, size: int | None = -1) -> bytes:
        self._written()
        return super().read(size)

    def getvalue(self) -> bytes:
        self._written()
        return super().getvalue()


class LazyResponse(AWSResponse):  # type: ignore[misc]
    """An ``AWSResponse`` whose ``headers`` (botocore's ``HeadersDict``) are made on first read:
    the before-call path's HTTP response, which most calls hand to no handler that reads them."""

    def __init__(self, url: str, status_code: int, headers: dict[str, str], raw: Any) -> None:
        self.url, self.status_code, self.raw = url, status_code, raw
        self._written_headers: dict[str, str] = headers
        self._headers: HeadersDict | None = None
        self._content = None

    @property
    def headers(self) -> HeadersDict:
        if self._headers is None:
            self._headers = HeadersDict(self._written_headers)
        return self._headers

    @headers.setter
    def headers(self, value: HeadersDict) -> None:
        self._headers = value


@dataclass(slots=True)
class Success:
    """A success answered at before-call: the status, headers and body (written on demand) the
    full path would receive, and what botocore's parser makes of them (built from the handler's
    output, not from the body)."""

    status: int
    headers: dict[str, str]
    write: Callable[[], bytes]
    parsed: dict[str, Any]


@cache
def _renderers() -> tuple[Callable[..., Any], Callable[..., Any] | None]:
    """The serialiser's ``success_parts`` and the converter (None where it does not match the
    installed botocore's parser), loaded with the first call, not with ``import cases_mock``
    (once: an import statement in the function would cost some 8 k instructions a call)."""
    from cases_mock._protocol.parsed import holds_for_installed_botocore, parsed_response
    from cases_mock._protocol.serialize import success_parts

    return success_parts, parsed_response if holds_for_installed_botocore() else None


def render(op: OperationModel, output: dict[str, Any], request_id: str) -> Success:
    """The engine's ``answer`` renders a success with this on the before-call path: parsed from
    the handler's output directly where the converter matches the installed botocore's parser,
    else by that parser from the written bytes."""
    success_parts, parsed_response = _renderers()
    status, headers, write = success_parts(op, output, request_id)
    if parsed_response is not None:
        return Success(status, headers, write, parsed_response(op, output, request_id))
    wire = WireResponse(status, headers, write())
    response_dict = convert_to_response_dict(aws_response("", wire), op)
    parsed = create_parser(op.metadata["protocol"]).parse(response_dict, op.output_shape)
    return Success(status, headers, lambda: wire.body, parsed)


def _signer_of(request_signer: Any) -> tuple[str | None, str]:
    credentials = getattr(request_signer, "_credentials", None)
    key = credentials.access_key if credentials is not None else None
    return key, str(getattr(request_signer, "_region_name", "") or "")


def wire_request_of(params: dict[str, Any], request_signer: Any) -> WireRequest:
    parts = urlsplit(params["url"])
    return WireRequest(
        method=params["method"],
        path=parts.path or "/",
        query=parts.query,
        headers={name.lower(): value for name, value in params["headers"].items()},
        body=body_bytes(params["body"]),
        host=parts.netloc,
        signer=_signer_of(request_signer),
    )


def parsed_answer(
    model: Any, params: dict[str, Any], success: Success, events: Any
) -> tuple[AWSResponse, dict[str, Any]]:
    """``success`` as botocore's full path returns it, the HTTP response and the parsed dict, with
    the events that path emits after a response arrives (``before-parse``, ``response-received``,
    ``needs-retry``) emitted on the client's own emitter, so its handlers (the retry handler's
    ``MaxAttemptsReached``, say) see and shape the same thing: ``RetryAttempts`` is set only after
    them, as botocore's endpoint does. An event nobody listens to is not emitted, ``needs-retry``
    with only botocore's retry handlers listening is replaced by what they do to a success
    (``retry_success.py``), and the body is written only for a handler that reads it
    (``LazyBody``)."""
    http = LazyResponse(str(params["url"]), success.status, success.headers, LazyBody(success.write))
    suffix = f"{model.service_model.service_id.hyphenize()}.{model.name}"
    parsed = success.parsed
    parsed["ResponseMetadata"].pop("RetryAttempts", None)
    before_parse, received = f"before-parse.{suffix}", f"response-received.{suffix}"
    if _listened(events, before_parse) or _listened(events, received):
        response_dict = convert_to_response_dict(http, model)
        customized: dict[str, Any] = {}
        events.emit(
            before_parse,
            operation_model=model,
            response_dict=response_dict,
            customized_response_dict=customized,
        )
        parsed.update(customized)
        context = params.get("context", {})
        events.emit(
            received, exception=None, response_dict=response_dict, parsed_response=parsed, context=context
        )
    retry_event = f"needs-retry.{suffix}"
    retry_handlers = _handlers(events, retry_event)
    settled_by = None
    if retry_handlers is not None:
        settled_by = settled(
            retry_handlers, success.status, success.headers, parsed, params.get("context", {})
        )
    if settled_by is None:
        events.emit(
            retry_event,
            response=(http, parsed),
            endpoint=None,
            operation=model,
            attempts=1,
            caught_exception=None,
            request_dict=params,
        )  # a success is never retried: what the handlers return does not matter
    else:  # only botocore's retry handlers listen: what they would do, done (retry_success.py)
        parsed["ResponseMetadata"].update(settled_by)
    parsed.setdefault("ResponseMetadata", {})["RetryAttempts"] = 0
    return http, parsed


def _handlers(events: Any, name: str) -> Any:
    """The handlers registered for the event ``name`` on a client's emitter (looked up as
    botocore's emitter does, through its lookup cache); None for an emitter this cannot read."""
    emitter = getattr(events, "_emitter", None)
    cache = getattr(emitter, "_lookup_cache", None)
    trie = getattr(emitter, "_handlers", None)
    if not isinstance(cache, dict) or trie is None:
        return None
    handlers = cache.get(name)
    if handlers is None:
        handlers = cache[name] = trie.prefix_search(name)
    return handlers


def _listened(events: Any, name: str) -> bool:
    """Whether any handler is registered for the event ``name`` (True for an emitter this
    cannot read)."""
    handlers = _handlers(events, name)
    return handlers is None or bool(handlers)
