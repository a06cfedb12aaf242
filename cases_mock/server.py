"""The standalone server, in-process or as ``cases-mock serve`` (docs/server.md): ``CasesServer``,
the errors of its state file, and ``control_route`` to add a control endpoint."""

from __future__ import annotations

from cases_mock._server import (
    CasesServer,
    ControlRequest,
    HttpLimits,
    StateFileError,
    StateFileLocked,
    StateSaveError,
    Streamed,
    control_route,
    serve,
)

__all__ = [
    "CasesServer",
    "ControlRequest",
    "HttpLimits",
    "StateFileError",
    "StateFileLocked",
    "StateSaveError",
    "Streamed",
    "control_route",
    "serve",
]
