"""``EngineView``: the shared engine as a test sees and steers it, the base of ``CasesMock``.

What a test reads (the clock, limits, recorded calls, the whole state as JSON) and
steers (quotas, reset, import and load) of the engine every in-process mock shares
(``activation.shared_engine``). Writes that would land in the state the next mock starts from
are refused with ``MockNotActiveError`` while no mock is active.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cases_mock._interception import activation

if TYPE_CHECKING:
    from cases_mock._engine.clock import Clock
    from cases_mock._engine.engine import Engine
    from cases_mock._engine.limits import Limits, Quotas
    from cases_mock._engine.recording import RecordedCall


class MockNotActiveError(RuntimeError):
    """A call that needs an active mock on one that is not: ``stop()`` without a matching
    ``start()`` (never started, or stopped already), or ``seed()``, ``backend()``,
    ``import_state()``/``load()``, ``inject_fault()`` or setting ``quotas`` while no mock is
    active (they would write into the state the next mock starts from)."""


def require_active(what: str) -> None:
    """MockNotActiveError naming ``what`` while no in-process mock is active."""
    if not activation.active_mocks():
        raise MockNotActiveError(
            f"{what} on a mock that is not active: no mock is started, so it would write into "
            f"the state the next mock starts from. Call it inside `with mock_connectcases() as "
            f"mock:`, a decorated test or the cases_mock fixture, or after mock.start()"
        )


class EngineView:
    """The state every in-process mock shares, as a test reads and steers it."""

    @property
    def engine(self) -> Engine:
        """The state every in-process mock shares, and the request path over it (engine.py)."""
        return activation.shared_engine()

    @property
    def clock(self) -> Clock:
        """The clock every timestamp comes from: ``freeze()``, ``advance()``, ``unfreeze()``."""
        return self.engine.clock

    @property
    def limits(self) -> Limits:
        """The opt-in rate quotas and search delay, and the resource quotas (limits.py)."""
        return self.engine.limits

    @property
    def quotas(self) -> Quotas:
        """The resource quotas every backend of this mock enforces; settable."""
        return self.engine.limits.quotas

    @quotas.setter
    def quotas(self, quotas: Quotas) -> None:
        require_active("setting quotas")
        self.engine.limits.quotas = quotas

    def reset(self) -> None:
        """Forgets every domain, case and setting of every account and region, the published
        events, the recorded calls and the injected faults."""
        self.engine.reset()

    # -- calls ----------------------------------------------------------------------------
    @property
    def calls(self) -> list[RecordedCall]:
        """The calls answered since the outermost activation, oldest first (the newest
        ``record_calls`` of them: a ring buffer, recording.py)."""
        return list(self.engine.recorder.calls)

    def calls_of(self, operation: str) -> list[RecordedCall]:
        """The recorded calls of one operation (e.g. ``"CreateCase"``), oldest first."""
        return self.engine.recorder.of(operation)

    # -- state as JSON -----------------------------------------------------------------------
    def export_state(self) -> dict[str, Any]:
        """The whole state (every account and region) as JSON-able data."""
        return self.engine.export()

    def import_state(self, state: dict[str, Any]) -> None:
        """Replaces the whole state with one ``export_state`` (or the server) produced."""
        require_active("import_state()")
        self.engine.import_state(state)

    def save(self, path: str) -> None:
        """Writes ``export_state()`` to the JSON file ``path``."""
        self.engine.save(path)

    def load(self, path: str) -> None:
        """Replaces the whole state with the JSON file ``path`` that ``save`` wrote (ValueError,
        nothing replaced, for a file that repeats a key or that ``import_state`` refuses)."""
        require_active("load()")
        self.engine.load(path)
