"""``Codec``: a service's records as JSON and back, generic over its dataclasses.

Each record becomes ``{"__record__": <class name>, <field>: <value>...}``, a datetime
``{"__datetime__": <ISO-8601>}`` and a tuple ``{"__tuple__": [...]}``; dicts and lists stay as
they are. So resources a service adds later round-trip without changes here. A service with
values of its own (Connect Cases' kept replies) subclasses it: ``extra_markers`` and the
``encode_special``/``decode_marked`` hooks. Decoding refuses anything encoding would not have
written (an unknown or missing field, a marker with company, nesting past ``MAX_DEPTH``) with a
``Misplaced`` naming its place.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from cases_mock._engine.state_checks import check_type

MAX_DEPTH = 100  # levels of JSON nesting a state may have (a saved one has fewer than 20)
PLAIN: Any = object()  # what ``encode_special`` returns for a value it leaves to the generic rules


class Misplaced(ValueError):
    """A problem found while decoding; its place in the state is collected on the way out."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.place: list[str] = []

    def at(self, prefix: str) -> str:
        return f"{prefix}{''.join(reversed(self.place))}: {self.problem}"


class Codec:
    """Encodes and decodes the records of one service (see the module docstring)."""

    extra_markers: tuple[str, ...] = ()

    def __init__(self, records: Iterable[Any], skipped: Iterable[str] = ()) -> None:
        self.records: dict[str, type[Any]] = {
            cls.__name__: cls for cls in records if isinstance(cls, type) and dataclasses.is_dataclass(cls)
        }
        self.skipped = frozenset(skipped)  # fields rebuilt after loading, never written
        self.markers = ("__datetime__", "__tuple__", *self.extra_markers, "__record__")

    # -- encoding ----------------------------------------------------------------------------
    def member_out(self, owner: type[Any], name: str, value: Any) -> Any:
        """What a subclass writes for member ``name`` of an ``owner`` record (by default the value)."""
        return value

    def member_in(self, owner: type[Any], name: str, decoded: Any) -> Any:
        """Member ``name`` of an ``owner`` record from what was written (undoes ``member_out``;
        a subclass raises ``Misplaced`` for what it cannot read)."""
        return decoded

    def encode_special(self, value: Any, in_reply: bool) -> Any:
        """A subclass's own form of ``value``, or ``PLAIN``."""
        return PLAIN

    def encode(self, value: Any, in_reply: bool = False) -> Any:
        """``value`` as JSON-able data; ``in_reply`` is handed to ``encode_special`` throughout."""
        special = self.encode_special(value, in_reply)
        if special is not PLAIN:
            return special
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            encoded: dict[str, Any] = {"__record__": type(value).__name__}
            for item in dataclasses.fields(value):
                if item.name not in self.skipped:
                    member = self.member_out(type(value), item.name, getattr(value, item.name))
                    encoded[item.name] = self.encode(member, in_reply)
            return encoded
        if isinstance(value, datetime):
            return {"__datetime__": value.isoformat()}
        if isinstance(value, tuple):
            return {"__tuple__": [self.encode(v, in_reply) for v in value]}
        if isinstance(value, dict):
            return {str(k): self.encode(v, in_reply) for k, v in value.items()}
        if isinstance(value, list):
            return [self.encode(v, in_reply) for v in value]
        return value

    # -- decoding ----------------------------------------------------------------------------
    def decode(self, value: Any, depth: int = 0) -> Any:
        """The JSON of one member back into records; ``Misplaced`` for anything ``encode`` would
        not have written."""
        if depth > MAX_DEPTH:
            raise Misplaced(f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, list):
            decoded = []
            for index, item in enumerate(value):
                try:
                    decoded.append(self.decode(item, depth + 1))
                except Misplaced as problem:
                    problem.place.append(f"[{index}]")
                    raise
            return decoded
        if not isinstance(value, dict):
            return value
        marker = next((m for m in self.markers if m in value), None)
        if marker == "__record__":
            return self._decode_record(value, depth)
        if marker is not None:
            if len(value) != 1:
                extra = next(k for k in value if k != marker)
                raise Misplaced(f"{extra!r} beside {marker!r} (a {marker} object has one member)")
            return self.decode_marked(marker, value[marker], depth)
        decoded_dict = {}
        for key, item in value.items():
            try:
                decoded_dict[key] = self.decode(item, depth + 1)
            except Misplaced as problem:
                problem.place.append(f"[{key!r}]")
                raise
        return decoded_dict

    def decode_marked(self, marker: str, inner: Any, depth: int) -> Any:
        """The value of a one-member marker object (a subclass adds its ``extra_markers``)."""
        if marker == "__datetime__":
            try:
                return datetime.fromisoformat(inner)
            except (TypeError, ValueError):
                raise Misplaced(f"not an ISO-8601 time: {inner!r}") from None
        if not isinstance(inner, list):
            raise Misplaced(f"{marker} holds {type(inner).__name__}, not a list")
        return tuple(self.decode(inner, depth))

    def _decode_record(self, value: dict[str, Any], depth: int) -> Any:
        name = value["__record__"]
        cls = self.records.get(name) if isinstance(name, str) else None
        if cls is None:
            raise Misplaced(f"unknown record type {name!r} in the state")
        fields = {item.name: item for item in dataclasses.fields(cls) if item.name not in self.skipped}
        arguments = {}
        for key, item in value.items():
            if key == "__record__":
                continue
            if key not in fields:
                problem = Misplaced(f"not a field of {name} (the state would lose it at the next save)")
                problem.place.append(f".{key}")
                raise problem
            try:
                arguments[key] = self.member_in(cls, key, self.decode(item, depth + 1))
            except Misplaced as problem:
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
            raise Misplaced(f"{name} without its field {missing[0]!r}")
        return cls(**arguments)

    def decode_member(self, entry: dict[str, Any], member: str, path: str) -> Any:
        """``entry[member]`` decoded; ValueError naming the place (``path.member...``)."""
        try:
            return self.decode(member_of(entry, member, path), 2)
        except Misplaced as problem:
            raise ValueError(problem.at(f"{path}.{member}")) from None


