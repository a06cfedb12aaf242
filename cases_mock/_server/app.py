"""``CasesServer``: a threaded HTTP/1.1 server feeding the same ``Dispatcher`` as the in-process
mock, with the control endpoints beside it (docs/server.md).

One thread per connection, at most ``max_connections`` at once: a connection beyond the cap
waits up to ``connection_wait`` seconds for a slot in the accept loop (the listen backlog,
``request_queue_size``, holds further ones), then gets a 503 and is closed. Every response goes
out in one write with TCP_NODELAY set, so keep-alive calls never wait for a delayed ACK.
"""

from __future__ import annotations

import logging
import socket
import socketserver
import sys
import threading
import time
from collections.abc import Iterable
from typing import Any

from cases_mock._dashboard import Dashboard
from cases_mock._engine.account_region import check_account_id, default_account_id
from cases_mock._engine.dispatch import route
from cases_mock._engine.engine import Engine
from cases_mock._engine.event_sinks import HttpPutEvents
from cases_mock._engine.recording import DEFAULT_CAPACITY
from cases_mock._engine.wire import WireRequest, WireResponse
from cases_mock._interception.botocore_hook import shared_engine
from cases_mock._server import control, events, index  # noqa: F401 (events registers /_cases_mock/events)
from cases_mock._server.http11 import (
    ClientGone,
    HttpConnection,
    HttpError,
    HttpLimits,
    Request,
    Streamed,
    json_error,
)
from cases_mock._server.persistence import StateFile
from cases_mock._server.security import TOKEN_ENV, Guard, cors_headers

log = logging.getLogger("cases_mock.server")
MAX_CONNECTIONS = 256
_READS = ("Get", "List", "Search", "BatchGet")


