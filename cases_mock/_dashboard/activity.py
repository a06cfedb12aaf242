"""The dashboard's view of the recorded calls (newest first, filtered) and the injected faults.

Adding and clearing faults, and resetting, go through the server's own control endpoints
(``/_cases_mock/faults``, ``/_cases_mock/reset``); this module only reads.
"""

from __future__ import annotations

from typing import Any

from cases_mock._engine.faults import Faults
from cases_mock._engine.recording import Recorder
from cases_mock._services.connectcases.errors import MODELED_ERRORS
from cases_mock._services.connectcases.service import SERVICE

CALLS_SHOWN = 500  # the newest calls a page shows at most


def calls(recorder: Recorder, query: dict[str, str]) -> dict[str, Any]:
    """The recorded calls, newest first, filtered by ``operation`` and ``status``.

    ``status`` is an exact code (``404``), a class (``4xx``), ``ok`` (below 400) or ``error``.
    """
    wanted_operation = query.get("operation", "")
    wanted_status = query.get("status", "").lower()
    recorded = list(recorder.calls)
    shown = []
    for call in reversed(recorded):
        if wanted_operation and call.operation != wanted_operation:
            continue
        if wanted_status and not _status_matches(call.status, wanted_status):
            continue
        shown.append(call.as_json())
        if len(shown) >= CALLS_SHOWN:
            break
    return {
        "calls": shown,
        "total": len(recorded),
        "operations": sorted({call.operation for call in recorded if call.operation}),
    }


def _status_matches(status: int, wanted: str) -> bool:
    if wanted == "ok":
        return status < 400
    if wanted == "error":
        return status >= 400
    if len(wanted) == 3 and wanted.endswith("xx"):
        return str(status)[0] == wanted[0]
    return str(status) == wanted


def faults(injected: Faults) -> dict[str, Any]:
    """The faults in force, and what a new one may name."""
    return {
        "faults": [
            {
                "operation": fault.operation,
                "error": fault.error,
                "times": fault.times,
                "probability": fault.probability,
                "latency": fault.latency,
                "message": fault.message,
            }
            for fault in list(injected.rules)
        ],
        "operations": list(SERVICE.operation_names()),
        "errors": sorted(MODELED_ERRORS),
    }
