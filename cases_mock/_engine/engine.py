"""``Engine``: everything one mock knows, in one object, with its request path.

An engine owns the clock, the limits and the event log (``Shared``, handed to every backend),
each registered service's store (``Backends``: a backend per account and region), the call
recorder and the injected faults, and the dispatcher that answers requests against them.
``reset``, ``snapshot``/``restore`` and ``export``/``import_state`` act on all of it at once.
``CasesServer`` owns one engine; the in-process mocks of a process share one (``activations``:
the stack of active mocks, held by the interception's one reference,
``_interception/botocore_hook.py``), so a ``with mock_connectcases():`` inside a decorated test
sees the test's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from cases_mock._engine.account_region import DEFAULT_ACCOUNT_ID
from cases_mock._engine.activations import Activations
from cases_mock._engine.backends import Backends, Shared
from cases_mock._engine.clock import Clock
from cases_mock._engine.dispatch import Dispatcher, Render, Rendered
from cases_mock._engine.faults import Faults
from cases_mock._engine.limits import Limits
from cases_mock._engine.publisher import Publisher
from cases_mock._engine.recording import DEFAULT_CAPACITY, Recorder
from cases_mock._services import registry

if TYPE_CHECKING:
    from cases_mock._engine.faults import Fault
    from cases_mock._engine.limits import LimitSettings
    from cases_mock._engine.publisher import Event
    from cases_mock._engine.recording import RecordedCall
    from cases_mock._engine.wire import WireRequest, WireResponse
    from cases_mock._services.registry import TrialRead


@dataclass(frozen=True, slots=True)
class Snapshot:
    """An engine's state at one moment (``Engine.snapshot``): reusable, restore it any number of
    times. What one test of a decorated class adds is taken back with it (decorate.py)."""

    stores: dict[str, Any]  # every service's backends (``Backends.snapshot``), by service name
    limits: LimitSettings
    events: tuple[list[Event], int]
    calls: list[RecordedCall]
    faults: list[Fault]
    frozen_at: datetime | None


class _Candidate:
    """A store of one backend: the one a trial read is made against (``Engine._trial_read``)."""

    current: Any = None

    def backend(self, account: str, region: str) -> Any:
        return self.current


class Engine:
    """The state of one mock and the request path over it (see the module docstring)."""

    def __init__(self, account_id: str = DEFAULT_ACCOUNT_ID, *, record_calls: int = DEFAULT_CAPACITY) -> None:
        clock = Clock()  # one clock, one set of limits and one event log for every service
        self.shared = Shared(clock, Limits(clock, self._search_delay_set), Publisher())
        # every registered service's state, by botocore name, made by its registration
        self.stores: dict[str, Backends[Any]] = {
            service.name: service.new_store(self.shared) for service in registry.services()
        }
        self.store = self.stores[registry.default().name]  # the default service's (Connect Cases')
        self.recorder = Recorder(record_calls)
        self.faults = Faults()
        self.dispatcher = Dispatcher(self.shared, self.stores, self.recorder, self.faults, account_id)
        self.activations = Activations()  # the in-process mocks on this engine, innermost last

    def __repr__(self) -> str:
        return f"<Engine {self.store!r}, {len(self.recorder.calls)} call(s) recorded>"

    @property
    def clock(self) -> Clock:
        return self.shared.clock

    @property
    def limits(self) -> Limits:
        return self.shared.limits

    @property
    def publisher(self) -> Publisher:
        return self.shared.publisher

    def _search_delay_set(self, limits: Limits) -> None:
        """``limits.search_delay`` was set: each service that searches starts lagging."""
        for service in registry.services():
            if service.search_delay_set is not None:
                service.search_delay_set(self.stores[service.name], limits)

    # -- the request path's two entry points ---------------------------------------------------
    def dispatch(self, request: WireRequest) -> WireResponse:
        """Route, parse, ``invoke``, serialise (dispatch.py)."""
        return self.dispatcher.dispatch(request)

    def answer(self, request: WireRequest, render: Render[Rendered]) -> Rendered | WireResponse:
        """``dispatch`` with a success made by ``render`` (the before-call path: no bytes)."""
        return self.dispatcher.answer(request, render)

    def invoke(
        self,
        operation: str,
        params: dict[str, Any],
        *,
        account: str,
        region: str,
        service: str | None = None,
        recorded: bool = True,
    ) -> dict[str, Any]:
        """Faults, limits, validate, handler, output check, record: the output, or a modeled error
        (``service``: the botocore name, default Connect Cases; ``recorded=False``: a read from
        inside the mock, untouched by faults and quotas and not recorded)."""
        return self.dispatcher.invoke(
            operation, params, account=account, region=region, service=service, recorded=recorded
        )

    # -- the whole state at once ---------------------------------------------------------------
    def reset(self) -> None:
        """Forgets every domain, case and setting of every account and region, the published
        events, the recorded calls and the injected faults (the clock is left as it is)."""
        for store in self.stores.values():
            store.reset()
        self.limits.reset()
        self.publisher.clear()
        self.recorder.clear()
        self.faults.clear()

    def snapshot(self) -> Snapshot:
        clock = self.clock
        return Snapshot(
            {name: store.snapshot() for name, store in self.stores.items()},
            self.limits.settings(),
            self.publisher.snapshot(),
            list(self.recorder.calls),
            self.faults.snapshot(),
            clock.now() if clock.frozen else None,
        )

    def restore(self, snapshot: Snapshot) -> None:
        """Puts back what ``snapshot`` saw (the snapshot stays reusable)."""
        for name, store in self.stores.items():
            store.restore(snapshot.stores[name])
        self.limits.apply(snapshot.limits)
        self.publisher.restore(snapshot.events)
        self.recorder.restore(snapshot.calls)
        self.faults.restore(snapshot.faults)
        if snapshot.frozen_at is None:
            self.clock.unfreeze()
        else:
            self.clock.freeze(snapshot.frozen_at)

    def export(self) -> dict[str, Any]:
        """The whole state (every service, account and region) as JSON-able data (state_json.py)."""
        from cases_mock._engine.state_json import export_state

        return export_state(self.stores)

    def import_state(self, state: Any) -> None:
        """Replaces the whole state with one ``export`` produced, once all of it is checked
        (ValueError naming the first problem, nothing replaced, if not)."""
        from cases_mock._engine.state_json import import_state

        import_state(self.stores, state, self._trial_read())

    def _trial_read(self) -> TrialRead:
        """Reads through ``invoke`` against a backend not yet in place (a state being imported):
        a dispatcher of its own, so no fault, rate quota or call record of this engine is touched."""
        candidate = _Candidate()
        stores = {registry.default().name: candidate}
        scratch = Dispatcher(self.shared, stores, Recorder(1), Faults())

        def read(backend: Any, operation: str, params: dict[str, Any]) -> dict[str, Any]:
            candidate.current = backend
            return scratch.invoke(
                operation, params, account=backend.account, region=backend.region, request_id="state-import"
            )

        return read

    def save(self, path: str) -> None:
        """Writes ``export()`` to the JSON file ``path``."""
        import json

        with open(path, "w", encoding="utf-8") as out:
            json.dump(self.export(), out)

    def load(self, path: str) -> None:
        """Replaces the whole state with the JSON file ``path`` that ``save`` wrote (ValueError,
        nothing replaced, for a file that repeats a key or that ``import_state`` refuses)."""
        from cases_mock._engine.state_json import parse_state

        with open(path, encoding="utf-8") as source:
            self.import_state(parse_state(source.read()))
