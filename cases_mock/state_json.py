"""The whole state as JSON: what ``CasesMock.export_state`` / ``import_state`` and the server's
``/_cases_mock/state`` exchange (docs/working-with-the-mock.md#state-as-json).

The encoding is generic over the dataclasses of ``backend/records.py`` (and ``Domain``): each
becomes ``{"__record__": <class name>, <field>: <value>...}``, datetimes
``{"__datetime__": <ISO-8601>}`` and tuples ``{"__tuple__": [...]}``, so resources added later
round-trip without changes here. Replies kept for clientToken replays are not exported.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from .backend import records
from .backend.domains import Domain
from .backend.store import CasesBackend, Store
from .limits import Quotas
from .state_checks import check_references, check_type, trial_reads

FORMAT = "cases_mock/state/1"
RECORDS: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in [Domain, Quotas, *vars(records).values()]
    if isinstance(cls, type) and dataclasses.is_dataclass(cls)
}
SKIPPED = {"client_tokens", "batch_replies", "search_index", "dirty_cases", "lag"}


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        encoded: dict[str, Any] = {"__record__": type(value).__name__}
        for item in dataclasses.fields(value):
            if item.name not in SKIPPED:
                encoded[item.name] = _encode(getattr(value, item.name))
        return encoded
    if isinstance(value, datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(v) for v in value]}
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "__datetime__" in value:
        return datetime.fromisoformat(value["__datetime__"])
    if "__tuple__" in value:
        return tuple(_decode(v) for v in value["__tuple__"])
    if "__record__" in value:
        cls = RECORDS.get(value["__record__"])
        if cls is None:
            raise ValueError(f"unknown record type {value['__record__']!r} in the state")
        names = {item.name for item in dataclasses.fields(cls)}
        return cls(**{k: _decode(v) for k, v in value.items() if k in names})
    return {k: _decode(v) for k, v in value.items()}


def export_store(store: Store) -> dict[str, Any]:
    backends = []
    for (account, region), backend in sorted(store.backends().items()):
        with backend.lock:
            backends.append(
                {
                    "account": account,
                    "region": region,
                    "seq": backend._seq,
                    "quotas": _encode(backend.quotas),
                    "contacts": _encode(backend.contacts),
                    "domains": _encode(backend.domains),
                }
            )
    return {"format": FORMAT, "backends": backends}


def import_store(store: Store, state: Any) -> None:
    """Replaces ``store``'s backends with ``state``'s once all of it is checked (state_checks.py);
    ValueError naming the first problem, and nothing changed, if not."""
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise ValueError(f"not a cases_mock state (expected format {FORMAT!r})")
    built: dict[tuple[str, str], CasesBackend] = {}
    try:
        for entry in state["backends"]:
            backend = CasesBackend(str(entry["account"]), str(entry["region"]), store.clock)
            backend._seq = entry["seq"]
            check_type(backend._seq, int, "seq")
            backend.quotas = _decode(entry["quotas"])
            backend.contacts = _decode(entry["contacts"])
            backend.domains = _decode(entry["domains"])
            built[(backend.account, backend.region)] = backend
        for index, backend in enumerate(built.values()):
            _check_backend(backend, f"backends[{index}]")
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"malformed cases_mock state: {error}") from None
    except ValueError as error:
        raise ValueError(f"malformed cases_mock state: {error}") from None
    store.replace(built)


def _check_backend(backend: CasesBackend, path: str) -> None:
    """Everything ``state_checks`` checks, before the store is touched."""
    check_type(backend.quotas, Quotas, f"{path}.quotas")
    check_type(backend.contacts, dict[str, tuple[str, Any]], f"{path}.contacts")
    check_type(backend.domains, dict[str, Domain], f"{path}.domains")
    for domain_id, domain in backend.domains.items():
        if domain.domain_id != domain_id:
            raise ValueError(f"{path}.domains[{domain_id!r}]: holds domain_id {domain.domain_id!r}")
        check_references(domain_id, domain.data, f"{path}.domains[{domain_id!r}].data")
    trial_reads(backend, path)
