"""Turns a rest-json request into the operation's input parameters, guided by its input shape.

Members come from the URI labels, the query string, headers or the JSON body, as each member's
``location`` says. Only wire-level problems are reported here (a body that is not a JSON object,
a query value that is not a number); shape constraints are checked by ``validate``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from botocore.model import OperationModel, Shape

from cases_mock._engine.wire import WireRequest
from cases_mock._protocol.errors import ValidationException
from cases_mock._protocol.json_depth import MAX_JSON_DEPTH, TooDeep, loads
from cases_mock._protocol.validate import problem, refusal


def scalar_from_text(shape: Shape, text: str, name: str) -> Any:
    """A query or header value as its member's type (ValidationException naming the member)."""
    if shape.type_name in ("integer", "long"):
        try:
            return int(text)
        except ValueError:
            raise ValidationException(
                f"1 validation error detected: Value {text!r} at '{name}' failed to satisfy "
                "constraint: Member must be a number"
            ) from None
    if shape.type_name == "boolean":
        return text.lower() == "true"
    if shape.type_name in ("double", "float"):
        try:
            return float(text)
        except ValueError:
            raise ValidationException(
                f"1 validation error detected: Value {text!r} at '{name}' failed to satisfy "
                "constraint: Member must be a number"
            ) from None
    return text


def _body(request: WireRequest) -> dict[str, Any]:
    raw = request.body
    if not raw.strip():
        return {}
    try:
        body = loads(raw, MAX_JSON_DEPTH)
    except TooDeep as error:
        raise ValidationException(str(error)) from None
    except ValueError:
        raise ValidationException("The request body is not valid JSON") from None
    if not isinstance(body, dict):
        raise ValidationException("The request body must be a JSON object")
    return body


def parse(op: OperationModel, request: WireRequest, labels: dict[str, str]) -> dict[str, Any]:
    shape = op.input_shape
    if shape is None:
        return {}
    empty = [
        name
        for name, member in shape.members.items()
        if member.serialization.get("location") == "uri"
        and labels.get(member.serialization.get("name", name)) == ""
    ]
    if empty:  # an empty path segment where the label goes (router.py): never another operation
        raise refusal([problem(name, "", "have length greater than or equal to 1") for name in empty])
    query = parse_qs(request.query, keep_blank_values=True)
    params: dict[str, Any] = {}
    body_members = False
    for name, member in shape.members.items():
        location = member.serialization.get("location")
        wire_name = member.serialization.get("name", name)
        if location == "uri":
            if wire_name in labels:
                params[name] = labels[wire_name]
        elif location == "querystring":
            values = query.get(wire_name)
            if values is None:
                continue
            if member.type_name == "list":
                params[name] = [scalar_from_text(member.member, v, name) for v in values]
            else:
                params[name] = scalar_from_text(member, values[0], name)
        elif location == "header":
            value = request.header(wire_name)
            if value is not None:
                params[name] = scalar_from_text(member, value, name)
        else:
            body_members = True
    if body_members:
        body = _body(request)
        for name, member in shape.members.items():
            if "location" not in member.serialization:
                wire_name = member.serialization.get("name", name)
                if wire_name in body:
                    params[name] = body[wire_name]
    return params
