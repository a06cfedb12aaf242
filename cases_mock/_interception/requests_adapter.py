"""The ``requests`` way in: a transport adapter for mocked services' hosts.

``requests.Session.get_adapter`` is wrapped while a mock is active so that a URL on a mocked
service's host (``hosts.is_mocked_url``) gets ``CasesAdapter``; every other URL gets the adapter
it would have had. Choosing the adapter, rather than patching ``HTTPAdapter.send`` as ``responses``
and moto do, keeps the answer independent of who else patched ``send`` and in which order: moto's
``mock_aws`` started inside or outside the mock, or a user's own ``responses`` mock, never sees a
mocked request, and everything else still reaches them.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from typing import Any

import requests
import requests.adapters
from urllib3.response import HTTPResponse

from cases_mock._engine.wire import WireRequest, WireResponse, wire_request
from cases_mock._protocol.hosts import is_mocked_url

Answer = Callable[[WireRequest], WireResponse | None]


class CasesAdapter(requests.adapters.BaseAdapter):
    """Answers a prepared request from the dispatcher; no socket is ever opened."""

    def __init__(self, answer: Answer) -> None:
        super().__init__()
        self._answer = answer
        self._builder = requests.adapters.HTTPAdapter()  # only its build_response is used

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: Any = True,
        cert: Any = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        answered = self._answer(
            wire_request(request.method or "GET", str(request.url), request.headers, request.body)
        )
        if answered is None:  # the mock stopped between choosing the adapter and sending
            raise requests.ConnectionError("cases_mock is no longer active", request=request)
        raw = HTTPResponse(
            body=io.BytesIO(answered.body),
            headers=answered.headers,
            status=answered.status,
            preload_content=False,
            decode_content=False,
        )
        return self._builder.build_response(request, raw)

    def close(self) -> None:
        self._builder.close()


def adapter_chooser(original: Any, adapter: CasesAdapter, active: Callable[[], bool]) -> Any:
    """A replacement for ``Session.get_adapter`` that picks ``adapter`` for Cases URLs."""

    def get_adapter(session: requests.Session, url: str) -> requests.adapters.BaseAdapter:
        if active() and is_mocked_url(url):
            return adapter
        return original(session, url)  # type: ignore[no-any-return]

    return get_adapter
