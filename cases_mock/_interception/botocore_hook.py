"""The ways a request reaches the dispatcher in-process, and how they are switched on and off.

* botocore: one handler on ``before-send.<service>`` for each mocked service the registry names
  (``before-send.connectcases``), added to ``BUILTIN_HANDLERS`` when this
  module is imported (so every session made afterwards has it) and inert until a mock is active.
  botocore runs service-specific handlers before generic ones, so it answers before moto's
  catch-all ``before-send`` handler. botocore's real serialiser, signer and parser all run.
* botocore, faster: ``before-call.<service>`` answers a successful call before botocore
  signs it, with the parsed response built from the handler's output (``fast_path.py``);
  errors, retries and the switches there take the path above.
* botocore clients whose session predates the import: while active, ``Endpoint._send`` of
  endpoints with a mocked prefix (``cases``) is answered too (``AioEndpoint._send`` for aiobotocore),
  and the before-call way in is added to such a client's own event emitter on its first call
  (``BaseClient._make_api_call``) and to boto3's default session when it predates the import.
* ``requests``: ``requests_adapter.CasesAdapter`` for URLs on a Connect Cases host.
* Which requests are answered: those to a mocked service's host of any form (``hosts.py``); a
  client given a custom, non-AWS ``endpoint_url`` in code (a running ``cases-mock serve``, say)
  is left alone unless the mock was made with ``any_endpoint=True``. A client made while active
  whose endpoint comes from the environment or the shared config file gets the AWS host instead,
  with a warning (``configured_endpoint.py``).
* Credentials: while active, a botocore session that has none cached gets fake ones (never
  cached, so nothing is left behind); the environment is not touched. A client made with no
  credentials at all (before activation) is not signed rather than failing.

Every patch is undone exactly on stop (``patches.Patch``), and inert while no mock is active.
"""

from __future__ import annotations

import sys
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import botocore.args
import botocore.client
import botocore.credentials
import botocore.endpoint
import botocore.handlers
import botocore.session
import botocore.signers
from botocore.awsrequest import AWSPreparedRequest, AWSResponse
from botocore.validate import ParamValidationDecorator

from cases_mock._engine.wire import WireRequest, WireResponse, body_bytes, wire_request
from cases_mock._interception import configured_endpoint
from cases_mock._interception.aiobotocore_hook import AioInterception, answer_later, called_by_async_emitter
from cases_mock._interception.fast_path import (
    CLIENT_CALLS,
    PARAMS_EVENT_PREFIX,
    aws_response,
    botocore_validated,
    called_by,
    given_by,
    keep_params,
    parsed_answer,
    render,
    take_pending,
    wire_request_of,
)
from cases_mock._interception.fast_path import EVENT_PREFIX as FAST_EVENT_PREFIX
from cases_mock._interception.patches import Patch
from cases_mock._protocol.hosts import is_mocked_url, service_of_host
from cases_mock._services import registry

HOOK_EVENT_PREFIX = "before-send"
HOOK_ID = "cases_mock.before_send"
# one (event, unique id) a mocked service: botocore keeps one handler a unique id, whatever the event
HOOK_EVENTS = tuple((f"{HOOK_EVENT_PREFIX}.{s.name}", f"{HOOK_ID}.{s.name}") for s in registry.services())
FAKE_ACCESS_KEY = "CASESMOCKACCESSKEY"
_FAKE_KEYS = (FAKE_ACCESS_KEY, "cases-mock-secret-access-key")
FAKE_CREDENTIALS = botocore.credentials.Credentials(*_FAKE_KEYS, method="cases-mock")

if TYPE_CHECKING:
    from cases_mock._engine.activations import Activations
    from cases_mock._engine.engine import Engine

Answer = Callable[[WireRequest], WireResponse]

# The one reference every hook consults: the engine the in-process mocks of this process share
# (made on the first start, activation.py). It answers while its stack of activations is not
# empty; nothing else here holds state.
_engine: Engine | None = None


def shared_engine() -> Engine:
    """The engine of the in-process mocks (made, with the model and handlers, on first use)."""
    global _engine
    if _engine is None:
        from cases_mock._engine.engine import Engine

        _engine = Engine()
    return _engine


def current_engine() -> Engine | None:
    """The engine of the in-process mocks, or None before the first start (nothing made)."""
    return _engine


def _answering() -> Engine | None:
    engine = _engine
    return engine if engine is not None and engine.activations.answering else None


def answers(url: str, service: str | None = None) -> bool:
    """Whether a botocore request to ``url`` (for ``service``, a botocore name, if known; else
    the service its host names) is answered now: not for a service every active mock leaves alone."""
    engine = _answering()
    if engine is None or not (engine.activations.any_endpoint or is_mocked_url(url)):
        return False
    left_alone = engine.activations.left_alone
    if left_alone:
        if service is None:
            found = service_of_host(urlsplit(url).netloc)
            service = found[0].name if found else None
        return service not in left_alone
    return True


