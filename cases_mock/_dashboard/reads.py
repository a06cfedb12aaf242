"""The dashboard reads state the way a client would: through the engine's ``invoke`` (parameters
validated against the model, the handler, the output check), output written by the serialiser,
but unrecorded (``recorded=False``: the dashboard must not show up in the calls it displays, and
no injected fault or rate quota touches it)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cases_mock._protocol.serialize import success_response
from cases_mock._services import registry

if TYPE_CHECKING:
    from cases_mock._engine.engine import Engine
    from cases_mock._services.connectcases.backend.store import CasesBackend

REQUEST_ID = "cases-mock-dashboard"
MAX_PAGES = 200  # a dashboard page never walks more than this many pages of one listing


@dataclass(frozen=True, slots=True)
class Reader:
    """Reads of the account and region of one Connect Cases backend, through ``engine``."""

    engine: Engine
    backend: CasesBackend  # read directly too, for what no operation answers (names, counts)

    def read(self, name: str, params: dict[str, Any], service: str | None = None) -> dict[str, Any]:
        """The wire output of operation ``name`` of ``service`` (botocore name; default Connect
        Cases) for ``params``; errors raised as CasesError."""
        output = self.engine.invoke(
            name,
            params,
            account=self.backend.account,
            region=self.backend.region,
            service=service,
            recorded=False,
        )
        operation = (registry.by_name(service) if service else None) or registry.default()
        written: dict[str, Any] = json.loads(
            success_response(operation.operation(name), output, REQUEST_ID).body
        )
        return written

    def all_pages(self, name: str, params: dict[str, Any], key: str) -> list[Any]:
        """Every item of a paginated listing, following ``nextToken``."""
        items: list[Any] = []
        token: str | None = None
        for _ in range(MAX_PAGES):
            page = self.read(name, {**params, **({"nextToken": token} if token else {})})
            items.extend(page.get(key) or [])
            token = page.get("nextToken")
            if not token:
                break
        return items
