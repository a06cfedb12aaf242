"""The ways a request reaches the dispatcher in-process, and how they are switched on and off.

* botocore: one handler on ``before-send.connectcases``, added to ``BUILTIN_HANDLERS`` when this
  module is imported (so every session made afterwards has it) and inert until a mock is active.
  botocore runs service-specific handlers before generic ones, so it answers before moto's
  catch-all ``before-send`` handler. botocore's real serialiser, signer and parser all run.
* botocore clients whose session predates the import: while active, ``Endpoint._send`` of
  endpoints with prefix ``cases`` is answered too (restored exactly on stop).
* ``requests``: a private ``responses.RequestsMock`` for ``cases.*`` hosts only, chaining any
  other request to whatever ``HTTPAdapter.send`` was when the mock started.
* A client made with no credentials at all (before the fake ones were set) is not signed,
  rather than failing with NoCredentialsError: ``RequestSigner.sign`` is wrapped while active.
* Fake credentials in the environment while active, restored exactly afterwards.
"""

from __future__ import annotations

import io
import os
import re
import sys
import weakref
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import botocore.endpoint
import botocore.handlers
import botocore.signers
from botocore.awsrequest import AWSPreparedRequest, AWSResponse

from .wire import WireRequest, WireResponse

if TYPE_CHECKING:
    import responses

HOOK_EVENT = "before-send.connectcases"
HOOK_ID = "cases_mock.before_send"
CASES_URL = re.compile(r"^https?://cases(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?(?::\d+)?(?:/.*)?$")
FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "CASESMOCKACCESSKEY",
    "AWS_SECRET_ACCESS_KEY": "cases-mock-secret-access-key",
}
CLEARED_VARIABLES = ("AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE")

Answer = Callable[[WireRequest], WireResponse]
_answer: Answer | None = None  # set while a mock is active


class _RawBody(io.BytesIO):
    """The ``raw`` of an ``AWSResponse``: botocore reads it through ``stream()``."""

    def stream(self, **_: Any) -> Iterator[bytes]:
        contents = self.read()
        while contents:
            yield contents
            contents = self.read()


