"""The whole state as JSON: what ``CasesMock.export_state`` / ``import_state`` and the server's
``/_cases_mock/state`` exchange (docs/working-with-the-mock.md#state-as-json).

The encoding is generic over the dataclasses of ``backend/records.py`` (``Domain`` among them): each
becomes ``{"__record__": <class name>, <field>: <value>...}``, datetimes
``{"__datetime__": <ISO-8601>}`` and tuples ``{"__tuple__": [...]}``, so resources added later
round-trip without changes here. The replies kept for clientToken replays
(``backend/idempotency.py``) are ``{"__tokens__": [[token, digest, reply, first use, case ids],
...]}``, a case inside a reply as ``{"__case__": <case id>}`` (the domain's own case, resolved on
import), so a replay after a server restart gives the first answer.
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import datetime
from typing import Any

from cases_mock._engine.limits import Quotas
from cases_mock._services.connectcases.state_checks import check_references, check_type, trial_reads
from cases_mock._services.connectcases.backend import records
from cases_mock._services.connectcases.backend.cases import BatchOutcome
from cases_mock._services.connectcases.backend.idempotency import Entry, TokenReplies
from cases_mock._services.connectcases.backend.store import CasesBackend, Store

FORMAT = "cases_mock/state/1"
RECORDS: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in [Quotas, BatchOutcome, *vars(records).values()]
    if isinstance(cls, type) and dataclasses.is_dataclass(cls)
}
SKIPPED = {"search_index", "dirty_cases", "lag"}
MAX_DEPTH = 100  # levels of JSON nesting a state may have (a saved one has fewer than 20)
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


class _Misplaced(ValueError):
    """A problem found while decoding; its place in the state is collected on the way out."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.place: list[str] = []

    def at(self, prefix: str) -> str:
        return f"{prefix}{''.join(reversed(self.place))}: {self.problem}"


_MARKERS = ("__datetime__", "__tuple__", "__case__", "__tokens__", "__record__")


