"""The standalone server, in-process or as ``cases-mock serve`` (docs/server.md): ``CasesServer``,
the errors of its state file, and ``control_route`` to add a control endpoint. The names and
their list are ``_server``'s (its ``__init__``), re-exported here as the public module."""

from __future__ import annotations

from cases_mock._server import *  # noqa: F403 (exactly the names of _server's __all__)
from cases_mock._server import __all__ as __all__
