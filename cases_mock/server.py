"""``cases-mock serve``: a threaded HTTP server feeding the same dispatcher as the in-process mock
(docs/server.md), for the AWS CLI and every other SDK.

Any region and account (from the host, the SigV4 credential scope and a 12-digit access key id,
as in-process); signatures are not verified. Control endpoints live under ``/_cases_mock/``:
``health`` (GET), ``reset`` (POST), ``state`` (GET exports, POST imports), ``calls`` (GET the
recorded calls, DELETE clears them) and ``faults`` (POST adds one, DELETE clears them).

Bad HTTP never takes the server down: bodies over ``max_body`` bytes, non-JSON bodies and
unknown paths get rest-json errors; half-sent requests time out and dropped connections are
dropped, while other clients keep being served.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

from .backend.store import Store
from .dashboard import Dashboard
from .dispatch import Dispatcher
from .errors import ValidationException
from .faults import Fault
from .protocol.serialize import error_response
from .state_json import export_store, import_store
from .wire import WireRequest, WireResponse

CONTROL = "/_cases_mock/"
DASHBOARD = CONTROL + "ui"
MAX_BODY = 10 * 1024 * 1024
log = logging.getLogger("cases_mock.server")


def _json(status: int, body: Any) -> WireResponse:
    return WireResponse(status, {"Content-Type": "application/json"}, json.dumps(body, default=str).encode())


class CasesServer:
    """A Connect Cases endpoint on ``host:port`` (port 0: a free one), with its own state."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        quiet: bool = False,
        max_body: int = MAX_BODY,
        request_timeout: float = 10.0,
    ) -> None:
        self.store = Store()
        self.dispatcher = Dispatcher(self.store)
        self.dashboard = Dashboard(self.dispatcher)
        self.quiet = quiet
        self.max_body = max_body
        self._thread: threading.Thread | None = None
        self.httpd = ThreadingHTTPServer((host, port), _handler_class(self, request_timeout))
        self.httpd.daemon_threads = True

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> CasesServer:
        """Serves in a background thread (for tests of other clients)."""
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, name="cases-mock-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> CasesServer:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    # -- control endpoints -----------------------------------------------------------------------
    def ui(self, method: str, path: str, query: str, body: bytes) -> WireResponse:
        """The dashboard (cases_mock/dashboard), ``path`` below ``/_cases_mock/ui``."""
        if not path:
            return WireResponse(308, {"Location": DASHBOARD + "/"}, b"")
        return WireResponse(*self.dashboard.handle(method, path, query, body))

    def control(self, method: str, name: str, body: bytes) -> WireResponse:
        recorder, faults = self.dispatcher.recorder, self.dispatcher.faults
        try:
            if (method, name) == ("GET", "health"):
                return _json(200, {"status": "ok"})
            if (method, name) == ("POST", "reset"):
                self.store.reset()
                recorder.clear()
                faults.clear()
                return _json(200, {"reset": True})
            if (method, name) == ("GET", "state"):
                return _json(200, export_store(self.store))
            if (method, name) == ("POST", "state"):
                import_store(self.store, json.loads(body or b"null"))
                return _json(200, {"imported": True})
            if (method, name) == ("GET", "calls"):
                return _json(200, {"calls": [call.as_json() for call in list(recorder.calls)]})
            if (method, name) == ("DELETE", "calls"):
                recorder.clear()
                return _json(200, {"cleared": True})
            if (method, name) == ("POST", "faults"):
                given = json.loads(body or b"{}")
                faults.add(
                    Fault(
                        str(given["operation"]),
                        str(given.get("error", "ThrottlingException")),
                        given.get("times", 1),
                        float(given.get("probability", 1.0)),
                        float(given.get("latency", 0.0)),
                        given.get("message"),
                    )
                )
                return _json(200, {"added": True})
            if (method, name) == ("DELETE", "faults"):
                faults.clear()
                return _json(200, {"cleared": True})
        except (ValueError, KeyError, TypeError) as error:
            return _json(400, {"message": f"bad control request: {error}"})
        return _json(404, {"message": f"no control endpoint {method} {CONTROL}{name}"})


def _handler_class(server: CasesServer, request_timeout: float) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "cases-mock"
        timeout = request_timeout  # a half-sent request is dropped after this many seconds

        def log_message(self, format: str, *args: Any) -> None:
            if not server.quiet:
                sys.stderr.write(f"{self.address_string()} {format % args}\n")

        def _answer(self, response: WireResponse) -> None:
            self.send_response(response.status)
            for name, value in response.headers.items():
                if name.lower() not in ("content-length", "connection"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(response.body)

        def _handle(self) -> None:
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if length < 0 or length > server.max_body:
                self.close_connection = True
                error = ValidationException(f"The request body must be between 0 and {server.max_body} bytes")
                self._answer(error_response(error, "cases-mock-server"))
                return
            body = self.rfile.read(length) if length else b""
            if len(body) < length:  # the client went away mid-body
                self.close_connection = True
                return
            parts = urlsplit(self.path)
            if parts.path == DASHBOARD or parts.path.startswith(DASHBOARD + "/"):
                self._answer(server.ui(self.command, parts.path[len(DASHBOARD) :], parts.query, body))
                return
            if parts.path.startswith(CONTROL):
                self._answer(server.control(self.command, parts.path[len(CONTROL) :].strip("/"), body))
                return
            request = WireRequest(
                method=self.command,
                path=parts.path or "/",
                query=parts.query,
                headers={k.lower(): v for k, v in self.headers.items()},
                body=body,
                host=self.headers.get("Host", ""),
            )
            self._answer(server.dispatcher.dispatch(request))

        def handle_one_request(self) -> None:
            try:
                super().handle_one_request()
            except (ConnectionError, TimeoutError):
                self.close_connection = True

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _handle

    return Handler


def serve(host: str, port: int, *, quiet: bool = False) -> int:
    """Runs until SIGINT or SIGTERM; prints the URL first (flushed, for whoever started us)."""
    server = CasesServer(host, port, quiet=quiet)
    print(f"cases-mock listening on {server.url}", flush=True)

    def stop(signum: int, _frame: FrameType | None) -> None:
        threading.Thread(target=server.httpd.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        server.httpd.serve_forever()
    finally:
        server.httpd.server_close()
    print("cases-mock stopped", flush=True)
    return 0
