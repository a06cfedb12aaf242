"""``CasesMock``: one object that is a decorator, a context manager and ``start()``/``stop()``.

All mocks of a process share one engine (``_engine/engine.py``: the state, the call record,
faults, limits, events and clock), the one the interception holds: a ``with mock_connectcases():``
inside a decorated test sees the test's data, as moto users expect. Activations nest (a stack on
that engine, ``_interception/activation.py``); interception is switched on by the first and off
by the last, which also resets the state unless that mock was made with ``keep_state=True``.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, overload

from cases_mock._engine.account_region import (
    DEFAULT_REGION,
    check_account_id,
    check_region,
    default_account_id,
)
from cases_mock._interception import activation  # registers the botocore hook: loads with the package
from cases_mock._interception.engine_view import EngineView, MockNotActiveError, require_active

if TYPE_CHECKING:
    from cases_mock._engine.faults import Fault
    from cases_mock._services.connectcases.backend.store import CasesBackend
    from cases_mock._services.connectcases.events import EventList
    from cases_mock._services.connectcases.seed import SeededDomain

T = TypeVar("T")
__all__ = ["CasesMock", "MockNotActiveError", "mock_connectcases"]


class CasesMock(EngineView):
    """An in-memory Amazon Connect Cases for every boto3/botocore client and ``requests`` call.

    One object is a decorator (``@CasesMock()``, usually spelt ``@mock_connectcases``), a
    context manager (``with``, ``async with``) and ``start()``/``stop()``. Activations nest and
    share one state, which is reset when the outermost stops unless ``keep_state=True``.

    Args:
        account_id: the account answered (12 digits). Default: ``CASES_MOCK_ACCOUNT_ID``,
            else ``MOTO_ACCOUNT_ID``, else ``123456789012``. A 12-digit access key id names the
            account of a request instead, as in moto.
        keep_state: keep the state when the outermost activation stops (it is reset otherwise).
        any_endpoint: also answer botocore clients given a custom, non-AWS ``endpoint_url``.
        record_calls: how many recent calls ``calls`` keeps (a ring buffer), False for none;
            None: the default.
        region: the default region of ``backend()`` and ``seed()`` (default ``us-east-1``), one
            botocore knows; every client still chooses its own region.
        full_path: answer boto3 calls only at ``before-send``, after botocore signed them, never
            at ``before-call`` (``CASES_MOCK_FULL_PATH=1`` does the same; docs/performance.md).
        profiles: answer Amazon Connect Customer Profiles too (the default); False leaves its
            clients alone, for a test that mocks it otherwise (docs/interception.md).
    """

    def __init__(
        self,
        *,
        account_id: str | None = None,
        keep_state: bool = False,
        any_endpoint: bool = False,
        record_calls: int | bool | None = None,
        region: str | None = None,
        full_path: bool = False,
        profiles: bool = True,
    ) -> None:
        # the arguments are described in the class docstring; a bad one fails here, not at start()
        self._account_id, self.region = _checked(account_id, record_calls, region)
        self.keep_state, self.any_endpoint, self.full_path = keep_state, any_endpoint, full_path
        self.record_calls = record_calls  # None: the default ring of recent calls
        self.profiles = profiles
        self._started = False  # for stop()'s message: never started, or stopped already
        self._stop_note = ""  # who stopped it, when not its owner (the pytest plugin, a leak)

    def __repr__(self) -> str:
        return _describe(self)

    @property
    def left_alone(self) -> frozenset[str]:
        """The services (botocore names) this mock does not answer."""
        return frozenset() if self.profiles else frozenset({"customer-profiles"})

    # -- the account, region and backend this mock answers for (the shared state: EngineView) -
    @property
    def account_id(self) -> str:
        """The account this mock answers for (see the class's ``account_id`` argument);
        ValueError naming the environment variable when that holds no 12-digit account id."""
        return self._account_id or default_account_id()

    def backend(self, region: str | None = None, account_id: str | None = None) -> CasesBackend:
        """The backend of ``account_id`` (default: this mock's) in ``region`` (default: this
        mock's ``region``): its ``domains`` map holds the state as Python objects.

        MockNotActiveError while no mock is active: the backend would be the next mock's."""
        require_active("backend()")
        account = (
            self.account_id if account_id is None else check_account_id(account_id, "backend(account_id=...)")
        )
        region = self.region if region is None else check_region(region, "backend(region=...)")
        found: CasesBackend = self.engine.store.backend(account, region)
        return found

    def seed(
        self,
        *,
        name: str = "seeded",
        cases: int = 10,
        rules: bool = True,
        seed: int = 0,
        region: str | None = None,
        account_id: str | None = None,
    ) -> SeededDomain:
        """A realistic domain in one line: fields with options, a layout, an active template,
        an optional case rule and ``cases`` generated cases, whose customers are Customer
        Profiles profiles of the same account and region unless this mock was made with
        ``profiles=False`` (``SeededDomain`` says what it made)."""
        from cases_mock._services.seeding import seed as seed_all

        require_active("seed()")
        backend, stores = self.backend(region, account_id), self.engine.stores
        return seed_all(
            stores, backend, profiles=self.profiles, name=name, cases=cases, rules=rules, seed=seed
        )

    # -- faults --------------------------------------------------------------------------------
    def inject_fault(
        self,
        operation: str,
        error: str = "ThrottlingException",
        *,
        times: int | None = 1,
        probability: float = 1.0,
        latency: float = 0.0,
        message: str | None = None,
        seed: int | None = None,
    ) -> Fault:
        """Makes ``operation`` (or ``"*"``) answer ``error`` for the next ``times`` calls (None:
        until cleared), each with ``probability``, after ``latency`` seconds."""
        require_active("inject_fault()")
        from cases_mock._engine.faults import Fault

        added = self.engine.faults.add(Fault(operation, error, times, probability, latency, message))
        if seed is not None:  # after the check: a refused fault changes nothing
            self.engine.faults.seed(seed)
        return added

    def clear_faults(self) -> None:
        """Removes every injected fault."""
        self.engine.faults.clear()

    # -- case events (docs/events.md) -------------------------------------------------------
    @property
    def events(self) -> EventList:
        """The case events published since the last reset, oldest first (at most
        ``cases_mock.events.MAX_EVENTS``); ``mock.events.of("CASE.UPDATED", case_id=...)``
        filters."""
        return self.engine.publisher.events()

    def clear_events(self) -> None:
        self.engine.publisher.clear()

    @property
    def active(self) -> bool:
        """Whether this mock is among the active (started, not yet stopped) activations."""
        return self in activation.active_mocks()

    # -- activation ------------------------------------------------------------------------
    def start(self) -> CasesMock:
        """Activates the mock (the first activation switches interception on); returns it.

        Raises BotocoreTooOldError when the installed botocore's model is too old to mock, and
        ValueError when ``CASES_MOCK_ACCOUNT_ID`` / ``MOTO_ACCOUNT_ID`` holds no account id.
        """
        self.account_id  # noqa: B018 (a bad account in the environment fails before anything starts)
        activation.push(self)
        self._started = True
        return self

    def stop(self) -> None:
        """Deactivates the innermost activation of this mock; the outermost stop switches
        interception off and resets the state (unless ``keep_state``).

        MockNotActiveError when this mock is not active (never started, or already stopped)."""
        if not activation.pop(self):
            raise _not_active(self)

    def __enter__(self) -> CasesMock:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    async def __aenter__(self) -> CasesMock:
        return self.start()

    async def __aexit__(self, *_: object) -> None:
        self.stop()

    def __call__(self, target: T) -> T:
        """Decorates ``target``: each call (each test) runs inside a fresh copy of this mock."""
        from cases_mock._interception.decorate import decorate

        return decorate(lambda: _fresh(self), target)  # type: ignore[no-any-return]


def _checked(
    account_id: str | None, record_calls: int | bool | None, region: str | None
) -> tuple[str | None, str]:
    """The arguments of ``CasesMock`` checked (each error names the argument): the account (None:
    the environment's, read at ``start()``) and the region."""
    from cases_mock._engine.recording import capacity_of

    capacity_of(record_calls)
    where = "mock_connectcases({}=...)"
    account = None if account_id is None else check_account_id(account_id, where.format("account_id"))
    return account, DEFAULT_REGION if region is None else check_region(region, where.format("region"))


def _describe(mock: CasesMock) -> str:
    try:
        account = mock.account_id
    except ValueError:  # a bad CASES_MOCK_ACCOUNT_ID: start() says so, a repr does not raise
        account = "(invalid)"
    return f"<CasesMock account {account}, region {mock.region}, {'active' if mock.active else 'inactive'}>"


def _fresh(mock: CasesMock) -> CasesMock:
    """A new, unstarted mock with ``mock``'s settings (the arguments were checked already)."""
    fresh = copy.copy(mock)
    fresh._started, fresh._stop_note = False, ""
    return fresh


def _not_active(mock: CasesMock) -> MockNotActiveError:
    why = "it was already stopped" if mock._started else "it was never started"
    why += f" ({mock._stop_note})" if mock._stop_note else ""
    return MockNotActiveError(f"stop() on a mock that is not active: {why} (each start() takes one stop())")


_PARENTHESES = (
    "mock_connectcases is used with parentheses as a context manager or with start(): write "
    "`with mock_connectcases():` or `mock_connectcases().start()` (`@mock_connectcases` alone is "
    "fine as a decorator)"
)


class _MockConnectcases:
    """``@mock_connectcases``, ``@mock_connectcases(account_id=...)``, ``with mock_connectcases():``.

    The arguments are those of ``CasesMock``. ``with mock_connectcases:`` (no parentheses) and
    ``mock_connectcases.start()`` are refused with a TypeError that says how to write them.
    """

    @overload
    def __call__(self, target: T) -> T: ...
    @overload
    def __call__(
        self,
        *,
        account_id: str | None = None,
        keep_state: bool = False,
        any_endpoint: bool = False,
        record_calls: int | bool | None = None,
        region: str | None = None,
        full_path: bool = False,
        profiles: bool = True,
    ) -> CasesMock: ...
    def __call__(
        self,
        target: Any = None,
        *,
        account_id: str | None = None,
        keep_state: bool = False,
        any_endpoint: bool = False,
        record_calls: int | bool | None = None,
        region: str | None = None,
        full_path: bool = False,
        profiles: bool = True,
    ) -> Any:
        mock = CasesMock(
            account_id=account_id,
            keep_state=keep_state,
            any_endpoint=any_endpoint,
            record_calls=record_calls,
            region=region,
            full_path=full_path,
            profiles=profiles,
        )
        if target is None:
            return mock
        return mock(target)

    def __repr__(self) -> str:
        return "<cases_mock.mock_connectcases>"

    # -- the same words without parentheses: a clear TypeError, never a generic one ---------------
    def __enter__(self) -> NoReturn:
        raise TypeError(_PARENTHESES)

    def __exit__(self, *_: object) -> None:
        return None

    async def __aenter__(self) -> NoReturn:
        raise TypeError(_PARENTHESES)

    async def __aexit__(self, *_: object) -> None:
        return None

    def start(self) -> NoReturn:
        raise TypeError(_PARENTHESES)


mock_connectcases = _MockConnectcases()
