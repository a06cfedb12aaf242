"""Turns a handler's output into botocore's parsed response directly, without the JSON round trip.

``serialize.success_response`` writes a handler's output as rest-json bytes and botocore's
``RestJSONParser`` reads them back; :func:`parsed_response` yields exactly what that parser yields
(``ResponseMetadata`` included, with ``RetryAttempts`` 0 as the before-call path sets it) from the
output itself. It follows the shape as the parser does: members in model order, unset members
left out, integers and longs through ``int``, floats and doubles through ``float``, booleans
through botocore's ``ensure_boolean``, blobs base64-decoded, unions checked for one member (an
unknown one becomes ``SDK_UNKNOWN_MEMBER``), members bound to headers or the status code read
from what the serialiser writes there.

Timestamps: the mock writes ``YYYY-MM-DDTHH:MM:SS.sssZ``, which botocore parses with dateutil.
dateutil gives a ``Z`` time ``tzlocal()`` when the machine's zone is named ``UTC`` (so on most CI
machines and containers) and ``tzutc()`` otherwise (``_zulu``). A number or a string given as a
timestamp goes through botocore's own ``parse_timestamp``, as it would from the bytes.

What serialise-then-parse does depends on how ``serialize.py`` writes the body (directly, or by
walking the shape on an older model or when members go to headers), so each plan is built for
the mode the serialiser uses for that operation. The plans are built once per operation and
cached: a call only walks the output.

Exact for outputs botocore's ``validate_parameters`` accepts against the output shape (what the
suite checks with ``CASES_MOCK_STRICT_OUTPUT``); tests/protocol/test_parsed_parity.py compares it
with botocore's parser for every operation. A member bound to the payload is refused when the
plan is built: the serialiser does not write payloads and no Connect Cases output has one.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable, Collection, Mapping
from datetime import datetime, timezone, tzinfo
from functools import cache
from typing import Any

import botocore
from botocore.model import OperationModel, Shape
from botocore.parsers import ResponseParserError
from botocore.utils import ensure_boolean, is_json_value_header, parse_timestamp
from dateutil.tz import UTC, enfold, tzlocal

from cases_mock._protocol.model import operation
from cases_mock._protocol.serialize import _walks_shape, iso8601, success_headers

Convert = Callable[[Any], Any]
Members = list[tuple[str, Shape]]
"""One value of a shape, as written by the serialiser, to what botocore's parser makes of it."""


# --- timestamps ---------------------------------------------------------------------------------


# The release whose parser the converter is held to (tests/protocol/test_parsed_parity.py): older
# ones differ in corners (a union with a null member, header booleans) and keep botocore's parser.
PARITY_SINCE = (1, 44, 18)


def holds_for_installed_botocore() -> bool:
    """Whether the converter yields what the installed botocore's parser would (see PARITY_SINCE)."""
    return tuple(int(part) for part in botocore.__version__.split(".")[:3]) >= PARITY_SINCE


@cache
def _local_zone(_state: tuple[Any, ...]) -> tzinfo:
    """One ``tzlocal()`` per state of the process's zone (it reads ``time`` when made)."""
    zone: tzinfo = tzlocal()
    return zone


def _zulu(naive: datetime) -> datetime:
    """``naive`` (UTC) as dateutil reads it from ``...Z``: ``Z`` is read as the zone name ``UTC``,
    which dateutil gives ``tzlocal()`` when the local zone is called that at that moment (trying the
    other fold of an ambiguous time), ``tzutc()`` otherwise (``parser._build_tzaware``)."""
    if "UTC" not in time.tzname:
        return naive.replace(tzinfo=UTC)
    aware = naive.replace(tzinfo=_local_zone((time.tzname, time.timezone, time.altzone, time.daylight)))
    if aware.tzname() == "UTC":
        return aware
    folded: datetime = enfold(aware, fold=1)
    if folded.tzname() == "UTC":
        return folded
    return aware.replace(tzinfo=UTC)


