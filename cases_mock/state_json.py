"""The whole state as JSON: what ``CasesMock.export_state`` / ``import_state`` and the server's
``/_cases_mock/state`` exchange (docs/working-with-the-mock.md#state-as-json).

The encoding is generic over the dataclasses of ``backend/records.py`` (and ``Domain``): each
becomes ``{"__record__": <class name>, <field>: <value>...}``, datetimes
``{"__datetime__": <ISO-8601>}`` and tuples ``{"__tuple__": [...]}``, so resources added later
round-trip without changes here. The replies kept for clientToken replays
(``backend/idempotency.py``) are ``{"__tokens__": [[token, digest, reply, first use, case ids],
...]}``, a case inside a reply as ``{"__case__": <case id>}`` (the domain's own case, resolved on
import), so a replay after a server restart gives the first answer.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from .backend import records
from .backend.cases import BatchOutcome
from .backend.domains import Domain
from .backend.idempotency import Entry, TokenReplies
from .backend.store import CasesBackend, Store
from .limits import Quotas
from .state_checks import check_references, check_type, trial_reads

FORMAT = "cases_mock/state/1"
RECORDS: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in [Domain, Quotas, BatchOutcome, *vars(records).values()]
    if isinstance(cls, type) and dataclasses.is_dataclass(cls)
}
SKIPPED = {"search_index", "dirty_cases", "lag"}
TOKEN_KINDS = ("client_tokens", "batch_replies")  # the DomainData members holding TokenReplies


def _encode(value: Any, in_reply: bool = False) -> Any:
    if in_reply and isinstance(value, records.Case):
        return {"__case__": value.case_id}
    if isinstance(value, TokenReplies):
        return {"__tokens__": [[_encode(part, in_reply=True) for part in entry] for entry in value.entries()]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        encoded: dict[str, Any] = {"__record__": type(value).__name__}
        for item in dataclasses.fields(value):
            if item.name not in SKIPPED:
                encoded[item.name] = _encode(getattr(value, item.name), in_reply)
        return encoded
    if isinstance(value, datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(v, in_reply) for v in value]}
    if isinstance(value, dict):
        return {str(k): _encode(v, in_reply) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode(v, in_reply) for v in value]
    return value


@dataclasses.dataclass(frozen=True, slots=True)
class _CaseRef:
    case_id: Any


@dataclasses.dataclass(slots=True)
class _PendingTokens:
    """Decoded ``__tokens__`` entries whose case references wait for the domain's cases."""

    entries: Any


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "__datetime__" in value:
        return datetime.fromisoformat(value["__datetime__"])
    if "__tuple__" in value:
        return tuple(_decode(v) for v in value["__tuple__"])
    if "__case__" in value:
        return _CaseRef(value["__case__"])
    if "__tokens__" in value:
        return _PendingTokens(_decode(value["__tokens__"]))
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
            _restore_all_tokens(backend, f"backends[{len(built)}]")
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


def _restore_all_tokens(backend: CasesBackend, path: str) -> None:
    domains: Any = backend.domains  # as decoded: the type checks come later
    if not isinstance(domains, dict):
        return
    for domain_id, domain in domains.items():
        if isinstance(domain, Domain) and isinstance(getattr(domain, "data", None), records.DomainData):
            _restore_tokens(domain.data, f"{path}.domains[{domain_id!r}].data")


def _restore_tokens(data: records.DomainData, path: str) -> None:
    """Turns the decoded ``__tokens__`` of ``data`` into TokenReplies, each case reference
    resolved to the domain's case; ValueError naming the first entry that does not fit."""
    for kind in TOKEN_KINDS:
        pending = getattr(data, kind)
        if isinstance(pending, TokenReplies):
            continue  # a state saved before the replies were part of it
        if not isinstance(pending, _PendingTokens) or not isinstance(pending.entries, list):
            raise ValueError(f"{path}.{kind}: expected clientToken replies")
        replies = TokenReplies()
        replies.restore(
            _entry(data, kind, raw, f"{path}.{kind}[{index}]") for index, raw in enumerate(pending.entries)
        )
        setattr(data, kind, replies)


def _entry(data: records.DomainData, kind: str, raw: Any, path: str) -> Entry:
    if not isinstance(raw, list) or len(raw) != 5:
        raise ValueError(f"{path}: expected [token, digest, reply, first use, case ids]")
    token, digest, reply, first_use, names = raw
    check_type(token, str, f"{path}[0]")
    check_type(digest, str, f"{path}[1]")
    check_type(first_use, datetime, f"{path}[3]")
    if not isinstance(names, tuple):
        raise ValueError(f"{path}[4]: expected the ids of the cases the reply names")
    for case_id in names:
        if not isinstance(case_id, str) or case_id not in data.cases:
            raise ValueError(f"{path}[4]: no case {case_id!r} in the domain")
    reply = _resolve(data, reply, f"{path}[2]")
    if kind == "client_tokens":
        if not isinstance(reply, str) or reply not in data.cases:
            raise ValueError(f"{path}[2]: expected the id of a case of the domain")
    elif token.startswith("batch-update:"):
        check_type(reply, BatchOutcome, f"{path}[2]")
    elif token.startswith("batch-related:"):
        _check_related_reply(reply, f"{path}[2]")
    else:
        raise ValueError(f"{path}[0]: not a clientToken of BatchUpdateCase or BatchCreateRelatedItem")
    return token, digest, reply, first_use, names


def _resolve(data: records.DomainData, value: Any, path: str) -> Any:
    if isinstance(value, _CaseRef):
        found = data.cases.get(value.case_id) if isinstance(value.case_id, str) else None
        if found is None:
            raise ValueError(f"{path}: no case {value.case_id!r} in the domain")
        return found
    if isinstance(value, list):
        return [_resolve(data, item, path) for item in value]
    if isinstance(value, tuple):
        return tuple(_resolve(data, item, path) for item in value)
    if isinstance(value, BatchOutcome):
        value.succeeded = _resolve(data, value.succeeded, f"{path}.succeeded")
    return value


def _check_related_reply(reply: Any, path: str) -> None:
    """BatchCreateRelatedItem's reply: ([(case, item)...], [(identifier, code, message)...])."""
    if not isinstance(reply, tuple) or len(reply) != 2:
        raise ValueError(f"{path}: expected (made, failed)")
    made, failed = reply
    check_type(made, list[tuple[records.Case, records.RelatedItem]], f"{path}.made")
    for index, pair in enumerate(made):
        if len(pair) != 2 or not isinstance(pair[0], records.Case):
            raise ValueError(f"{path}.made[{index}]: expected (case, related item)")
        check_type(pair[1], records.RelatedItem, f"{path}.made[{index}][1]")
    check_type(failed, list[tuple[dict[str, str], str, str]], f"{path}.failed")
