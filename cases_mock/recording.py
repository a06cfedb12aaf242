"""A record of the calls the dispatcher handled, for assertions (like ``responses.calls``).

Each call is recorded with its operation, the parsed input, the output or the error, the HTTP
status, the account, region and time. Recording is one append per call; ``Recorder.clear`` runs
with every reset.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


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
        }


@dataclass
class Recorder:
    calls: list[RecordedCall] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, call: RecordedCall) -> None:
        with self._lock:
            self.calls.append(call)

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()

    def of(self, operation: str) -> list[RecordedCall]:
        """The recorded calls of one operation, oldest first."""
        return [call for call in list(self.calls) if call.operation == operation]