def _body_bytes(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode()
    if hasattr(body, "read"):
        position = body.tell() if hasattr(body, "tell") else None
        data = body.read()
        if position is not None and hasattr(body, "seek"):
            body.seek(position)
        return data if isinstance(data, bytes) else str(data).encode()
    return bytes(body)


def wire_request(method: str, url: str, headers: Any, body: Any) -> WireRequest:
    parts = urlsplit(url)
    return WireRequest(
        method=method.upper(),
        path=parts.path or "/",
        query=parts.query,
        headers=headers,  # case-insensitive already (botocore HTTPHeaders, requests' headers)
        body=_body_bytes(body),
        host=parts.netloc,
    )


def _aws_response(url: str, answer: WireResponse) -> AWSResponse:
    return AWSResponse(url, answer.status, answer.headers, _RawBody(answer.body))


def _answer_botocore(request: AWSPreparedRequest) -> AWSResponse | None:
    answer = _answer
    if answer is None:
        return None
    url = str(request.url)
    return _aws_response(
        url, answer(wire_request(request.method or "GET", url, request.headers, request.body))
    )


def before_send(request: AWSPreparedRequest, **_: Any) -> AWSResponse | None:
    """The ``before-send.connectcases`` handler: answers while a mock is active."""
    return _answer_botocore(request)


botocore.handlers.BUILTIN_HANDLERS.append((HOOK_EVENT, before_send))


def _default_session_now() -> Any:
    boto3 = sys.modules.get("boto3")
    return getattr(boto3, "DEFAULT_SESSION", None) if boto3 is not None else None


# Only a default session made before this import lacks the builtin handler; hooking one made
# afterwards would register ``before_send`` twice and answer every request twice.
_PREDATING = _default_session_now()
_PREDATING_DEFAULT_SESSION = weakref.ref(_PREDATING) if _PREDATING is not None else None
del _PREDATING


class Interception:
    """Switches every way in on (``install``) and back off exactly (``uninstall``)."""

    def __init__(self) -> None:
        self._saved_env: dict[str, str | None] = {}
        self._saved_send: Any = None
        self._saved_sign: Any = None
        self._requests_mock: responses.RequestsMock | None = None
        self._default_session_events: Any = None

    def install(self, answer: Answer) -> None:
        global _answer
        _answer = answer
        self._set_environment()
        self._patch_endpoint_send()
        self._patch_signer()
        self._start_requests_mock(answer)
        self._hook_default_session()

    def uninstall(self) -> None:
        global _answer
        _answer = None
        self._unhook_default_session()
        self._stop_requests_mock()
        self._restore_signer()
        self._restore_endpoint_send()
        self._restore_environment()

    # -- environment -------------------------------------------------------------------------
    def _set_environment(self) -> None:
        names = (*FAKE_CREDENTIALS, *CLEARED_VARIABLES)
        self._saved_env = {name: os.environ.get(name) for name in names}
        for name in CLEARED_VARIABLES:
            os.environ.pop(name, None)
        os.environ.update(FAKE_CREDENTIALS)

    def _restore_environment(self) -> None:
        for name, value in self._saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        self._saved_env = {}

    # -- clients whose session predates the import -----------------------------------------------
    def _patch_endpoint_send(self) -> None:
        original = botocore.endpoint.Endpoint._send
        self._saved_send = original

        def _send(endpoint: botocore.endpoint.Endpoint, request: AWSPreparedRequest) -> Any:
            if getattr(endpoint, "_endpoint_prefix", None) == "cases":
                answered = _answer_botocore(request)
                if answered is not None:
                    return answered
            return original(endpoint, request)

        botocore.endpoint.Endpoint._send = _send

    def _restore_endpoint_send(self) -> None:
        if self._saved_send is not None:
            botocore.endpoint.Endpoint._send = self._saved_send
            self._saved_send = None

    def _patch_signer(self) -> None:
        original = botocore.signers.RequestSigner.sign
        self._saved_sign = original

        def sign(signer: Any, operation_name: str, request: Any, *args: Any, **kwargs: Any) -> Any:
            if _answer is not None and signer._credentials is None and signer._signing_name == "cases":
                return None
            return original(signer, operation_name, request, *args, **kwargs)

        botocore.signers.RequestSigner.sign = sign

    def _restore_signer(self) -> None:
        if self._saved_sign is not None:
            botocore.signers.RequestSigner.sign = self._saved_sign
            self._saved_sign = None

    def _hook_default_session(self) -> None:
        import boto3

        session: Any = boto3.DEFAULT_SESSION
        predating = _PREDATING_DEFAULT_SESSION() if _PREDATING_DEFAULT_SESSION is not None else None
        if predating is None or session is not predating:
            return
        events = predating._session.get_component("event_emitter")
        events.register(HOOK_EVENT, before_send, unique_id=HOOK_ID)
        self._default_session_events = events

    def _unhook_default_session(self) -> None:
        if self._default_session_events is not None:
            self._default_session_events.unregister(HOOK_EVENT, unique_id=HOOK_ID)
            self._default_session_events = None

    # -- requests ------------------------------------------------------------------------------
    def _start_requests_mock(self, answer: Answer) -> None:
        # Imported on first activation, not with cases_mock: requests and responses cost ~45 ms.
        import requests.adapters
        import responses

        mock = responses.RequestsMock(
            assert_all_requests_are_fired=False,
            real_adapter_send=requests.adapters.HTTPAdapter.send,
        )

        def callback(request: Any) -> tuple[int, dict[str, str], bytes]:
            result = answer(wire_request(request.method, request.url, request.headers, request.body))
            return result.status, result.headers, result.body

        for method in ("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"):
            mock.add_callback(method, CASES_URL, callback=callback)
        mock.add_passthru(re.compile(r".*"))
        mock.start()
        self._requests_mock = mock

    def _stop_requests_mock(self) -> None:
        if self._requests_mock is not None:
            self._requests_mock.stop(allow_assert=False)
            self._requests_mock = None
