"""A record of the calls the dispatcher handled, for assertions (like ``responses.calls``).

Each call is recorded with its service (botocore's name) and operation, the parsed input, the
output or the error, the HTTP status, the account, region and time. Recording is one append per
call to a ring buffer of ``DEFAULT_CAPACITY`` calls (``mock_connectcases(record_calls=N)``,
``cases-mock serve --record-calls N``; ``False``/0 records nothing), so a long run keeps a fixed
amount; a ``Recorder.clear`` runs with every reset.
"""

from __future__ import annotations

import bisect
import threading
from collections import deque
from dataclasses import dataclass
from datetime import datetime
from typing import Any

DEFAULT_CAPACITY = 10_000


@dataclass(slots=True)
class RecordedCall:
    """One handled call (treat as read-only)."""

    operation: str  # "" when the request matched no operation
    params: dict[str, Any]
    status: int
    account: str
    region: str
    time: datetime
    output: dict[str, Any] | None = None
    error_code: str | None = None
    error_message: str | None = None
    method: str = ""
    path: str = ""
    service: str = ""  # botocore's name of the service answering: "connectcases", "customer-profiles"
    seq: int = 0  # set by the recorder: 1 for the first call recorded

    def __repr__(self) -> str:
        error = f" {self.error_code}" if self.error_code else ""
        return f"<RecordedCall {self.operation or self.method + ' ' + self.path} {self.status}{error}>"

    def as_json(self) -> dict[str, Any]:
        """A JSON-able form (the server's ``/_cases_mock/calls``)."""
        return {
            "operation": self.operation,
            "params": self.params,
            "status": self.status,
            "account": self.account,
            "region": self.region,
            "time": self.time.isoformat(),
            "output": self.output,
            "errorCode": self.error_code,
            "errorMessage": self.error_message,
            "method": self.method,
            "path": self.path,
            "service": self.service,
            "seq": self.seq,
        }


class Recorder:
    """The newest ``capacity`` calls (a ring buffer: the oldest drop out); 0 records nothing.

    Each call gets a sequence number (1, 2, ...; not reused after ``clear``) so a reader can page
    with "calls after N" while new calls arrive.
    """

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self._lock = threading.Lock()
        self._seq = 0
        self.calls: deque[RecordedCall] = deque(maxlen=_checked(capacity))

    @property
    def capacity(self) -> int:
        return self.calls.maxlen or 0

    def resize(self, capacity: int) -> None:
        """Keeps the newest ``capacity`` calls recorded so far."""
        with self._lock:
            self.calls = deque(self.calls, maxlen=_checked(capacity))

    def record(self, call: RecordedCall) -> None:
        if not self.calls.maxlen:
            return
        with self._lock:
            self._seq += 1
            call.seq = self._seq
            self.calls.append(call)

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()

    def restore(self, calls: list[RecordedCall]) -> None:
        """Keeps only ``calls`` (recorded earlier); sequence numbers go on from the newest."""
        with self._lock:
            self.calls.clear()
            self.calls.extend(calls)

    def of(self, operation: str) -> list[RecordedCall]:
        """The recorded calls of one operation, oldest first; ``"customer-profiles.ListDomains"``
        names the service too (a bare name: that operation of any service)."""
        service, dot, name = operation.rpartition(".")
        return [
            call
            for call in list(self.calls)
            if call.operation == (name if dot else operation) and (not dot or call.service == service)
        ]

    def page(self, after: int = 0, limit: int = 100) -> list[RecordedCall]:
        """Up to ``limit`` recorded calls with a sequence number above ``after``, oldest first."""
        with self._lock:
            calls = list(self.calls)
        if calls and calls[0].seq <= after:
            start = bisect.bisect_right([call.seq for call in calls], after)
            calls = calls[start:]
        return calls[:limit]


def capacity_of(record_calls: int | bool | None) -> int:
    """The ring size ``record_calls`` asks for: True/None the default, False 0, N itself."""
    if record_calls is None or record_calls is True:
        return DEFAULT_CAPACITY
    if record_calls is False:
        return 0
    return _checked(record_calls)


def _checked(capacity: object) -> int:
    if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 0:
        raise ValueError(f"record_calls must be a whole number >= 0 (or True/False), not {capacity!r}")
    return capacity
