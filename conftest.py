"""Suite-wide safety.

* No test may reach anything but loopback: connections and DNS look-ups of other hosts are
  refused; and a test whose code tried one while a mock was active fails, even if it caught the
  error (unless marked ``network_attempt_expected``, for tests that check what passes through).
* Every handler result is checked against its output shape (a mismatch becomes a 500).
"""

from __future__ import annotations

import ipaddress
import os
import socket
from typing import Any

import pytest

os.environ.setdefault("CASES_MOCK_STRICT_OUTPUT", "1")

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo
_attempts_while_active: list[str] = []


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto`` (pyproject's addopts): one worker more than there are cores. The suite waits
    on subprocesses, sockets and servers about a third of its time, so a core's worth of workers
    leaves the cores idle then (on the project's 2-core machine, 3 workers take about 70 s where
    2 take about 87 s, docs/contributing.md)."""
    return (os.cpu_count() or 1) + 1


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "network_attempt_expected: the test checks that a call passes through to the network"
    )
    config.addinivalue_line(
        "markers",
        "needs_model(*features): skip unless the installed botocore model has these operations or "
        "members (Connect Cases' named as in cases_mock/_services/connectcases/releases.py; Customer "
        "Profiles' as customer-profiles.Operation or customer-profiles.Shape.member)",
    )


# Plugins a pytester run of a user's test file never needs, left out of its subprocess: loading
# hypothesis' plugin alone costs about a second of interpreter time per run.
_LEAN_PYTESTER = "-p no:hypothesispytest"


@pytest.fixture(autouse=True)
def _lean_pytester_runs(request: pytest.FixtureRequest) -> None:
    if "pytester" in request.fixturenames:
        monkeypatch: pytest.MonkeyPatch = request.getfixturevalue("monkeypatch")
        given = os.environ.get("PYTEST_ADDOPTS", "")
        monkeypatch.setenv("PYTEST_ADDOPTS", f"{given} {_LEAN_PYTESTER}".strip())


def _mock_active() -> bool:
    from cases_mock._interception import activation

    return bool(activation.active_mocks())


def _is_loopback(host: Any) -> bool:
    if not isinstance(host, str):
        return host is None
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return host in ("localhost", "localhost.")


def _refuse(what: str) -> None:
    if _mock_active():
        _attempts_while_active.append(what)


def _loopback_only(real: Any, name: str) -> Any:
    """``socket.connect``/``connect_ex`` refusing every address but loopback."""

    def guarded(sock: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else None
        if host is not None and not _is_loopback(host):
            _refuse(f"{name} to {address!r}")
            raise OSError(f"test tried to reach {address!r}: only loopback is allowed")
        return real(sock, address)

    return guarded


def _loopback_names_only(host: Any, *args: Any, **kwargs: Any) -> Any:
    name = host.decode() if isinstance(host, bytes) else host
    if not _is_loopback(name):
        _refuse(f"DNS look-up of {name!r}")
        raise socket.gaierror(socket.EAI_NONAME, f"test tried to resolve {name!r}: only loopback is allowed")
    return _real_getaddrinfo(host, *args, **kwargs)


@pytest.fixture(autouse=True)
def _block_network(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Any:
    monkeypatch.setattr(socket.socket, "connect", _loopback_only(_real_connect, "connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", _loopback_only(_real_connect_ex, "connect_ex"))
    monkeypatch.setattr(socket, "getaddrinfo", _loopback_names_only)
    _attempts_while_active.clear()
    yield
    attempts = list(_attempts_while_active)
    _attempts_while_active.clear()
    if attempts and request.node.get_closest_marker("network_attempt_expected") is None:
        pytest.fail(f"tried to reach the network while a mock was active: {attempts}", pytrace=False)


PROFILES = "customer-profiles."


def _profiles_lack(feature: str) -> bool:
    """Whether the installed ``customer-profiles`` model lacks ``feature`` (an operation, or
    ``Shape.member``), read from the model itself. On a model with every Connect Cases feature
    (the newest) a feature it lacks is a typo, not a skip."""
    from cases_mock._protocol.model import service_model
    from cases_mock._services.connectcases.releases import complete

    model = service_model(PROFILES.rstrip("."))
    shape, _, member = feature.rpartition(".")
    if shape:
        lacks = shape not in model.shape_names or member not in model.shape_for(shape).members
    else:
        lacks = feature not in model.operation_names
    if lacks and complete():
        raise KeyError(f"needs_model: the newest customer-profiles model has no {feature!r}")
    return lacks


def pytest_runtest_setup(item: pytest.Item) -> None:
    from cases_mock._services.connectcases.releases import absent, installed

    for mark in item.iter_markers("needs_model"):
        profiles = [f for f in mark.args if f.startswith(PROFILES)]
        missing = absent(*(f for f in mark.args if f not in profiles))
        missing += [f for f in profiles if _profiles_lack(f.removeprefix(PROFILES))]
        if missing:
            pytest.skip(f"the installed botocore {installed()} model lacks {', '.join(missing)}")
