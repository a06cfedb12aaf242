"""botocore's own parameters as the wire parser gives them: the before-call way in's input.

At ``before-call`` botocore holds the parameters of the call (after its parameter handlers: an
idempotency token it filled in is there) and the request it serialised from them. ``given``
turns the parameters into exactly what ``parse.parse`` makes of that request's URI labels,
query string and JSON body, without reading the body back: datetimes become what botocore
writes for the member's timestamp format, blobs their base64 text, tuples lists, Decimals and
the infinities what botocore writes for them, query values the text botocore sends read back by
the parser's own rules (a bad number fails the same way). Values of the exact type a member
expects are copied as they are (the record and the handler never share the caller's objects);
anything else goes through botocore's own serialiser and ``json``, value by value, so the result
is the same for any input botocore lets through (its ``parameter_validation`` on or off).

``given`` answers None (the caller parses the wire instead) where a request is not this simple:
an input with header members, a payload member or a host prefix (no registered model has one
today), a URI label that is not the string the router decoded, or nesting deep enough for the
body's depth limit (``json_depth.py``) to matter. A plan per operation, made once, says what to
convert; ``tests/protocol/test_params_parity.py`` holds it to the parser for every operation.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import cache
from typing import Any
from urllib.parse import parse_qs

from botocore.model import OperationModel, Shape
from botocore.serialize import create_serializer
from botocore.utils import percent_encode_sequence

from cases_mock._protocol.json_depth import MAX_JSON_DEPTH
from cases_mock._protocol.model import operation
from cases_mock._protocol.parse import scalar_from_text

Convert = Callable[[Any, int], Any]
"""A value of one shape, at a nesting depth, as the parser gives it from botocore's JSON."""

_SERIALIZER: Any = create_serializer("rest-json", include_validation=False)
_DEEP = MAX_JSON_DEPTH // 2  # deeper input: let the parser apply its limit to the real bytes


class Unsimple(Exception):
    """The request needs the wire parser (see the module docstring)."""


def given(op: OperationModel, params: dict[str, Any], labels: dict[str, str]) -> dict[str, Any] | None:
    """``params`` (botocore's, before serialisation) as ``parse.parse`` gives them for the
    request botocore made of them, whose URI labels the router decoded as ``labels``; None
    where the wire must be parsed instead."""
    plan = _plan(op.service_model.service_name, op.name)
    if plan is None:
        return None
    try:
        return plan(params, labels)
    except Unsimple:
        return None


Plan = Callable[[dict[str, Any], dict[str, str]], dict[str, Any]]


@cache
def _plan(service: str, operation_name: str) -> Plan | None:
    """The plan of one operation of ``service``'s installed model, built on first use."""
    return plan_for(operation(service, operation_name))


