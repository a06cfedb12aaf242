"""``cases-mock serve``: Connect Cases over HTTP for the AWS CLI and every other SDK (docs/server.md).

* ``app.py``: ``CasesServer`` (listener, connection cap, one request path to the dispatcher);
* ``http11.py``: HTTP/1.1 through h11, strictly, under a whole-request deadline, one write per response;
* ``security.py``: the Host, Origin and control-token checks every request passes;
* ``control.py``: the ``/_cases_mock/`` routing table (``@control_route`` extends it);
* ``index.py``: what ``GET /`` and ``GET /_cases_mock/`` answer (links, no data);
* ``persistence.py``: ``--state-file`` loading and atomic saves (``file_lock.py``: one server per file);
* ``run.py``: the foreground process (signals, periodic saves).
"""

from __future__ import annotations

from cases_mock._server.app import CasesServer
from cases_mock._server.control import ControlRequest, control_route
from cases_mock._server.http11 import HttpLimits, Streamed
from cases_mock._server.persistence import StateFileError, StateFileLocked, StateSaveError
from cases_mock._server.run import serve

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