def _decode(value: Any, depth: int = 0) -> Any:
    """The JSON of one member back into records; _Misplaced for anything ``_encode`` would not
    have written (an unknown or missing field, a marker with company, nesting past MAX_DEPTH)."""
    if depth > MAX_DEPTH:
        raise _Misplaced(f"nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, list):
        decoded = []
        for index, item in enumerate(value):
            try:
                decoded.append(_decode(item, depth + 1))
            except _Misplaced as problem:
                problem.place.append(f"[{index}]")
                raise
        return decoded
    if not isinstance(value, dict):
        return value
    marker = next((m for m in _MARKERS if m in value), None)
    if marker == "__record__":
        return _decode_record(value, depth)
    if marker is not None:
        if len(value) != 1:
            extra = next(k for k in value if k != marker)
            raise _Misplaced(f"{extra!r} beside {marker!r} (a {marker} object has one member)")
        return _decode_marked(marker, value[marker], depth)
    decoded_dict = {}
    for key, item in value.items():
        try:
            decoded_dict[key] = _decode(item, depth + 1)
        except _Misplaced as problem:
            problem.place.append(f"[{key!r}]")
            raise
    return decoded_dict


def _decode_marked(marker: str, inner: Any, depth: int) -> Any:
    if marker == "__datetime__":
        try:
            return datetime.fromisoformat(inner)
        except (TypeError, ValueError):
            raise _Misplaced(f"not an ISO-8601 time: {inner!r}") from None
    if marker == "__case__":
        return _CaseRef(inner)
    if not isinstance(inner, list):
        raise _Misplaced(f"{marker} holds {type(inner).__name__}, not a list")
    decoded = _decode(inner, depth)
    return tuple(decoded) if marker == "__tuple__" else _PendingTokens(decoded)


def _decode_record(value: dict[str, Any], depth: int) -> Any:
    name = value["__record__"]
    cls = RECORDS.get(name) if isinstance(name, str) else None
    if cls is None:
        raise _Misplaced(f"unknown record type {name!r} in the state")
    fields = {item.name: item for item in dataclasses.fields(cls) if item.name not in SKIPPED}
    arguments = {}
    for key, item in value.items():
        if key == "__record__":
            continue
        if key not in fields:
            problem = _Misplaced(f"not a field of {name} (the state would lose it at the next save)")
            problem.place.append(f".{key}")
            raise problem
        try:
            arguments[key] = _decode(item, depth + 1)
        except _Misplaced as problem:
            problem.place.append(f".{key}")
            raise
    missing = [
        key
        for key, item in fields.items()
        if key not in arguments
        and item.default is dataclasses.MISSING
        and item.default_factory is dataclasses.MISSING
    ]
    if missing:
        raise _Misplaced(f"{name} without its field {missing[0]!r}")
    return cls(**arguments)


def _member(entry: dict[str, Any], member: str, path: str) -> Any:
    if member not in entry:
        raise ValueError(f"{path}: without its member {member!r}")
    return entry[member]


def _decode_member(entry: dict[str, Any], member: str, path: str) -> Any:
    try:
        return _decode(_member(entry, member, path), 2)
    except _Misplaced as problem:
        raise ValueError(problem.at(f"{path}.{member}")) from None


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


TOP_MEMBERS = ("format", "backends")
BACKEND_MEMBERS = ("account", "region", "seq", "quotas", "contacts", "domains")


def import_store(store: Store, state: Any) -> None:
    """Replaces ``store``'s backends with ``state``'s once all of it is checked (state_checks.py);
    ValueError naming the first problem, and nothing changed, if not. Everything in ``state``
    must be something ``export_store`` writes: an unknown member would be lost at the next save."""
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise ValueError(f"not a cases_mock state (expected format {FORMAT!r})")
    try:
        built = _build(store, state)
        for index, backend in enumerate(built.values()):
            _check_backend(backend, f"backends[{index}]")
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise ValueError(f"malformed cases_mock state: {error}") from None
    except RecursionError:
        raise ValueError(f"malformed cases_mock state: nested more than {MAX_DEPTH} levels deep") from None
    store.replace(built)


def _build(store: Store, state: dict[str, Any]) -> dict[tuple[str, str], CasesBackend]:
    _only(state, TOP_MEMBERS, "", "a cases_mock state")
    check_type(state.get("backends"), list[Any], "backends")
    built: dict[tuple[str, str], CasesBackend] = {}
    first_at: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(state["backends"]):
        path = f"backends[{index}]"
        check_type(entry, dict[str, Any], path)
        _only(entry, BACKEND_MEMBERS, f"{path}.", "a backend")
        for member, kind in (("account", str), ("region", str), ("seq", int)):
            check_type(_member(entry, member, path), kind, f"{path}.{member}")
        key = (entry["account"], entry["region"])
        if key in first_at:
            raise ValueError(
                f"{path}: account {key[0]!r} region {key[1]!r} again (first at backends[{first_at[key]}]; "
                "one of the two would be lost)"
            )
        first_at[key] = index
        backend = CasesBackend(key[0], key[1], store.clock)
        backend._seq = entry["seq"]
        backend.quotas = _decode_member(entry, "quotas", path)
        backend.contacts = _decode_member(entry, "contacts", path)
        backend.domains = _decode_member(entry, "domains", path)
        _restore_all_tokens(backend, path)
        built[key] = backend
    return built


def _only(found: dict[str, Any], members: tuple[str, ...], prefix: str, what: str) -> None:
    for key in found:
        if key not in members:
            raise ValueError(
                f"{prefix}{key}: not a member of {what} ({', '.join(members)}); "
                "it would be lost at the next save"
            )


def parse_state(text: str) -> Any:
    """The JSON text of a saved state, parsed; ValueError naming where if it repeats a key in
    any object (json would keep the last copy silently) or nests more than MAX_DEPTH deep."""
    repeated: list[_Repeated] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        made = dict(pairs)
        if len(made) == len(pairs):
            return made
        seen: set[str] = set()
        twice = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        marked = _Repeated(made)
        marked.key = twice
        repeated.append(marked)
        return marked

    try:
        state = json.loads(text, object_pairs_hook=pairs_hook)
    except RecursionError:
        raise ValueError(f"nested more than {MAX_DEPTH} levels deep {_too_deep_at(text)}") from None
    if repeated:
        where = _path_of(state, repeated[0])
        raise ValueError(
            f"{where or 'the top level'}: the key {repeated[0].key!r} appears twice (one copy would be lost)"
        )
    return state


class _Repeated(dict[str, Any]):
    """An object of the parsed text that repeated a key (``key``)."""

    key = ""


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _too_deep_at(text: str) -> str:
    depth = 0
    for match in _TOKEN.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                return f"at line {line} column {column}"
        elif match.group() in "]}":
            depth -= 1
    return "somewhere in the text"


def _path_of(root: Any, wanted: Any) -> str:
    """Where ``wanted`` (one object of ``root``) sits, as ``backends[0].domains['d'].name``."""
    stack: list[tuple[Any, str]] = [(root, "")]
    while stack:
        value, path = stack.pop()
        if value is wanted:
            return path
        if isinstance(value, dict):
            for key, item in value.items():
                step = f".{key}" if key.isidentifier() else f"[{key!r}]"
                stack.append((item, f"{path}{step}" if path or not step.startswith(".") else key))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{index}]") for index, item in enumerate(value))
    return ""


def _check_backend(backend: CasesBackend, path: str) -> None:
    """Everything ``state_checks`` checks, before the store is touched."""
    check_type(backend.quotas, Quotas, f"{path}.quotas")
    check_type(backend.contacts, dict[str, tuple[str, Any]], f"{path}.contacts")
    check_type(backend.domains, dict[str, records.Domain], f"{path}.domains")
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
