"""An endpoint from the environment or the shared config file never takes a call past an active mock.

botocore gives a client without ``endpoint_url`` the one configured for it, if any
(``AWS_ENDPOINT_URL_CONNECTCASES``, ``AWS_ENDPOINT_URL``, or ``endpoint_url`` in the profile or
its ``services`` section of ``~/.aws/config``), in ``ClientArgsCreator.compute_client_args``.
A shell set up for ``cases-mock serve`` or LocalStack would thus send a mocked test's calls to a
server (or to nothing). While a mock is active, a Connect Cases client made with no
``endpoint_url`` in code is built as if ``ignore_configured_endpoint_urls`` were set, so its
calls go to the AWS host and are answered in memory; a ``ConfiguredEndpointWarning`` names the
setting, once per setting and URL in a process. Left alone, as documented: an ``endpoint_url``
given in code, a configured endpoint that is a ``CasesServer`` of this process, and every
client with ``any_endpoint=True`` (the mock answers them all anyway).
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from botocore.config import Config

from cases_mock._protocol.hosts import is_mocked_url
from cases_mock._services import registry

if TYPE_CHECKING:
    from cases_mock._engine.activations import Activations

SERVICE_VARIABLE = "AWS_ENDPOINT_URL_CONNECTCASES"
GLOBAL_VARIABLE = "AWS_ENDPOINT_URL"
_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0", "::"})


class ConfiguredEndpointWarning(UserWarning):
    """A Connect Cases client's configured endpoint was overridden by the active mock."""


def source_of(url: str, scoped_config: Mapping[str, Any] | None) -> str:
    """Which setting gave ``url``, in botocore's order of lookup."""
    for name in (SERVICE_VARIABLE, GLOBAL_VARIABLE):
        if os.environ.get(name) == url:
            return f"the environment variable {name}"
    scoped = scoped_config or {}
    if "services" in scoped and scoped.get("endpoint_url") != url:
        section = scoped["services"]
        return f"connectcases' endpoint_url in the [services {section}] section of the shared config file"
    return "the profile's endpoint_url in the shared config file (~/.aws/config or AWS_CONFIG_FILE)"


def _served_here(activations: Activations, url: str) -> bool:
    """Whether ``url`` is the address of a ``CasesServer`` of this process (left alone)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    for server in list(activations.servers):
        if server.httpd.socket.fileno() < 0:  # stopped
            continue
        bound, bound_port = server.httpd.server_address[:2]
        if port == bound_port and (host == str(bound).lower() or host in _LOOPBACK):
            return True
    return False


_LIBRARIES = ("botocore", "boto3", "aiobotocore", "aioboto3", "cases_mock")


def _caller_level() -> int:
    """The ``stacklevel`` of the first frame outside the libraries: the line making the client."""
    frame, level = sys._getframe(2), 2
    while frame.f_back is not None and str(frame.f_globals.get("__name__", "")).startswith(_LIBRARIES):
        frame, level = frame.f_back, level + 1
    return level


def _warn_once(activations: Activations, source: str, url: str) -> None:
    key = (source, url)
    with activations.lock:
        if key in activations.warned:
            return
    warnings.warn(
        f"cases_mock answers this connectcases client in memory although {source} points it at "
        f"{url}: an active mock answers every Connect Cases client whose endpoint comes from the "
        f"environment or the shared config file (docs/troubleshooting.md). To reach {url} "
        f"instead, pass endpoint_url= in code.",
        ConfiguredEndpointWarning,
        stacklevel=_caller_level(),
    )
    with activations.lock:
        activations.warned.add(key)  # after the warning: one turned into an error is raised again next time


def compute_client_args(original: Any, overriding: Callable[[], Activations | None]) -> Any:
    """The replacement of ``ClientArgsCreator.compute_client_args`` (a ``patches.Patch``):
    ``overriding()`` gives the active mocks if they answer only mocked services' hosts (they
    override a configured endpoint, warned of once per engine), else None."""

    def compute(
        creator: Any,
        service_model: Any,
        client_config: Any,
        endpoint_bridge: Any,
        region_name: Any,
        endpoint_url: Any,
        is_secure: Any,
        scoped_config: Any,
        *rest: Any,
        **options: Any,
    ) -> Any:
        configured = None
        activations = overriding() if endpoint_url is None else None
        if (
            activations is not None
            and registry.by_prefix(getattr(service_model, "endpoint_prefix", None)) is not None
        ):
            find = getattr(creator, "_compute_configured_endpoint_url", None)
            configured = find(client_config, None) if find is not None else None
        if (
            activations is not None
            and configured
            and not is_mocked_url(str(configured))
            and not _served_here(activations, str(configured))
        ):
            _warn_once(activations, source_of(str(configured), scoped_config), str(configured))
            ignore = Config(ignore_configured_endpoint_urls=True)
            client_config = client_config.merge(ignore) if client_config is not None else ignore
        return original(
            creator,
            service_model,
            client_config,
            endpoint_bridge,
            region_name,
            endpoint_url,
            is_secure,
            scoped_config,
            *rest,
            **options,
        )

    return compute
