"""The in-process mocks active on one engine: a stack (innermost last), and what the
interception reads from it on every request.

Activations nest and share the engine: the first switches interception on, the last off. The
innermost activation names the account of requests whose access key names none and the ring
size of the call record; any of them may ask for any endpoint or for the full path.
``handoff`` is per thread: an error answer computed at ``before-call`` waiting for the same
call's first ``before-send`` (``_interception/fast_path.py``).
"""

from __future__ import annotations

import os
import threading
import weakref
from typing import Any, Protocol

from cases_mock._engine.wire import WireResponse

FULL_PATH_ENV = "CASES_MOCK_FULL_PATH"


class Activation(Protocol):
    """What the stack reads of an in-process mock (``CasesMock``)."""

    @property
    def account_id(self) -> str: ...
    @property
    def any_endpoint(self) -> bool: ...
    @property
    def full_path(self) -> bool: ...
    @property
    def record_calls(self) -> int | bool | None: ...
    @property
    def left_alone(self) -> frozenset[str]: ...


class Handoff(threading.local):
    """An error answer computed at before-call, keyed by (url, body), for the first before-send."""

    key: tuple[str, bytes] | None = None
    answer: WireResponse | None = None


class Activations:
    """The stack of active in-process mocks of one engine, and the switches it sets."""

    def __init__(self) -> None:
        self.stack: list[Any] = []
        self.answering = False  # whether interception answers (some mock is active)
        self.any_endpoint = False
        self.fast = True  # answer at before-call unless a mock asked for the full path
        self.left_alone: frozenset[str] = frozenset()  # services (botocore names) no active mock answers
        self.handoff = Handoff()
        self.switch: Any = None  # what switched interception on (undone by the last stop)
        self.lock = threading.RLock()
        # the configured endpoints already warned of (source, url), once each (configured_endpoint.py)
        self.warned: set[tuple[str, str]] = set()
        # this process's ``CasesServer``s: a configured endpoint naming one is left alone
        self.servers: weakref.WeakSet[Any] = weakref.WeakSet()

    def follow(self) -> None:
        """Sets the switches from the stack (after every push and pop)."""
        stack = self.stack
        self.answering = bool(stack)
        self.any_endpoint = any(mock.any_endpoint for mock in stack)
        self.left_alone = (
            frozenset.intersection(*(mock.left_alone for mock in stack)) if stack else frozenset()
        )
        self.fast = not any(mock.full_path for mock in stack) and os.environ.get(FULL_PATH_ENV) != "1"
