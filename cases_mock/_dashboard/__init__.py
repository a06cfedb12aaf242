"""The server's dashboard (docs/server.md#dashboard): browse the state, preview how a template's
layout and case rules present a case to an agent, watch recorded calls and manage faults.

``Dashboard(engine).handle(method, path, query, body)`` answers every request below the
mount point; ``cases-mock serve`` mounts it at ``/_cases_mock/ui/``.
"""

from __future__ import annotations

from cases_mock._dashboard.app import Dashboard, Reply

__all__ = ["Dashboard", "Reply"]