def _service_named(event_name: str | None) -> str | None:
    """The service of an event (``before-send.customer-profiles.ListDomains``): its hyphenated
    service id, which is the botocore name for every registered service."""
    parts = (event_name or "").split(".")
    return parts[1] if len(parts) > 1 else None


def _answer_for(url: str, service: str | None = None) -> Answer | None:
    """The answer function for a request to ``url`` now, or None if it is not answered."""
    engine = _answering()
    return engine.dispatch if engine is not None and answers(url, service) else None


def _answer_botocore(request: AWSPreparedRequest, service: str | None = None) -> AWSResponse | None:
    url = str(request.url)
    engine = _answering()
    if engine is None or not answers(url, service):
        return None
    answered = take_pending(engine.activations.handoff, url, body_bytes(request.body))
    if answered is None:
        answered = engine.dispatch(wire_request(request.method or "GET", url, request.headers, request.body))
    return aws_response(url, answered)


def before_send(request: AWSPreparedRequest, event_name: str | None = None, **_: Any) -> Any:
    """The ``before-send.<service>`` handler: answers while a mock is active."""
    service = _service_named(event_name)
    # aiobotocore hook (intercept_aio.py): its emitter awaits the answer; decided before dispatch
    if called_by_async_emitter(sys._getframe(1)):
        answer = _answer_for(str(request.url), service)
        if answer is None:
            return None
        return answer_later(answer, request.method or "GET", str(request.url), request.headers, request.body)
    return _answer_botocore(request, service)


def before_call(model: Any, params: dict[str, Any], request_signer: Any, **_: Any) -> Any:
    """The ``before-call.<service>`` handler: answers a successful call before signing
    (``fast_path.py``); an error answer waits for the first attempt's ``before-send``."""
    engine = _engine
    if engine is None:
        return None
    activations = engine.activations
    handoff = activations.handoff
    handoff.key = handoff.answer = None
    if not activations.answering or not activations.fast:
        return None
    if type(request_signer).__module__.startswith("aiobotocore"):
        return None
    url = str(params.get("url", ""))
    if not answers(url, model.service_model.service_name):
        return None
    answered = engine.dispatcher.answer(
        wire_request_of(params, request_signer),
        render,
        given_by(model, params),
        called_by(model, params),
        botocore_validated=botocore_validated(params),
    )
    if isinstance(answered, WireResponse):  # a modeled error
        handoff.key, handoff.answer = (url, body_bytes(params["body"])), answered
        return None
    return parsed_answer(model, params, answered, request_signer._event_emitter)


# (event, handler, unique id) of the before-call way in, one pair a mocked service
FAST_EVENTS = tuple(
    (f"{prefix}.{s.name}", handler, f"cases_mock.{prefix}.{s.name}")
    for s in registry.services()
    for prefix, handler in ((FAST_EVENT_PREFIX, before_call), (PARAMS_EVENT_PREFIX, keep_params))
)
HANDLERS = tuple((event, before_send) for event, _ in HOOK_EVENTS) + tuple(
    (event, handler) for event, handler, _ in FAST_EVENTS
)
botocore.handlers.BUILTIN_HANDLERS.extend(HANDLERS)  # copied into every session made from now on


def has_fast_path(events: Any, service: str) -> bool:
    """Whether a client's (or session's) event emitter has the before-call handler for
    ``service`` (True for an emitter this cannot read: it is left as it is)."""
    emitter = getattr(events, "_emitter", events)
    try:
        found = emitter._handlers.prefix_search(f"{FAST_EVENT_PREFIX}.{service}")
    except AttributeError:
        return True
    return before_call in found


def add_fast_path(events: Any, service: str | None = None) -> bool:
    """Registers the before-call way in on ``events`` (for ``service``, else every mocked
    service) where it is missing; True if it registered anything."""
    names = [s.name for s in registry.services()] if service is None else [service]
    missing = {name for name in names if not has_fast_path(events, name)}
    for event, handler, unique_id in FAST_EVENTS:
        if event.split(".", 1)[1] in missing:
            events.register(event, handler, unique_id=unique_id)
    return bool(missing)


def _default_session_now() -> Any:
    boto3 = sys.modules.get("boto3")
    return getattr(boto3, "DEFAULT_SESSION", None) if boto3 is not None else None


# Only a default session made before this import lacks the builtin handler; hooking one made
# afterwards would register ``before_send`` twice and answer every request twice.
_PREDATING = _default_session_now()
_PREDATING_DEFAULT_SESSION = weakref.ref(_PREDATING) if _PREDATING is not None else None
del _PREDATING


def _endpoint_send(original: Any) -> Any:
    def _send(endpoint: botocore.endpoint.Endpoint, request: AWSPreparedRequest) -> Any:
        service = registry.by_prefix(getattr(endpoint, "_endpoint_prefix", None))
        if service is not None:
            answered = _answer_botocore(request, service.name)
            if answered is not None:
                return answered
        return original(endpoint, request)

    return _send