def _moment(value: datetime) -> datetime:
    """A datetime as the mock writes it (``serialize.iso8601``) and botocore reads it back."""
    utc = (value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    if utc.year < 1000:  # strftime writes fewer than four digits; let dateutil read what is written
        moment: datetime = parse_timestamp(iso8601(utc))
        return moment
    naive = datetime(
        utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second, utc.microsecond // 1000 * 1000
    )
    return _zulu(naive)


def _timestamp(walks: bool) -> Convert:
    def convert(value: Any) -> Any:
        if isinstance(value, datetime):
            return _moment(value)
        if walks and isinstance(value, (int, float)):  # the walking serialiser writes numbers as ISO
            return _moment(datetime.fromtimestamp(value, tz=timezone.utc))
        return parse_timestamp(value)  # a number written as one, or a string as given

    return convert


# --- other scalars ------------------------------------------------------------------------------


def _blob(value: Any) -> bytes:
    if isinstance(value, str):
        return base64.b64decode(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")  # as serialize.py refuses it


def _json_value(value: Any) -> Any:
    return json.loads(base64.b64decode(value).decode("utf-8"))


_SCALARS: dict[str, Convert] = {
    "integer": int,
    "long": int,
    "float": float,
    "double": float,
    "boolean": ensure_boolean,
    "blob": _blob,
}


# --- plans --------------------------------------------------------------------------------------


_INLINED = 6  # nested structures written in line in one converter, at most (then a call)


class _Source:
    """The Python source of one structure's converter, being written: its lines and the names
    (converters of other shapes) they call."""

    def __init__(self) -> None:
        self.lines = ["def convert(value):", "    if value is None:", "        return None"]
        self.scope: dict[str, Any] = {}
        self.count = 0

    def name(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    def call(self, convert: Convert, value: str) -> str:
        """An expression converting ``value`` by ``convert``."""
        if convert is list or convert is dict:
            return f"{convert.__name__}({value})"
        name = self.name("convert")
        self.scope[name] = convert
        return f"{name}({value})"

    def compiled(self) -> Convert:
        exec(compile("\n".join(self.lines), "<cases_mock parsed plan>", "exec"), self.scope)
        convert: Convert = self.scope["convert"]
        return convert


class _Builder:
    """Builds the converters of one operation's output; shapes seen before (recursion) are shared.

    A structure's converter is Python source written for it and compiled once: one ``get`` a
    member in model order, each member's conversion in line (a nested structure's members, a
    list's loop, a list or map of plain values copied by ``list`` or ``dict``), a union or a
    shape already being written (recursion) by a call to its own converter."""

    def __init__(self, walks: bool) -> None:
        self.walks = walks
        self.structures: dict[str, Convert] = {}

    def convert(self, shape: Shape) -> Convert | None:
        """The converter of ``shape``; None where the parser gives back what was written."""
        kind = shape.type_name
        if kind == "structure":
            return self.structure(shape)
        if kind == "list":
            return self.list(shape)
        if kind == "map":
            return self.map(shape)
        if kind == "timestamp":
            return _timestamp(self.walks)
        return _SCALARS.get(kind)

    def list(self, shape: Shape) -> Convert:
        member = self.convert(shape.member)
        if member is None:
            return list
        return lambda items: [None if item is None else member(item) for item in items]

    def map(self, shape: Shape) -> Convert:
        value = self.convert(shape.value)
        if value is None:
            return dict
        return lambda entries: {key: value(item) for key, item in entries.items()}

    def structure(self, shape: Shape, only: Collection[str] | None = None) -> Convert:
        """A structure's converter; with ``only``, one that reads just those members (not shared)."""
        known = self.structures.get(shape.name) if only is None else None
        if known is not None:
            return known
        built: list[Convert] = []
        if only is None:  # a member reaching this shape again (recursion) calls it once built
            self.structures[shape.name] = lambda value: built[0](value)
        members = _members(shape, only)
        source = _Source()
        self._members(source, members, "value", lambda parsed: f"return {parsed}", 1, {shape.name})
        convert = source.compiled()
        if shape.metadata.get("union"):
            known_members = {name: self.convert(member) for name, member in members}
            convert = _union(shape, known_members, convert, self.walks)
        built.append(convert)
        if only is None:
            self.structures[shape.name] = convert
        return convert

    def _members(
        self,
        source: _Source,
        members: Members,
        value: str,
        assign: Callable[[str], str],
        depth: int,
        inlined: set[str],
    ) -> None:
        """Lines converting the structure held in ``value`` (not None) member by member."""
        pad = "    " * depth
        parsed, get = source.name("parsed"), source.name("get")
        source.lines += [f"{pad}{parsed} = {{}}", f"{pad}{get} = {value}.get"]
        for name, member in members:
            item = source.name("item")
            source.lines += [f"{pad}{item} = {get}({name!r})", f"{pad}if {item} is not None:"]
            self._value(source, member, item, _setter(parsed, name), depth + 1, inlined)
        source.lines.append(pad + assign(parsed))

    def _value(
        self,
        source: _Source,
        shape: Shape,
        value: str,
        assign: Callable[[str], str],
        depth: int,
        inlined: set[str],
    ) -> None:
        """Lines converting ``value`` (not None) of ``shape`` and handing it to ``assign``."""
        pad = "    " * depth
        kind = shape.type_name
        if kind == "structure" and not shape.metadata.get("union"):
            if shape.name not in inlined and len(inlined) < _INLINED:
                self._members(source, _members(shape), value, assign, depth, inlined | {shape.name})
                return
        elif kind == "list" and (
            shape.member.type_name == "structure" or self.convert(shape.member) is not None
        ):
            items, element = source.name("items"), source.name("element")
            source.lines += [
                f"{pad}{items} = []",
                f"{pad}for {element} in {value}:",
                f"{pad}    if {element} is None:",
                f"{pad}        {items}.append(None)",
                f"{pad}    else:",
            ]
            self._value(
                source, shape.member, element, lambda expr: f"{items}.append({expr})", depth + 2, inlined
            )
            source.lines.append(pad + assign(items))
            return
        convert = self.convert(shape)
        source.lines.append(pad + assign(value if convert is None else source.call(convert, value)))


def _setter(parsed: str, name: str) -> Callable[[str], str]:
    """The line setting member ``name`` of the dict ``parsed`` to an expression."""
    return lambda expr: f"{parsed}[{name!r}] = {expr}"


def _members(shape: Shape, only: Collection[str] | None = None) -> Members:
    """A structure's members (``only`` those named) in model order; refused when one is renamed
    on the wire."""
    members = [(name, member) for name, member in shape.members.items() if only is None or name in only]
    for name, member in members:
        if member.serialization.get("name", name) != name:
            raise ValueError(f"{shape.name}.{name} is renamed on the wire; serialize.py does not rename")
    return members


def _union(shape: Shape, members: dict[str, Convert | None], plain: Convert, walks: bool) -> Convert:
    """A union's converter: a value of one known member set is that member converted; anything
    else goes as the parser takes it (``_unknown_union_member``)."""
    absent = object()

    def convert(value: Any) -> Any:
        if value is None:
            return None
        if len(value) == 1:
            ((name, item),) = value.items()
            member = members.get(name, absent)
            if member is not absent and item is not None:
                return {name: item if member is None else member(item)}  # type: ignore[operator]
        unknown = _unknown_union_member(shape, value, walks)
        return plain(value) if unknown is None else unknown

    return convert


def _unknown_union_member(shape: Shape, value: Mapping[str, Any], walks: bool) -> Any:
    """What the parser makes of a union with an unknown member (None when all is known), or its
    ResponseParserError when not exactly one member is set (``_has_unknown_tagged_union_member``).
    The walking serialiser drops members the model lacks, so the parser sees only known ones."""
    members = shape.members
    if walks:
        written = {name: item for name, item in value.items() if name in members and item is not None}
    else:
        written = {name: item for name, item in value.items() if item is not None and name != "__type"}
    if len(written) != 1:
        raise ResponseParserError(
            f"Invalid service response: {shape.name} must have one and only one member set."
        )
    if next(iter(written)) in members:
        return None
    return {"SDK_UNKNOWN_MEMBER": {"name": next(iter(value))}}  # botocore names the first key written


class ResponsePlan:
    """The parsed response of one operation, built from its output shape once."""

    def __init__(self, op: OperationModel) -> None:
        shape = op.output_shape
        self.status = int(op.http.get("responseCode", 200))
        self.headers: list[tuple[str, str, Convert | None, bool]] = []
        self.status_members: list[tuple[str, Convert | None]] = []
        self.header_maps: list[tuple[str, str]] = []
        self.body: Convert | None = None
        if shape is None:
            return
        if "payload" in shape.serialization:
            raise ValueError(
                f"{shape.name} binds a member to the payload; serialize.py does not write payloads"
            )
        builder = _Builder(walks=_walks_shape(op.name, shape))
        body = [name for name, member in shape.members.items() if "location" not in member.serialization]
        for name, member in shape.members.items():
            location = member.serialization.get("location")
            if location == "header":
                convert = _json_value if is_json_value_header(member) else builder.convert(member)
                name_on_wire = member.serialization.get("name", name)
                self.headers.append((name, name_on_wire, convert, member.type_name == "list"))
            elif location == "statusCode":
                self.status_members.append((name, builder.convert(member)))
            elif location == "headers":
                self.header_maps.append((name, member.serialization.get("name", "").lower()))
        self.body = builder.structure(shape, only=body) if body else None
        self.order = list(shape.members)

    def __call__(self, output: Mapping[str, Any] | None, request_id: str) -> dict[str, Any]:
        output = output or {}
        written = success_headers(request_id)
        headers = {name.lower(): value for name, value in written.items()}
        parsed: dict[str, Any] = {
            "ResponseMetadata": {
                "RequestId": request_id,
                "HTTPStatusCode": self.status,
                "HTTPHeaders": headers,
                "RetryAttempts": 0,
            }
        }
        if self.headers or self.status_members or self.header_maps:
            self._located(output, written, headers, parsed)
        if self.body is not None:
            parsed.update(self.body(output))
        return parsed

    def _located(
        self,
        output: Mapping[str, Any],
        written: dict[str, str],
        headers: dict[str, str],
        parsed: dict[str, Any],
    ) -> None:
        """Members bound to the status code and headers, in model order as the parser reads them:
        each header member is added to ``written`` (as the serialiser writes it) and ``headers``
        (lower-cased, as ``ResponseMetadata`` shows it)."""
        found: dict[str, Any] = {}
        for name, name_on_wire, convert, is_list in self.headers:
            if output.get(name) is None:
                continue
            text = written[name_on_wire] = headers[name_on_wire.lower()] = str(output[name])
            value: Any = [part.strip() for part in text.split(",")] if is_list else text
            found[name] = value if convert is None else convert(value)
        for name, convert in self.status_members:
            found[name] = self.status if convert is None else convert(self.status)
        for name, prefix in self.header_maps:
            found[name] = {
                key[len(prefix) :]: v for key, v in written.items() if key.lower().startswith(prefix)
            }
        parsed.update((name, found[name]) for name in self.order if name in found)


@cache
def plan(service: str, operation_name: str) -> ResponsePlan:
    """The plan of one operation of ``service``'s installed model, built on first use."""
    return ResponsePlan(operation(service, operation_name))


def parsed_response(op: OperationModel, output: Mapping[str, Any] | None, request_id: str) -> dict[str, Any]:
    """What botocore's rest-json parser returns for ``serialize.success_response(op, output,
    request_id)``, with ``ResponseMetadata.RetryAttempts`` 0, built without writing or reading JSON."""
    return plan(op.service_model.service_name, op.name)(output, request_id)
