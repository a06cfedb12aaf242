"""The dashboard reads state the way a client would: through the request path's core
(``dispatch.read``: parameters validated against the model, the handler), output written by the
serialiser, but without recording a call (the dashboard must not show up in the calls it
displays) and untouched by injected faults or rate quotas."""

from __future__ import annotations

import json
from typing import Any

from cases_mock._engine.dispatch import read
from cases_mock._protocol.serialize import success_response
from cases_mock._services.connectcases.backend.store import CasesBackend, Store
from cases_mock._services.connectcases.errors import not_found
from cases_mock._services.connectcases.service import SERVICE

REQUEST_ID = "cases-mock-dashboard"
MAX_PAGES = 200  # a dashboard page never walks more than this many pages of one listing


def existing_backend(store: Store, account: str, region: str) -> CasesBackend:
    """The backend of (account, region); ResourceNotFoundException rather than creating one."""
    found = store.backends().get((account, region))
    if found is None:
        raise not_found("Backend", f"{account}/{region}")
    return found


def api_read(backend: CasesBackend, name: str, params: dict[str, Any]) -> dict[str, Any]:
    """The wire output of operation ``name`` for ``params`` (errors raised as CasesError)."""
    output = read(backend, name, params, REQUEST_ID)
    written: dict[str, Any] = json.loads(success_response(SERVICE.operation(name), output, REQUEST_ID).body)
    return written


def all_pages(backend: CasesBackend, name: str, params: dict[str, Any], key: str) -> list[Any]:
    """Every item of a paginated listing, following ``nextToken``."""
    items: list[Any] = []
    token: str | None = None
    for _ in range(MAX_PAGES):
        page = api_read(backend, name, {**params, **({"nextToken": token} if token else {})})
        items.extend(page.get(key) or [])
        token = page.get("nextToken")
        if not token:
            break
    return items