def member_of(entry: dict[str, Any], member: str, path: str) -> Any:
    """``entry[member]``; ValueError naming ``path`` if it has none."""
    if member not in entry:
        raise ValueError(f"{path}: without its member {member!r}")
    return entry[member]


def only_members(found: dict[str, Any], members: Iterable[str], prefix: str, what: str) -> None:
    """ValueError naming the first key of ``found`` not among ``members`` (it would be lost)."""
    allowed = tuple(members)
    for key in found:
        if key not in allowed:
            raise ValueError(
                f"{prefix}{key}: not a member of {what} ({', '.join(allowed)}); "
                "it would be lost at the next save"
            )


def exported_entries(backends: Any, members: Callable[[Any], dict[str, Any]]) -> list[dict[str, Any]]:
    """A service's backends (``Backends.backends()``) as the entries ``backend_entries`` reads:
    sorted by (account, region), each its ``account``, ``region`` and ``seq`` then ``members(backend)``,
    read under the backend's lock."""
    entries = []
    for (account, region), backend in sorted(backends.items()):
        with backend.lock:
            entries.append({"account": account, "region": region, "seq": backend._seq, **members(backend)})
    return entries


def backend_entries(
    entries: Any, member: str, allowed: Iterable[str], noun: str
) -> Iterator[tuple[str, dict[str, Any], tuple[str, str]]]:
    """Each backend of a service's part (``part[member]``, a list): its path, its entry and its
    (account, region), once the list, the entry, its members, ``account``/``region``/``seq``
    are checked and no (account, region) came earlier (ValueError naming the place if not)."""
    check_type(entries, list[Any], member)
    first_at: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(entries):
        path = f"{member}[{index}]"
        check_type(entry, dict[str, Any], path)
        only_members(entry, allowed, f"{path}.", noun)
        for name, kind in (("account", str), ("region", str), ("seq", int)):
            check_type(member_of(entry, name, path), kind, f"{path}.{name}")
        key = (entry["account"], entry["region"])
        if key in first_at:
            raise ValueError(
                f"{path}: account {key[0]!r} region {key[1]!r} again (first at {member}[{first_at[key]}]; "
                "one of the two would be lost)"
            )
        first_at[key] = index
        yield path, entry, key
