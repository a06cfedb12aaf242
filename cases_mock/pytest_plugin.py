"""pytest fixtures, registered through the ``pytest11`` entry point ``cases_mock``.

* ``cases_mock``: an active ``CasesMock`` for the test (fresh state, reset afterwards).
* ``cases_client``: a ready boto3 ``connectcases`` client on that mock.
* ``profiles_client``: a ready boto3 ``customer-profiles`` client on that mock (docs/profiles.md).
* ``cases_async_client``: an aiobotocore client on that mock, entered with ``async with``.
* ``profiles_async_client``: the same for ``customer-profiles``.
* ``cases_server``: a ``CasesServer`` serving HTTP on a free loopback port in a background
  thread, with its own state (for clients that cannot be patched in-process);
  ``cases_server.client()`` is a boto3 client for it that needs no AWS configuration.

A mock a test starts (``mock_connectcases().start()``, a ``with`` it never leaves) and leaves
active is reported at that test and stopped, so the next test starts clean: a
``LeakedMockWarning`` by default, an error with the ini option ``cases_mock_leaked = error``
(``ignore``: neither, the mock is still stopped). A leak is an activation begun during the
test's setup, call or teardown, still active after its teardown, and not begun by a fixture of
a wider scope than the function (a class-, module- or session-scoped fixture, ``setup_class``,
``setUpClass``): those are meant to outlive the test.

The region and the account default to ``us-east-1`` and ``123456789012``. Choose them for a
whole project with the ini options ``cases_mock_region`` and ``cases_mock_account_id``, or for
one test (or a module, with ``pytestmark``) with the marker
``@pytest.mark.cases_mock(region="eu-west-2", account_id="111122223333")``.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any

import pytest

from cases_mock._engine.account_region import DEFAULT_REGION, check_account_id, check_region
from cases_mock._interception import activation
from cases_mock.client_types import AsyncCasesClient, AsyncProfilesClient, CasesClient, ProfilesClient
from cases_mock.mock import CasesMock

MARKER = "cases_mock"
MARKER_HELP = (
    "cases_mock(region=None, account_id=None): the region and account of the cases_mock and "
    "cases_client fixtures for this test"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "cases_mock_region", "the default region of the cases_mock fixtures", default=DEFAULT_REGION
    )
    parser.addini(
        "cases_mock_account_id",
        "the default account of the cases_mock fixtures (else CASES_MOCK_ACCOUNT_ID, else 123456789012)",
        default="",
    )

    parser.addini(
        LEAKED_INI,
        "a mock a test starts and leaves active: warn (LeakedMockWarning), error or ignore; "
        "it is stopped in every case",
        default="warn",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER_HELP)
    _leak_policy(config)  # a bad value fails the run at once


# -- leaked mocks ---------------------------------------------------------------------------------
LEAKED_INI = "cases_mock_leaked"
_POLICIES = ("warn", "error", "ignore")


class LeakedMockWarning(UserWarning):
    """A test started a mock and left it active; the plugin stopped it (``cases_mock_leaked``)."""


class LeakedMockError(Exception):
    """With ``cases_mock_leaked = error``: a test started a mock and left it active."""


def _leak_policy(config: pytest.Config) -> str:
    policy = str(config.getini(LEAKED_INI)).strip().lower() or "warn"
    if policy not in _POLICIES:
        raise pytest.UsageError(f"ini option {LEAKED_INI}: {policy!r} is not one of {', '.join(_POLICIES)}")
    return policy


def _active() -> list[CasesMock]:
    return activation.active_mocks()  # none before the first activation of the process


def _added(before: list[CasesMock], after: list[CasesMock]) -> list[CasesMock]:
    """The activations of ``after`` that ``before`` does not have (by identity, with counts)."""
    remaining = list(before)
    added = []
    for mock in after:
        index = next((i for i, m in enumerate(remaining) if m is mock), None)
        if index is None:
            added.append(mock)
        else:
            del remaining[index]
    return added


_BEFORE = pytest.StashKey[list[CasesMock]]()
_WIDER = pytest.StashKey[list[CasesMock]]()


class _Running:
    item: pytest.Item | None = None  # the test whose fixtures are being set up (tests run one by one)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    item.stash[_BEFORE] = _active()
    item.stash[_WIDER] = []
    _Running.item = item
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: pytest.FixtureDef[Any]) -> Generator[None, Any, Any]:
    """Activations begun by a fixture of a wider scope than the function belong to that scope."""
    if fixturedef.scope == "function":
        return (yield)
    before = _active()
    try:
        return (yield)
    finally:
        item = _Running.item
        if item is not None and _WIDER in item.stash:
            item.stash[_WIDER].extend(_added(before, _active()))


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None, None, None]:
    try:
        return (yield)
    finally:
        before = item.stash.get(_BEFORE, None)
        if before is not None:
            _report_leaks(item, _added(before + item.stash.get(_WIDER, []), _active()))


def _report_leaks(item: pytest.Item, leaked: list[CasesMock]) -> None:
    if not leaked:
        return
    message = (
        f"{item.nodeid} started {len(leaked)} cases_mock activation(s) and left them active "
        f"({', '.join(repr(m) for m in leaked)}): they would answer every later test. The plugin "
        f"stopped them. Stop a mock the test starts (use `with mock_connectcases():`, the decorator "
        f"or the cases_mock fixture), or start it in a class-, module- or session-scoped fixture "
        f"if it is meant to outlive the test (ini option {LEAKED_INI}: warn, error or ignore)."
    )
    for mock in reversed(leaked):
        mock._stop_note = (
            f"the cases_mock pytest plugin stopped it at the end of {item.nodeid}, which left it active"
        )
        mock.stop()
    policy = _leak_policy(item.config)
    if policy == "ignore":
        return
    if policy == "error":
        raise LeakedMockError(message)
    item.warn(LeakedMockWarning(message))


@dataclass(frozen=True)
class CasesMockSettings:
    """The region and account the fixtures use for one test."""

    region: str
    account_id: str | None


@pytest.fixture
def cases_mock_settings(request: pytest.FixtureRequest) -> CasesMockSettings:
    """The region and account of this test's fixtures: the ``cases_mock`` marker, else the ini
    options ``cases_mock_region`` / ``cases_mock_account_id``, else the defaults."""
    region = str(request.config.getini("cases_mock_region")) or DEFAULT_REGION
    account_id = str(request.config.getini("cases_mock_account_id")) or None
    region_from = "the ini option cases_mock_region"
    account_from = "the ini option cases_mock_account_id"
    marker = request.node.get_closest_marker(MARKER)
    if marker is not None:
        unknown = set(marker.kwargs) - {"region", "account_id"}
        if marker.args or unknown:
            raise pytest.UsageError(
                f"@pytest.mark.cases_mock takes region= and account_id= only, not "
                f"{[*marker.args, *sorted(unknown)]!r}"
            )
        if "region" in marker.kwargs:
            region, region_from = marker.kwargs["region"], "@pytest.mark.cases_mock(region=...)"
        if "account_id" in marker.kwargs:
            account_id, account_from = marker.kwargs["account_id"], "@pytest.mark.cases_mock(account_id=...)"
    try:
        check_region(region, region_from)
        if account_id is not None:
            check_account_id(account_id, account_from)
    except ValueError as error:
        raise pytest.UsageError(str(error)) from None
    return CasesMockSettings(region=region, account_id=account_id)


@pytest.fixture
def cases_mock(cases_mock_settings: CasesMockSettings) -> Iterator[CasesMock]:
    """An active ``CasesMock``: every boto3 ``connectcases`` client and ``requests`` call in the
    test is answered in memory; the state is fresh and is reset after the test.

    ``cases_mock.backend()`` and ``cases_mock.seed()`` default to the marker's or ini region;
    see ``CasesMock`` for recorded calls, faults, the clock and state as JSON.
    """
    with CasesMock(account_id=cases_mock_settings.account_id, region=cases_mock_settings.region) as mock:
        yield mock


@pytest.fixture
def cases_client(cases_mock: CasesMock) -> CasesClient:
    """A boto3 ``connectcases`` client on the ``cases_mock`` fixture, in its region
    (``us-east-1`` unless the ``cases_mock`` marker or the ``cases_mock_region`` ini option
    says otherwise)."""
    import boto3

    client: CasesClient = boto3.client("connectcases", region_name=cases_mock.region)
    return client


@pytest.fixture
def profiles_client(cases_mock: CasesMock) -> ProfilesClient:
    """A boto3 ``customer-profiles`` client on the ``cases_mock`` fixture, in its region (as
    ``cases_client``): the same mock answers both services (docs/profiles.md)."""
    import boto3

    client: ProfilesClient = boto3.client("customer-profiles", region_name=cases_mock.region)
    return client


@pytest.fixture
def cases_async_client(cases_mock: CasesMock) -> AbstractAsyncContextManager[AsyncCasesClient]:
    """An aiobotocore ``connectcases`` client on the ``cases_mock`` fixture, in its region, to
    enter in the test: ``async with cases_async_client as client:`` (so it works under
    pytest-asyncio and anyio alike; docs/async.md). Skips the test when aiobotocore is not
    installed."""
    session = pytest.importorskip("aiobotocore.session", reason="aiobotocore is not installed")
    client: AbstractAsyncContextManager[AsyncCasesClient] = session.get_session().create_client(
        "connectcases", region_name=cases_mock.region
    )
    return client


@pytest.fixture
def profiles_async_client(cases_mock: CasesMock) -> AbstractAsyncContextManager[AsyncProfilesClient]:
    """An aiobotocore ``customer-profiles`` client on the ``cases_mock`` fixture, in its region,
    to enter in the test as ``cases_async_client`` (docs/async.md). Skips the test when
    aiobotocore is not installed."""
    session = pytest.importorskip("aiobotocore.session", reason="aiobotocore is not installed")
    client: AbstractAsyncContextManager[AsyncProfilesClient] = session.get_session().create_client(
        "customer-profiles", region_name=cases_mock.region
    )
    return client


@pytest.fixture
def cases_server() -> Iterator[Any]:
    """A ``CasesServer`` on a free loopback port, serving in a background thread for this
    test, with its own state (independent of ``cases_mock``). ``cases_server.client()`` is a
    ready boto3 client on it (fake credentials, no AWS configuration); ``cases_server.url`` is
    its endpoint URL, for any other SDK or the AWS CLI (``--endpoint-url``). Stopped afterwards."""
    from cases_mock._server import CasesServer

    with CasesServer(quiet=True) as server:
        yield server
