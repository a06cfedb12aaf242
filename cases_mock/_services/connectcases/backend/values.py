"""Field values: wire unions <-> stored scalars, checked against the field's type.

Which union member each field type takes (docs/behaviour.md#field-values):

| type | member | stored as |
|---|---|---|
| Text, Url, SingleSelect | stringValue | str (SingleSelect: the option *value*) |
| DateTime | stringValue, ISO-8601 | str, normalised to ``YYYY-MM-DDTHH:MM:SS.sssZ`` UTC |
| Number | doubleValue | float |
| Boolean | booleanValue | bool |
| User | userArnValue | str (a Connect user ARN) |

``emptyValue`` on any type means "no value" and is returned as ``None``.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from cases_mock._services.connectcases.backend.records import Field, Scalar
from cases_mock._services.connectcases.errors import ValidationException

MEMBER_FOR_TYPE = {
    "Text": "stringValue",
    "Url": "stringValue",
    "SingleSelect": "stringValue",
    "DateTime": "stringValue",
    "Number": "doubleValue",
    "Boolean": "booleanValue",
    "User": "userArnValue",
}
SUMMARY_MAX = 3000
TEXT_MAX = 4100
USER_ARN = re.compile(r"^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance/[^/]+/(agent|user)/[^/]+$")
CUSTOMER_ARN = re.compile(r"^arn:aws[a-z-]*:profile:[a-z0-9-]+:\d{12}:domains/[^/]+/profiles/[^/]+$")


def normalise_datetime(text: str) -> str | None:
    """``text`` as ``YYYY-MM-DDTHH:MM:SS.sssZ`` UTC, or None when it is not ISO-8601."""
    candidate = text.strip()
    if candidate.endswith(("Z", "z")):
        candidate = candidate[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(candidate)
    except ValueError:
        return None
    if "T" not in text and " " not in text:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def datetime_value(moment: datetime) -> str:
    """A service-maintained datetime (created, updated...) in the stored form: what
    ``normalise_datetime(moment.isoformat())`` gives, without writing and reading the text."""
    if moment.tzinfo is timezone.utc and moment.year >= 1000:  # the clock's own (year 999: strftime's)
        return (
            f"{moment.year}-{moment.month:02d}-{moment.day:02d}T{moment.hour:02d}:{moment.minute:02d}:"
            f"{moment.second:02d}.{moment.microsecond // 1000:03d}Z"
        )
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _invalid(field: Field, path: str, why: str) -> ValidationException:
    return ValidationException(f"Invalid value for field {field.label} at '{path}': {why}")


def from_wire(field: Field, union: dict[str, Any], path: str) -> Scalar | None:
    """The stored form of ``union`` for ``field``; None for emptyValue.

    Raises ValidationException naming the field and the member path when the member does not
    fit the field's type or the value is malformed. Option membership of SingleSelect values is
    checked by the caller (it depends on whether the value is newly set).
    """
    (member, value), *rest = union.items()
    if rest:  # the dispatcher's validation guarantees one member; stay safe for internal callers
        raise _invalid(field, path, "exactly one value member must be set")
    if member == "emptyValue":
        return None
    expected = MEMBER_FOR_TYPE[field.type]
    if member != expected:
        raise _invalid(field, path, f"a {field.type} field takes {expected}, not {member}")
    if field.type == "Number":
        number = float(value)
        if not math.isfinite(number):
            raise _invalid(field, path, "a Number must be finite")
        return number
    if field.type == "Boolean":
        return bool(value)
    text = str(value)
    if field.type == "DateTime":
        normalised = normalise_datetime(text)
        if normalised is None:
            raise _invalid(field, path, f"{text!r} is not an ISO-8601 date-time")
        return normalised
    if field.type == "Url":
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise _invalid(field, path, f"{text!r} is not an absolute http(s) URL")
    if field.type == "User" and not USER_ARN.match(text):
        raise _invalid(field, path, f"{text!r} is not an Amazon Connect user ARN")
    limit = SUMMARY_MAX if field.field_id == "summary" else TEXT_MAX
    if len(text) > limit:
        raise _invalid(field, path, f"the value is longer than {limit} characters")
    if field.field_id == "customer_id" and not CUSTOMER_ARN.match(text):
        raise _invalid(field, path, f"{text!r} is not a Customer Profiles profile ARN")
    return text


def to_wire(field_type: str, value: Scalar | None) -> dict[str, Any]:
    """The wire union of a stored value; ``{"emptyValue": {}}`` for None."""
    return member_wire(wire_member(field_type), value)


def wire_member(field_type: str) -> str:
    """The union member a value of ``field_type`` takes (stringValue for a type the mock lacks)."""
    return MEMBER_FOR_TYPE.get(field_type, "stringValue")


def member_wire(member: str, value: Scalar | None) -> dict[str, Any]:
    """``to_wire`` with the member already looked up (``wire_member``), for many values of a field."""
    return {"emptyValue": {}} if value is None else {member: value}


def operand_matches(field_type: str, stored: Scalar | None, operand: Scalar | None) -> bool:
    """Whether ``stored`` equals a rule's literal operand under the field's type.

    Numbers compare numerically (2 == 2.0), DateTimes as instants, strings exactly; an empty
    operand (None, ``emptyValue``) matches a field with no value; an operand that does not fit
    the type is False.
    """
    if operand is None:
        return stored is None or stored == ""
    if stored is None:
        return False
    if isinstance(operand, bool):
        return field_type == "Boolean" and stored is operand
    if isinstance(operand, float):
        return field_type == "Number" and isinstance(stored, float) and stored == operand
    if field_type == "DateTime":
        return normalise_datetime(operand) == stored
    return isinstance(stored, str) and stored == operand