def _signer_sign(original: Any) -> Any:
    def sign(signer: Any, operation_name: str, request: Any, *args: Any, **kwargs: Any) -> Any:
        service = registry.by_prefix(signer._signing_name) if signer._credentials is None else None
        if service is not None and answers(str(getattr(request, "url", "")), service.name):
            return None
        return original(signer, operation_name, request, *args, **kwargs)

    return sign


def _session_credentials(original: Any) -> Any:
    def get_credentials(session: Any, *args: Any, **kwargs: Any) -> Any:
        if _answering() is not None and getattr(session, "_credentials", None) is None:
            return FAKE_CREDENTIALS  # not cached: the session resolves its own after stop
        return original(session, *args, **kwargs)

    return get_credentials


def _client_call(original: Any, seen: weakref.WeakSet[Any]) -> Any:
    """``BaseClient._make_api_call``: a client whose event emitter was copied from a session made
    before the import (or from boto3's default session before it was hooked) gets the before-call
    way in on its first call while a mock is active; while one is, each call says (for its
    duration, on its thread: ``fast_path.CLIENT_CALLS``) whether its client validates parameters.
    With no mock active every call goes straight on."""

    def _make_api_call(client: Any, operation_name: str, api_params: Any) -> Any:
        if _answering() is None:
            return original(client, operation_name, api_params)
        events = client.meta.events
        if events not in seen:
            seen.add(events)
            service = client.meta.service_model.service_name
            if registry.by_name(service) is not None:
                add_fast_path(events, service)
        calls = CLIENT_CALLS
        outer = calls.validating
        calls.validating = isinstance(getattr(client, "_serializer", None), ParamValidationDecorator)
        try:
            return original(client, operation_name, api_params)
        finally:
            calls.validating = outer

    return _make_api_call


def _configured_endpoints_ignored(original: Any) -> Any:
    def ignored() -> Activations | None:
        engine = _answering()
        return engine.activations if engine is not None and not engine.activations.any_endpoint else None

    return configured_endpoint.compute_client_args(original, ignored)


class Interception:
    """Switches every way in on (``install``) and back off exactly (``uninstall``); what
    answers, and for which endpoints, is read from the engine's activations on each request."""

    def __init__(self) -> None:
        seen: weakref.WeakSet[Any] = weakref.WeakSet()  # the client emitters already looked at
        self._patches = [
            (Patch(botocore.endpoint.Endpoint, "_send"), _endpoint_send),
            (Patch(botocore.signers.RequestSigner, "sign"), _signer_sign),
            (Patch(botocore.session.Session, "get_credentials"), _session_credentials),
            (Patch(botocore.args.ClientArgsCreator, "compute_client_args"), _configured_endpoints_ignored),
            (
                Patch(botocore.client.BaseClient, "_make_api_call"),
                lambda original: _client_call(original, seen),
            ),
        ]
        self._requests_patch: Patch | None = None
        self._default_session_events: Any = None
        # aiobotocore hook (intercept_aio.py): fake credentials for an AioSession too
        self._aio = AioInterception(lambda: _answering() is not None, _answer_for, *_FAKE_KEYS)

    def install(self) -> None:
        for patch, make in self._patches:
            patch.apply(make)
        self._patch_requests()
        self._hook_default_session()
        self._aio.install()

    def uninstall(self) -> None:
        self._aio.uninstall()
        self._unhook_default_session()
        if self._requests_patch is not None:
            self._requests_patch.undo()
            self._requests_patch = None
        for patch, _ in reversed(self._patches):
            patch.undo()

    # -- requests ------------------------------------------------------------------------------
    def _patch_requests(self) -> None:
        # Imported on first activation, not with cases_mock: requests costs ~30 ms to import.
        import requests

        from cases_mock._interception.requests_adapter import CasesAdapter, adapter_chooser

        def answer_if_active(request: WireRequest) -> WireResponse | None:
            engine = _answering()
            return engine.dispatch(request) if engine is not None else None

        adapter = CasesAdapter(answer_if_active)
        patch = Patch(requests.Session, "get_adapter")
        patch.apply(lambda original: adapter_chooser(original, adapter, lambda: _answering() is not None))
        self._requests_patch = patch

    # -- a default session that predates the import --------------------------------------------
    def _hook_default_session(self) -> None:
        import boto3

        session: Any = boto3.DEFAULT_SESSION
        predating = _PREDATING_DEFAULT_SESSION() if _PREDATING_DEFAULT_SESSION is not None else None
        if predating is None or session is not predating:
            return
        events = predating._session.get_component("event_emitter")
        for event, unique_id in HOOK_EVENTS:
            events.register(event, before_send, unique_id=unique_id)
        add_fast_path(events)  # every client made from it while active: the before-call way in
        self._default_session_events = events

    def _unhook_default_session(self) -> None:
        if self._default_session_events is not None:
            for event, unique_id in HOOK_EVENTS:
                self._default_session_events.unregister(event, unique_id=unique_id)
            for event, _, unique_id in FAST_EVENTS:
                self._default_session_events.unregister(event, unique_id=unique_id)
            self._default_session_events = None
