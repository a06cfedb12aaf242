"""Activation: the stack of in-process mocks on the engine the interception holds.

Every in-process mock of a process shares one engine, the one ``botocore_hook`` refers to (made
on the first start, kept after the last stop so ``keep_state=True`` keeps it for the next mock).
``push`` puts a mock on that engine's stack (the first switches interception on); ``pop``
takes its innermost activation off (the last switches interception off and resets the engine,
unless that mock keeps its state). The innermost activation names the account of requests
whose access key names none and the ring size of the call record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cases_mock._engine.recording import capacity_of
from cases_mock._interception import botocore_hook as hooks

if TYPE_CHECKING:
    from cases_mock._engine.engine import Engine

shared_engine = hooks.shared_engine


def active_mocks() -> list[Any]:
    """The active in-process mocks, outermost first (none before the first start)."""
    engine = hooks.current_engine()
    return list(engine.activations.stack) if engine is not None else []


def push(mock: Any) -> None:
    engine = hooks.shared_engine()
    activations = engine.activations
    with activations.lock:
        first = not activations.stack
        activations.stack.append(mock)
        _follow(engine)
        if first:
            switch = hooks.Interception()
            try:
                switch.install()
            except BaseException:
                activations.stack.remove(mock)
                _follow(engine)
                raise
            activations.switch = switch


def pop(mock: Any) -> bool:
    """Takes the innermost activation of ``mock`` off the stack; False if it has none."""
    engine = hooks.current_engine()
    if engine is None:
        return False
    activations = engine.activations
    with activations.lock:
        stack = activations.stack
        if mock not in stack:
            return False
        del stack[len(stack) - 1 - stack[::-1].index(mock)]
        _follow(engine)
        if stack:
            return True
        switch, activations.switch = activations.switch, None
        try:
            if switch is not None:
                switch.uninstall()
        finally:
            if not mock.keep_state:
                engine.reset()
                engine.clock.unfreeze()
    return True


def _follow(engine: Engine) -> None:
    """The switches, the account and the call record's size, from the stack as it is now."""
    activations = engine.activations
    activations.follow()
    if activations.stack:
        engine.dispatcher.account_id = activations.stack[-1].account_id
    chosen = next((m.record_calls for m in reversed(activations.stack) if m.record_calls is not None), None)
    capacity = capacity_of(chosen)
    if capacity != engine.recorder.capacity:
        engine.recorder.resize(capacity)
