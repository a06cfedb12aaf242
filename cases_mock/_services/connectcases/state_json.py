"""Connect Cases' part of the JSON state (``_engine/state_json.py`` composes every service's):
the member ``backends``, one entry per account and region (docs/working-with-the-mock.md#state-as-json).

The records of ``backend/records.py`` (``Domain`` among them) go through the engine's generic
``Codec`` (``_engine/state_codec.py``), so resources added later round-trip without changes here.
The replies kept for clientToken replays (``backend/idempotency.py``) are ``{"__tokens__":
[[token, digest, reply, first use, case ids], ...]}``, a case inside a reply as ``{"__case__":
<case id>}`` (the domain's own case, resolved on import), so a replay after a server restart gives
the first answer. The records ``wire_forms.STORED_AS_WIRE`` names are written in their wire form
(as they were stored before they became records), so older files load and exports are unchanged.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from typing import Any

from cases_mock._engine.limits import Quotas
from cases_mock._engine.state_checks import check_type
from cases_mock._engine.state_codec import PLAIN, Codec, Misplaced, backend_entries, exported_entries
from cases_mock._services.connectcases.backend import records
from cases_mock._services.connectcases.backend.cases import BatchOutcome
from cases_mock._services.connectcases.backend.idempotency import Entry, TokenReplies
from cases_mock._services.connectcases.backend.store import CasesBackend, CasesStore
from cases_mock._services.connectcases.state_checks import check_references, trial_reads
from cases_mock._services.connectcases.wire_forms import STORED_AS_WIRE
from cases_mock._services.registry import TrialRead

SKIPPED = {"search_index", "dirty_cases", "lag", "search_items"}
TOKEN_KINDS = ("client_tokens", "batch_replies")  # the DomainData members holding TokenReplies


@dataclasses.dataclass(frozen=True, slots=True)
class _CaseRef:
    case_id: Any


@dataclasses.dataclass(slots=True)
class _PendingTokens:
    """Decoded ``__tokens__`` entries whose case references wait for the domain's cases."""

    entries: Any


class _CasesCodec(Codec):
    """The generic codec, with the kept replies (``__tokens__``) and the cases inside them
    (``__case__``)."""

    extra_markers = ("__case__", "__tokens__")

    def member_out(self, owner: type[Any], name: str, value: Any) -> Any:
        form = STORED_AS_WIRE.get((owner, name))
        return form[0](value) if form is not None and value is not None else value

    def member_in(self, owner: type[Any], name: str, decoded: Any) -> Any:
        form = STORED_AS_WIRE.get((owner, name))
        if form is None or decoded is None:
            return decoded
        try:
            return form[1](decoded)
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            raise Misplaced(f"not the wire form {owner.__name__}.{name} is kept in ({error!r})") from None

    def encode_special(self, value: Any, in_reply: bool) -> Any:
        if in_reply and isinstance(value, records.Case):
            return {"__case__": value.case_id}
        if isinstance(value, TokenReplies):
            entries = value.entries()
            return {"__tokens__": [[self.encode(part, in_reply=True) for part in entry] for entry in entries]}
        return PLAIN

    def decode_marked(self, marker: str, inner: Any, depth: int) -> Any:
        if marker == "__case__":
            return _CaseRef(inner)
        if marker == "__tokens__":
            if not isinstance(inner, list):
                raise Misplaced(f"{marker} holds {type(inner).__name__}, not a list")
            return _PendingTokens(self.decode(inner, depth))
        return super().decode_marked(marker, inner, depth)


CODEC = _CasesCodec([Quotas, BatchOutcome, *vars(records).values()], SKIPPED)


def export_part(store: CasesStore) -> dict[str, Any]:
    """Connect Cases' members of the state: ``backends``, every account and region."""
    return {"backends": exported_entries(store.backends(), _members)}


def _members(backend: CasesBackend) -> dict[str, Any]:
    return {
        "quotas": CODEC.encode(backend.quotas),
        "contacts": CODEC.encode(backend.contacts),
        "domains": CODEC.encode(backend.domains),
    }


BACKEND_MEMBERS = ("account", "region", "seq", "quotas", "contacts", "domains")


def prepare_part(store: CasesStore, part: dict[str, Any], read: TrialRead) -> Callable[[], None]:
    """The backends of ``part`` built and checked whole (the types, the references and trial
    reads of everything through ``read``, state_checks.py): what puts them in place of
    ``store``'s; ValueError naming the first problem's place if not. Everything in ``part`` must
    be something ``export_part`` writes: an unknown member would be lost at the next save."""
    built = _build(store, part)
    for index, backend in enumerate(built.values()):
        _check_backend(backend, f"backends[{index}]", read)
    return lambda: store.replace(built)


def _build(store: CasesStore, part: dict[str, Any]) -> dict[tuple[str, str], CasesBackend]:
    built: dict[tuple[str, str], CasesBackend] = {}
    for path, entry, key in backend_entries(part.get("backends"), "backends", BACKEND_MEMBERS, "a backend"):
        backend = CasesBackend(key[0], key[1], store.shared)
        backend._seq = entry["seq"]
        backend.quotas = CODEC.decode_member(entry, "quotas", path)
        backend.contacts = CODEC.decode_member(entry, "contacts", path)
        backend.domains = CODEC.decode_member(entry, "domains", path)
        _restore_all_tokens(backend, path)
        built[key] = backend
    return built


def _check_backend(backend: CasesBackend, path: str, read: TrialRead) -> None:
    """Everything ``state_checks`` checks, before the store is touched."""
    check_type(backend.quotas, Quotas, f"{path}.quotas")
    check_type(backend.contacts, dict[str, tuple[str, Any]], f"{path}.contacts")
    check_type(backend.domains, dict[str, records.Domain], f"{path}.domains")
    for domain_id, domain in backend.domains.items():
        if domain.domain_id != domain_id:
            raise ValueError(f"{path}.domains[{domain_id!r}]: holds domain_id {domain.domain_id!r}")
        check_references(domain_id, domain.data, f"{path}.domains[{domain_id!r}].data")
    trial_reads(backend, path, read)


def _restore_all_tokens(backend: CasesBackend, path: str) -> None:
    domains: Any = backend.domains  # as decoded: the type checks come later
    if not isinstance(domains, dict):
        return
    for domain_id, domain in domains.items():
        data = getattr(domain, "data", None)
        if isinstance(domain, records.Domain) and isinstance(data, records.DomainData):
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
