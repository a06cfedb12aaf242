"""aiobotocore and aioboto3 in-process: the adapter between their ``before-send`` and the dispatcher.

An aiobotocore session registers botocore's ``BUILTIN_HANDLERS`` like any other, so
``intercept.before_send`` is called for its requests too, but by aiobotocore's coroutine
emitter, which awaits what a handler returns and then awaits ``response.content``. So
``intercept.before_send`` asks ``called_by_async_emitter`` first, before anything is dispatched,
and for such a request returns ``answer_later(...)``: a coroutine that makes the same
``WireRequest``, calls the same ``Dispatcher.dispatch`` once awaited, and returns aiobotocore's own
``AioAWSResponse`` (``content`` awaitable; the same class in aiobotocore 2.x and 3.x). The client's
own parser, error factory, retry handler and paginators then run as against AWS.

While a mock is active, an ``AioSession`` that has no credentials gets fake ``AioCredentials``
(never cached, as for botocore sessions in ``intercept.py``), and ``AioEndpoint._send`` answers
requests to a Cases endpoint, for sessions made before ``import cases_mock`` (which lack the
``before-send`` handler), as ``Endpoint._send`` does for botocore. aiobotocore is imported only when
installed, on the first activation.
"""

from __future__ import annotations

import importlib.util
import inspect
from collections.abc import Callable, Coroutine
from types import FrameType
from typing import Any

from cases_mock._engine.wire import WireRequest, WireResponse, wire_request
from cases_mock._interception.patches import Patch
from cases_mock._services import registry

Answer = Callable[[WireRequest], WireResponse]


def called_by_async_emitter(emitter_frame: FrameType | None) -> bool:
    """Whether the frame that called a hook is a coroutine: aiobotocore's emitter (``_emit`` is
    ``async def`` there and awaits each handler's result), never botocore's."""
    return emitter_frame is not None and bool(emitter_frame.f_code.co_flags & inspect.CO_COROUTINE)


class _AsyncRaw:
    """The ``raw`` of an ``AioAWSResponse``: aiobotocore awaits ``raw.read()`` for the content."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    async def read(self, *_: Any) -> bytes:
        body, self._body = self._body, b""
        return body


def answer_later(answer: Answer, method: str, url: str, headers: Any, body: Any) -> Coroutine[Any, Any, Any]:
    """What ``before-send`` returns to aiobotocore. The response class is resolved here, before
    the call is dispatched, so a failure to build it never leaves a call half-applied."""
    from aiobotocore.awsrequest import AioAWSResponse

    request = wire_request(method, url, headers, body)

    async def answered() -> Any:
        response = answer(request)
        return AioAWSResponse(url, response.status, response.headers, _AsyncRaw(response.body))

    return answered()


def _session_credentials(fake: Any, active: Callable[[], bool]) -> Callable[[Any], Any]:
    def patched(original: Any) -> Any:
        async def get_credentials(session: Any, *args: Any, **kwargs: Any) -> Any:
            if active() and getattr(session, "_credentials", None) is None:
                return fake  # not cached: the session resolves its own after stop
            return await original(session, *args, **kwargs)

        return get_credentials

    return patched


def _endpoint_send(answer_for: Callable[[str], Answer | None]) -> Callable[[Any], Any]:
    """``AioEndpoint._send`` for sessions made before ``import cases_mock`` (they lack the
    ``before-send`` handler): a request to a mocked service's endpoint is answered here instead."""

    def patched(original: Any) -> Any:
        async def _send(endpoint: Any, request: Any) -> Any:
            if registry.by_prefix(getattr(endpoint, "_endpoint_prefix", None)) is not None:
                url = str(request.url)
                answer = answer_for(url)
                if answer is not None:
                    return await answer_later(
                        answer, request.method or "GET", url, request.headers, request.body
                    )
            return await original(endpoint, request)

        return _send

    return patched


class AioInterception:
    """The aiobotocore-only patches, applied with the botocore ones and undone with them."""

    def __init__(
        self,
        active: Callable[[], bool],
        answer_for: Callable[[str], Answer | None],
        access_key: str,
        secret_key: str,
    ) -> None:
        self._active = active
        self._answer_for = answer_for
        self._keys = (access_key, secret_key)
        self._patches: list[Patch] = []

    def install(self) -> None:
        if importlib.util.find_spec("aiobotocore") is None:
            return
        import aiobotocore.endpoint
        import aiobotocore.session
        from aiobotocore.credentials import AioCredentials

        fake = AioCredentials(*self._keys, method="cases-mock")
        credentials = Patch(aiobotocore.session.AioSession, "get_credentials")
        credentials.apply(_session_credentials(fake, self._active))
        send = Patch(aiobotocore.endpoint.AioEndpoint, "_send")
        send.apply(_endpoint_send(self._answer_for))
        self._patches = [credentials, send]

    def uninstall(self) -> None:
        for patch in reversed(self._patches):
            patch.undo()
        self._patches = []
