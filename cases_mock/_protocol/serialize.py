"""Writes handler results and errors in the rest-json wire format, by the service model's shapes."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timezone
from functools import cache
from typing import Any

from botocore.model import OperationModel, Shape

from cases_mock._engine.wire import WireResponse
from cases_mock._protocol.errors import CasesError
from cases_mock._protocol.model import error_shape
from cases_mock._services import registry

JSON_TYPE = "application/json"
REQUEST_ID_HEADER = "x-amzn-RequestId"


def success_headers(request_id: str) -> dict[str, str]:
    """The headers of a success, before those members of the output bound to headers add:
    what ``parsed.py`` reports in ``ResponseMetadata`` too."""
    return {REQUEST_ID_HEADER: request_id, "Content-Type": JSON_TYPE}


def iso8601(moment: datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SS.sssZ`` in UTC: the form every timestamp of the mock takes."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _write(shape: Shape, value: Any) -> Any:
    kind = shape.type_name
    if kind == "structure":
        return {
            name: _write(member, value[name])
            for name, member in shape.members.items()
            if value.get(name) is not None and "location" not in member.serialization
        }
    if kind == "list":
        return [_write(shape.member, item) for item in value]
    if kind == "map":
        return {key: _write(shape.value, item) for key, item in value.items()}
    if kind == "timestamp":
        if isinstance(value, datetime):
            return iso8601(value)
        if isinstance(value, (int, float)):
            return iso8601(datetime.fromtimestamp(value, tz=timezone.utc))
        return value
    if kind in ("double", "float") and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _headers_of(shape: Shape, value: dict[str, Any]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, member in shape.members.items():
        if member.serialization.get("location") == "header" and value.get(name) is not None:
            headers[member.serialization.get("name", name)] = str(value[name])
    return headers


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso8601(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


@cache
def _model_complete(service: str) -> bool:
    found = registry.by_name(service)
    return found is None or found.model_complete()


@cache
def _walks_shape(service: str, shape: Shape) -> bool:
    """Header members need the shape; so does an older model, whose shapes may lack members the
    handlers return (they are dropped: the mock serves exactly the installed model's members)."""
    return not _model_complete(service) or any(
        "location" in member.serialization for member in shape.members.values()
    )


def success_response(op: OperationModel, output: dict[str, Any], request_id: str) -> WireResponse:
    """The 200 answer. Handlers return members of the output shape (checked in the suite by
    ``CASES_MOCK_STRICT_OUTPUT``), so with the newest model the body is written directly: unset
    (None) members are dropped (the parser skips them at any depth) and timestamps become ISO-8601."""
    status, headers, write = success_parts(op, output, request_id)
    return WireResponse(status, headers, write())


def success_parts(
    op: OperationModel, output: dict[str, Any], request_id: str
) -> tuple[int, dict[str, str], Callable[[], bytes]]:
    """``success_response``'s status and headers, and the function that writes its body (the
    before-call path writes it only for someone who reads it)."""
    headers = success_headers(request_id)
    shape = op.output_shape
    status = int(op.http.get("responseCode", 200))
    if shape is None:
        return status, headers, lambda: b"{}"
    if _walks_shape(op.service_model.service_name, shape):
        headers.update(_headers_of(shape, output))
        return status, headers, lambda: _dumps(_write(shape, output))
    return (
        status,
        headers,
        lambda: _dumps({name: value for name, value in output.items() if value is not None}),
    )


def _dumps(body: dict[str, Any]) -> bytes:
    return json.dumps(body, default=_json_default).encode()


def _message_member(shape: Shape | None) -> str:
    """The error shape's message member as the model spells it (``message`` in Connect Cases,
    ``Message`` in Customer Profiles); ``message`` for an error the model does not list."""
    if shape is not None:
        for name in shape.members:
            if name.lower() == "message":
                return str(name)
    return "message"


def error_response(error: CasesError, request_id: str, service: str) -> WireResponse:
    """The error answer, its status and extra members by ``service``'s error shape of that code
    (botocore name; an error the model does not list keeps its class's status and extras)."""
    headers = {
        REQUEST_ID_HEADER: request_id,
        "x-amzn-ErrorType": error.code,
        "Content-Type": JSON_TYPE,
    }
    shape = error_shape(service, error.code)
    message = _message_member(shape)
    body: dict[str, Any] = {message: error.message}
    status = error.status
    if shape is not None:
        status = int(shape.metadata.get("error", {}).get("httpStatusCode", status))
        for name, member in shape.members.items():
            if name == message or error.extra.get(name) is None:
                continue
            if member.serialization.get("location") == "header":
                headers[member.serialization.get("name", name)] = str(error.extra[name])
            else:
                body[name] = error.extra[name]
    else:
        body.update(error.extra)
    return WireResponse(status, headers, json.dumps(body).encode())
