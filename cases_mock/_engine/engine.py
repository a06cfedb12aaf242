"""``Engine``: everything one mock knows, in one object, with its request path.

An engine owns the store (every backend by account and region, with the clock, the limits and
the event publisher they share), the call recorder and the injected faults, and the dispatcher
that answers requests against them. ``reset``, ``snapshot``/``restore`` and ``export``/
``import_state`` act on all of it at once. ``CasesServer`` owns one engine; the in-process mocks
of a process share one (``activations``: the stack of active mocks, held by the interception's
one reference, ``_interception/botocore_hook.py``), so a ``with mock_connectcases():`` inside a
decorated test sees the test's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from cases_mock._engine.account_region import DEFAULT_ACCOUNT_ID
from cases_mock._engine.activations import Activations
from cases_mock._engine.clock import Clock
from cases_mock._engine.dispatch import Dispatcher, Render, Rendered
from cases_mock._engine.faults import Faults
from cases_mock._engine.recording import DEFAULT_CAPACITY, Recorder
from cases_mock._services import registry

if TYPE_CHECKING:
    from cases_mock._engine.faults import Fault
    from cases_mock._engine.limits import Limits, LimitSettings
    from cases_mock._engine.publisher import Event, Publisher
    from cases_mock._engine.recording import RecordedCall
    from cases_mock._engine.wire import WireRequest, WireResponse
    from cases_mock._services.registry import TrialRead


class SharedStore(Protocol):
    """The default service's store (Connect Cases'), as the engine sees it: its backends, and
    the clock, limits and event log every service shares."""

    clock: Clock
    limits: Limits
    publisher: Publisher

    def backend(self, account: str, region: str) -> Any: ...
    def snapshot(self) -> Any: ...
    def restore(self, snapshot: Any) -> None: ...
    def reset(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Snapshot:
    """An engine's state at one moment (``Engine.snapshot``): reusable, restore it any number of
    times. What one test of a decorated class adds is taken back with it (decorate.py)."""

    backends: dict[tuple[str, str], Any]
    limits: LimitSettings
    events: tuple[list[Event], int]
    calls: list[RecordedCall]
    faults: list[Fault]
    frozen_at: datetime | None
    others: dict[str, Any]  # every other service's store snapshot, by service name


class _Candidate:
    """A store of one backend: the one a trial read is made against (``Engine._trial_read``)."""

    current: Any = None

    def backend(self, account: str, region: str) -> Any:
        return self.current


class Engine:
    """The state of one mock and the request path over it (see the module docstring)."""

    def __init__(self, account_id: str = DEFAULT_ACCOUNT_ID, *, record_calls: int = DEFAULT_CAPACITY) -> None:
        clock = Clock()  # one clock for every service
        # every registered service's state, by botocore name, made by its registration
        self.stores: dict[str, Any] = {s.name: s.new_store(clock) for s in registry.services()}
        # the default service's (Connect Cases'), which also holds the limits and the event log
        # every service shares
        self.store: SharedStore = self.stores[registry.default().name]
        self.recorder = Recorder(record_calls)
        self.faults = Faults()
        self.dispatcher = Dispatcher(self.store, self.recorder, self.faults, account_id, self.stores)
        self.activations = Activations()  # the in-process mocks on this engine, innermost last

    def __repr__(self) -> str:
        return f"<Engine {self.store!r}, {len(self.recorder.calls)} call(s) recorded>"

    @property
    def clock(self) -> Clock:
        return self.store.clock

    @property
    def limits(self) -> Limits:
        return self.store.limits

    @property
    def publisher(self) -> Publisher:
        return self.store.publisher

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
        self.recorder.clear()
        self.faults.clear()

    def snapshot(self) -> Snapshot:
        clock = self.store.clock
        return Snapshot(
            self.store.snapshot(),
            self.store.limits.settings(),
            self.store.publisher.snapshot(),
            list(self.recorder.calls),
            self.faults.snapshot(),
            clock.now() if clock.frozen else None,
            {name: store.snapshot() for name, store in self._others().items()},
        )

    def restore(self, snapshot: Snapshot) -> None:
        """Puts back what ``snapshot`` saw (the snapshot stays reusable)."""
        self.store.restore(snapshot.backends)
        for name, store in self._others().items():
            store.restore(snapshot.others[name])
        self.store.limits.apply(snapshot.limits)
        self.store.publisher.restore(snapshot.events)
        self.recorder.restore(snapshot.calls)
        self.faults.restore(snapshot.faults)
        if snapshot.frozen_at is None:
            self.store.clock.unfreeze()
        else:
            self.store.clock.freeze(snapshot.frozen_at)

    def _others(self) -> dict[str, Any]:
        """Every store but Connect Cases' (``store``), by service name."""
        return {name: store for name, store in self.stores.items() if store is not self.store}

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
        scratch = Dispatcher(registry.default().new_store(self.clock), Recorder(1), Faults(), stores=stores)

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
