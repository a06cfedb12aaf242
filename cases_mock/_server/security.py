"""Who may talk to the server: the checks every request passes, API and control paths alike
(docs/server.md#security).

* ``Host`` must name a loopback address or name (``localhost``, ``*.localhost``, ``127.0.0.0/8``,
  ``::1``), the address the server is bound to, or a host allowed with ``--allow-host``: a
  DNS-rebinding page reaches the server under its own name, which is refused.
* An ``Origin`` header (browsers send one; SDKs and the AWS CLI do not) must be the server's
  own origin or one allowed with ``--allow-origin``: a cross-site page's "simple" POST (no
  preflight) would otherwise reset the state or create cases (CSRF).
* With a control token, control endpoints also require ``x-cases-mock-token: <token>`` (or
  ``Authorization: Bearer <token>``). Without one, control endpoints refuse (403) a request whose
  ``Origin`` is not the server's own: ``--allow-origin`` opens the API to a page, never the
  state, the calls or the faults unless a token guards them.
* An absolute-form target (``GET http://name/...``) is checked by its authority, which replaces
  ``Host`` (RFC 9112 3.2.2).
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Iterable

TOKEN_ENV = "CASES_MOCK_CONTROL_TOKEN"
_WILDCARDS = ("", "0.0.0.0", "::")


def host_name(host: str) -> str:
    """The name or address of a Host header value, without port or IPv6 brackets, lower-cased."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    if host.count(":") == 1:
        return host.partition(":")[0]
    return host


def is_loopback(name: str) -> bool:
    name = name.rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class Guard:
    def __init__(
        self,
        *,
        bound_host: str = "127.0.0.1",
        allow_hosts: Iterable[str] = (),
        allow_origins: Iterable[str] = (),
        control_token: str | None = None,
    ) -> None:
        self.hosts = {host_name(h) for h in allow_hosts}
        if bound_host not in _WILDCARDS:
            self.hosts.add(host_name(bound_host))
        self.origins = {o.rstrip("/").lower() for o in allow_origins}
        self.control_token = control_token or None

    def host_allowed(self, host: str | None) -> bool:
        """A request without Host (HTTP/1.0) comes from no browser; one with it must be allowed."""
        if host is None:
            return True
        name = host_name(host)
        return "*" in self.hosts or name in self.hosts or is_loopback(name)

    def origin_allowed(self, origin: str, host: str | None) -> bool:
        name = origin.rstrip("/").lower()
        return "*" in self.origins or name in self.origins or _own_origin(origin, host)

    def control_open_to(self, origin: str, host: str | None) -> bool:
        """Whether a page on ``origin`` may use the control endpoints: the server's own page
        always; a page allowed with ``--allow-origin`` only when a control token guards them
        (without one, that flag would hand another site the whole state)."""
        return self.control_token is not None or _own_origin(origin, host)

    def token_given(self, headers: dict[str, str]) -> bool:
        if self.control_token is None:
            return True
        given = headers.get("x-cases-mock-token")
        if given is None:
            scheme, _, value = headers.get("authorization", "").partition(" ")
            given = value.strip() if scheme.lower() == "bearer" else ""
        return hmac.compare_digest(given.encode(), self.control_token.encode())


def _own_origin(origin: str, host: str | None) -> bool:
    origin = origin.rstrip("/").lower()
    return host is not None and origin in (f"http://{host.lower()}", f"https://{host.lower()}")


def cors_headers(origin: str, preflight: dict[str, str] | None = None) -> dict[str, str]:
    """What a browser page on an allowed origin needs to read the answers (and, for a
    preflight, to send the request)."""
    headers = {
        "Access-Control-Allow-Origin": origin,
        "Vary": "Origin",
        "Access-Control-Expose-Headers": "x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date",
    }
    if preflight is not None:
        headers["Access-Control-Allow-Methods"] = "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS"
        headers["Access-Control-Allow-Headers"] = preflight.get("access-control-request-headers", "*")
        headers["Access-Control-Max-Age"] = "600"
    return headers