def plan_for(op: OperationModel) -> Plan | None:
    """What ``given`` does for ``op``'s input, worked out from its shape (None: parse the
    wire); it raises ``Unsimple`` for a request the wire must decide."""
    shape = op.input_shape
    if shape is None:
        return lambda params, labels: {}
    if shape.serialization.get("payload") or (op.endpoint or {}).get("hostPrefix"):
        return None
    uri: dict[str, str] = {}
    query: dict[str, tuple[str, Shape]] = {}
    body: dict[str, Convert] = {}
    made: dict[str, Convert] = {}  # one converter a shape, recursive ones included
    for name, member in shape.members.items():
        location = member.serialization.get("location")
        wire_name = member.serialization.get("name", name)
        if location == "uri":
            uri[name] = wire_name
        elif location == "querystring":
            query[name] = (wire_name, member)
        elif location is not None:
            return None
        else:
            body[name] = _converter(member, made)

    # the parser's order: the members with a location, then the body's, each in the shape's order
    order = [name for name in shape.members if name not in body] + list(body)

    def plan(params: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        asked: dict[str, Any] = {}
        for name, value in params.items():
            if value is None:  # botocore sends no member given as None
                continue
            if name in body:
                out[name] = body[name](value, 1)
            elif name in uri:
                if type(value) is not str or not value or labels.get(uri[name]) != value:
                    raise Unsimple
                out[name] = value
            elif name in query:
                asked[name] = value
            else:
                raise Unsimple
        if asked:
            out.update(_query(asked, query, shape))
        return {name: out[name] for name in order if name in out}

    return plan


def _query(asked: dict[str, Any], query: dict[str, tuple[str, Shape]], shape: Shape) -> dict[str, Any]:
    """Query members as the parser reads the query string botocore writes for them."""
    texts: dict[str, list[str]] = {}
    for name, value in asked.items():
        text = _query_text(value)
        if text is None:  # what botocore makes of anything else, read back as the parser does
            texts = parse_qs(_botocore_query(asked, shape), keep_blank_values=True)
            break
        if text:
            texts[query[name][0]] = text
    out: dict[str, Any] = {}
    for name, (wire_name, member) in query.items():
        values = texts.get(wire_name)
        if name not in asked or values is None:
            continue
        if member.type_name == "list":
            out[name] = [scalar_from_text(member.member, v, name) for v in values]
        else:
            out[name] = scalar_from_text(member, values[0], name)
    return out


def _query_text(value: Any) -> list[str] | None:
    kind = type(value)
    if kind is str:
        return [value]
    if kind is bool:
        return ["true" if value else "false"]
    if kind is int:
        return [str(value)]
    if kind is list and all(type(item) is str for item in value):
        return list(value)
    return None


def _botocore_query(asked: dict[str, Any], shape: Shape) -> str:
    partitioned: dict[str, dict[str, Any]] = {
        "uri_path_kwargs": {},
        "query_string_kwargs": {},
        "body_kwargs": {},
        "headers": {},
    }
    for name, value in asked.items():
        _SERIALIZER._partition_parameters(partitioned, name, value, shape.members)
    return str(percent_encode_sequence(partitioned["query_string_kwargs"]))


def _slow(shape: Shape) -> Convert:
    """Any value of ``shape`` through botocore's serialiser and ``json`` (what the wire does)."""

    def convert(value: Any, depth: int) -> Any:
        wrapper: dict[str, Any] = {}
        try:
            _SERIALIZER._serialize(wrapper, value, shape, "value")
            text = json.dumps(wrapper["value"])
        except Exception:  # botocore refused it before before-call: the wire decides anyway
            raise Unsimple from None
        if text.count("{") + text.count("[") + depth > _DEEP:
            raise Unsimple
        return json.loads(text)

    return convert


def _converter(shape: Shape, made: dict[str, Convert]) -> Convert:
    """The converter of one shape (recursive shapes share theirs through ``made``)."""
    if shape.name in made:
        return made[shape.name]
    slow = _slow(shape)
    kind = shape.type_name
    convert: Convert
    if kind == "string":
        convert = _exact(str, slow)
    elif kind in ("integer", "long"):
        convert = _exact(int, slow)
    elif kind == "boolean":
        convert = _exact(bool, slow)
    elif kind in ("double", "float"):

        def convert(value: Any, depth: int) -> Any:
            if type(value) is int or (type(value) is float and math.isfinite(value)):
                return value
            return slow(value, depth)

    elif kind == "list":
        convert = _list(shape, made, slow)
    elif kind == "map":
        convert = _map(shape, made, slow)
    elif kind == "structure" and not shape.is_document_type:
        convert = _structure(shape, made, slow)
    else:  # timestamps, blobs, documents: botocore's own conversion
        convert = slow
    made[shape.name] = convert
    return convert


def _exact(kind: type, slow: Convert) -> Convert:
    def convert(value: Any, depth: int) -> Any:
        return value if type(value) is kind else slow(value, depth)

    return convert


def _list(shape: Shape, made: dict[str, Convert], slow: Convert) -> Convert:
    cell: list[Convert] = []

    def convert(value: Any, depth: int) -> Any:
        if type(value) is not list:
            return slow(value, depth)
        if depth > _DEEP:
            raise Unsimple
        item = cell[0]
        return [item(v, depth + 1) for v in value]

    made[shape.name] = convert
    cell.append(_converter(shape.member, made))
    return convert


def _map(shape: Shape, made: dict[str, Convert], slow: Convert) -> Convert:
    cell: list[Convert] = []

    def convert(value: Any, depth: int) -> Any:
        if type(value) is not dict or not all(type(key) is str for key in value):
            return slow(value, depth)
        if depth > _DEEP:
            raise Unsimple
        item = cell[0]
        return {key: item(v, depth + 1) for key, v in value.items()}

    made[shape.name] = convert
    cell.append(_converter(shape.value, made))
    return convert


def _structure(shape: Shape, made: dict[str, Convert], slow: Convert) -> Convert:
    members: dict[str, tuple[str, Convert]] = {}

    def convert(value: Any, depth: int) -> Any:
        if type(value) is not dict:
            return slow(value, depth)
        if depth > _DEEP:
            raise Unsimple
        out: dict[str, Any] = {}
        for name, member_value in value.items():
            found = members.get(name)
            if found is None or member_value is None:
                return slow(value, depth)
            out[found[0]] = found[1](member_value, depth + 1)
        return out

    made[shape.name] = convert
    for name, member in shape.members.items():
        members[name] = (member.serialization.get("name", name), _converter(member, made))
    return convert