class _Listener(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
    request_queue_size = 1024  # the listen backlog

    def __init__(self, host: str, port: int, owner: CasesServer) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.owner = owner
        super().__init__((host, port), _Connection)

    def server_bind(self) -> None:
        if self.address_family == socket.AF_INET6:  # "::" also takes IPv4 where the OS allows
            self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()

    def process_request(self, request: Any, client_address: Any) -> None:
        slots = self.owner.slots
        if not slots.acquire(timeout=self.owner.connection_wait):
            _refuse(request, "the server is at its connection limit; try again", self.owner.limits)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.owner.slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.exception("cases_mock: connection from %s failed", client_address)


def _refuse(sock: socket.socket, message: str, limits: HttpLimits) -> None:
    try:
        sock.settimeout(1.0)
        HttpConnection(sock, limits).send(json_error(503, "ServiceUnavailable", message), None, close=True)
        _close_gently(sock, 0.05)
    except OSError:
        pass
    finally:
        sock.close()


def _close_gently(sock: socket.socket, linger: float) -> None:
    """Half-closes, then reads (and drops) what the client still sends for up to ``linger``
    seconds: closing with unread data makes the kernel send a reset, and the client may then
    lose the error response it was about to read."""
    try:
        sock.shutdown(socket.SHUT_WR)
        sock.settimeout(linger)
        deadline = time.monotonic() + linger
        while time.monotonic() < deadline and sock.recv(65536):
            pass
    except OSError:
        pass


class _Connection(socketserver.BaseRequestHandler):
    server: _Listener

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        owner = self.server.owner
        http = HttpConnection(sock, owner.limits)
        while http.open:
            try:
                request = http.read_request()
            except ClientGone:
                return
            except (TimeoutError, HttpError) as error:
                problem = error if isinstance(error, HttpError) else _TIMEOUT
                self._send(http, json_error(problem.status, problem.code, problem.message), None, close=True)
                _close_gently(sock, 0.5)
                return
            except OSError:
                return
            response = owner.answer(request, self.client_address)
            if not self._send(http, response, request):
                return

    def _send(
        self,
        http: HttpConnection,
        response: WireResponse | Streamed,
        request: Request | None,
        *,
        close: bool = False,
    ) -> bool:
        try:
            http.sock.settimeout(self.server.owner.limits.request_timeout)
            size = http.send(response, request, close=close)
        except OSError:
            return False
        self.server.owner.log_request(self.client_address, request, response.status, size)
        return True


_TIMEOUT = HttpError(408, "RequestTimeout", "the request did not arrive within the request deadline")


class CasesServer:
    """A Connect Cases endpoint on ``host:port`` (port 0: a free one), with its own state.

    ``account_id`` is the account of requests whose access key names none (default:
    ``CASES_MOCK_ACCOUNT_ID``, else ``MOTO_ACCOUNT_ID``, else ``123456789012``); ValueError
    naming where it came from if it is not 12 digits."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        quiet: bool = False,
        limits: HttpLimits | None = None,
        max_connections: int = MAX_CONNECTIONS,
        connection_wait: float = 1.0,
        allow_hosts: Iterable[str] = (),
        allow_origins: Iterable[str] = (),
        control_token: str | None = None,
        record_calls: int = DEFAULT_CAPACITY,
        state_file: str | None = None,
        eventbridge_endpoint: str | None = None,
        account_id: str | None = None,
    ) -> None:
        if max_connections < 1:
            raise ValueError("max_connections must be at least 1")
        # the account of requests whose access key names none: as the in-process mock's
        self.account_id = (
            default_account_id()
            if account_id is None
            else check_account_id(account_id, "CasesServer(account_id=...)")
        )
        self.engine = Engine(self.account_id, record_calls=record_calls)  # this server's whole state
        self.store, self.dispatcher = self.engine.store, self.engine.dispatcher  # parts of it, for the routes
        self.dashboard = Dashboard(self.engine)
        # --eventbridge-endpoint: every case event also goes there with PutEvents (docs/events.md)
        self.forwarder = HttpPutEvents(eventbridge_endpoint) if eventbridge_endpoint else None
        if self.forwarder is not None:
            self.engine.publisher.sinks.append(self.forwarder)
        self.quiet = quiet
        self.limits = limits or HttpLimits()
        self.slots = threading.BoundedSemaphore(max_connections)
        self.max_connections = max_connections
        self.connection_wait = connection_wait
        self.guard = Guard(
            bound_host=host, allow_hosts=allow_hosts, allow_origins=allow_origins, control_token=control_token
        )
        self.routes = control.CONTROL_ROUTES.copy()
        self.state_file = StateFile(state_file, self.engine) if state_file else None
        if self.state_file is not None:
            # locked for the server's life, then loaded: StateFileError (before binding) if the
            # file is unusable, StateFileLocked if another server holds it
            self.state_file.open()
        self.generation = 0  # moves with every change of the state (for --save-every)
        self._thread: threading.Thread | None = None
        try:
            self.httpd = _Listener(host, port, self)
        except BaseException:
            if self.state_file is not None:
                self.state_file.close()
            raise
        # the in-process mocks leave a configured endpoint naming this server alone
        shared_engine().activations.servers.add(self)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        name = str(host)
        return f"http://[{name}]:{port}" if ":" in name else f"http://{name}:{port}"

    def client(self, region_name: str = "us-east-1", **kwargs: Any) -> Any:
        """A boto3 ``connectcases`` client for this server: fake credentials, a region, no AWS
        configuration needed (``kwargs`` go to ``Session.client``)."""
        import boto3

        kwargs.setdefault("aws_access_key_id", "cases-mock")
        kwargs.setdefault("aws_secret_access_key", "cases-mock")
        session = boto3.session.Session()
        return session.client("connectcases", region_name=region_name, endpoint_url=self.url, **kwargs)

    # -- running ---------------------------------------------------------------------------------
    def start(self) -> CasesServer:
        """Serves in a background thread (for tests of other clients)."""
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, name="cases-mock-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stops serving; then, with a state file, saves the state and releases the file
        (StateSaveError, after the release, if the save failed)."""
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        if self.state_file is not None:
            try:
                self.state_file.save()
            finally:
                self.state_file.close()

    def __enter__(self) -> CasesServer:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    # -- state -----------------------------------------------------------------------------------
    def reset(self) -> None:
        self.engine.reset()
        self.changed()

    def changed(self) -> None:
        self.generation += 1

    # -- one request -----------------------------------------------------------------------------
    def answer(self, request: Request, client: Any = None) -> WireResponse | Streamed:
        """Security checks, then a control endpoint or the dispatcher; CORS headers if allowed."""
        host = request.host
        if not self.guard.host_allowed(host):
            return json_error(
                403, "AccessDeniedException", f"Host {host!r} is not allowed (see --allow-host)"
            )
        origin = request.headers.get("origin")
        if origin is not None and not self.guard.origin_allowed(origin, host):
            return json_error(
                403, "AccessDeniedException", f"Origin {origin!r} is not allowed (see --allow-origin)"
            )
        if (
            origin is not None
            and request.method == "OPTIONS"
            and "access-control-request-method" in request.headers
        ):
            return WireResponse(204, cors_headers(origin, request.headers), b"")
        response = self._route(request)
        if origin is not None:
            response.headers.update(cors_headers(origin))
        return response

    def _route(self, request: Request) -> WireResponse | Streamed:
        path = request.path
        if path.startswith(control.PREFIX) or path == control.PREFIX.rstrip("/"):
            return self._control(request, path, request.query)
        if path == "/" and request.method in ("GET", "HEAD"):  # no operation is served there
            return index.answer(self, request.host)
        wire = WireRequest(
            request.method, path, request.query, request.headers, request.body, request.host or ""
        )
        response = self.engine.dispatch(wire)
        if response.status < 300 and not route(wire)[1].name.startswith(_READS):
            self.changed()
        return response

    def _control(self, request: Request, path: str, query: str) -> WireResponse | Streamed:
        name = path[len(control.PREFIX) :].strip("/")
        route = self.routes.find(request.method, name)
        if not (route is not None and route.public):
            origin = request.headers.get("origin")
            if origin is not None and not self.guard.control_open_to(origin, request.host):
                return json_error(
                    403,
                    "AccessDeniedException",
                    f"Origin {origin!r} reaches control endpoints only when the server has a control "
                    f"token (--control-token or ${TOKEN_ENV})",
                )
            if not self.guard.token_given(request.headers):
                return json_error(
                    401, "UnauthorizedException", "this control endpoint needs the control token"
                )
        given = control.ControlRequest(
            self, request.method, name, path, query, control.parse_query(query), request.headers, request.body
        )
        return control.answer(self.routes, given)

    def log_request(self, client: Any, request: Request | None, status: int, size: int) -> None:
        if self.quiet:
            return
        address = client[0] if isinstance(client, tuple) and client else "-"
        line = f"{request.method} {request.target} {request.version}" if request else "-"
        stamp = time.strftime("%d/%b/%Y %H:%M:%S")
        sys.stderr.write(f'{address} - - [{stamp}] "{line}" {status} {size}\n')
