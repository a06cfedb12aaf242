"""Hypothesis strategies built from the botocore model: inputs for any operation.

``params_for(shape, ids)`` draws a parameter dict shaped like ``shape``, mostly within the
model's constraints but sometimes outside them (lengths, ranges, enums, several union members,
missing required members); members whose name ends in ``Id``/``Ids`` often take one of the real
ids in ``ids`` so that calls reach resources that exist.
"""

from __future__ import annotations

import base64
from datetime import datetime, timedelta, timezone
from typing import Any

from botocore.model import Shape
from hypothesis import strategies as st

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


def _string(shape: Shape, name: str, ids: dict[str, list[str]]) -> st.SearchStrategy[Any]:
    options: list[st.SearchStrategy[Any]] = [TEXT]
    if shape.enum:
        options.append(st.sampled_from(list(shape.enum)))
        options.append(st.sampled_from(list(shape.enum)))
    known = ids.get(name) or ids.get(name.rstrip("s"))
    if known:
        options += [st.sampled_from(known)] * 3
    maximum = shape.metadata.get("max")
    if isinstance(maximum, int) and maximum < 600:
        options.append(st.just("x" * (maximum + 1)))
    return st.one_of(options)


def params_for(
    shape: Shape, ids: dict[str, list[str]], depth: int = 0, name: str = ""
) -> st.SearchStrategy[Any]:
    kind = shape.type_name
    if kind == "string":
        return _string(shape, name, ids)
    if kind in ("integer", "long"):
        low, high = shape.metadata.get("min", 0), shape.metadata.get("max", 1000)
        return st.one_of(st.integers(int(low), int(min(high, 10**6))), st.integers(-5, 10**7))
    if kind in ("double", "float"):
        return st.floats(allow_nan=False, allow_infinity=False, width=32)
    if kind == "boolean":
        return st.booleans()
    if kind == "timestamp":
        return st.datetimes(timezones=st.just(timezone.utc), min_value=datetime(2000, 1, 1))
    if kind == "blob":
        return st.binary(max_size=8)
    if depth > 4:
        return st.just([] if kind == "list" else {})
    if kind == "list":
        member = params_for(shape.member, ids, depth + 1, name)
        return st.lists(member, max_size=3)
    if kind == "map":
        return st.dictionaries(TEXT, params_for(shape.value, ids, depth + 1), max_size=2)
    members = {
        member_name: params_for(member, ids, depth + 1, member_name)
        for member_name, member in shape.members.items()
        if member.serialization.get("location") not in ("header",)
    }
    if shape.metadata.get("union"):
        single = [st.fixed_dictionaries({k: v}) for k, v in members.items()]
        several = st.fixed_dictionaries({}, optional=members)
        return st.one_of(*single, several) if single else st.just({})
    required = {k: v for k, v in members.items() if k in shape.required_members}
    optional = {k: v for k, v in members.items() if k not in shape.required_members}
    complete = st.fixed_dictionaries(required, optional=optional)
    incomplete = st.fixed_dictionaries({}, optional=members)
    return st.one_of(complete, complete, complete, incomplete)


# --- outputs: what a handler may return for an output shape --------------------------------------

MOMENTS = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1))
OFFSETS = st.sampled_from(
    [timezone.utc, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))]
)


def timestamps() -> st.SearchStrategy[Any]:
    """Every form a handler may give a timestamp in: aware (any offset) or naive datetimes, epoch
    seconds, and ISO strings (the mock's own ``...sssZ`` form among them)."""
    return st.one_of(
        MOMENTS.map(lambda moment: moment.replace(tzinfo=timezone.utc)),
        st.builds(lambda moment, zone: moment.replace(tzinfo=zone), MOMENTS, OFFSETS),
        MOMENTS,
        st.integers(0, 4_000_000_000),
        st.floats(0, 4_000_000_000, allow_nan=False),
        MOMENTS.map(
            lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
        ),
        MOMENTS.map(lambda moment: moment.replace(tzinfo=timezone.utc).isoformat()),
    )


def outputs_for(shape: Shape, depth: int = 0, odd: bool = True) -> st.SearchStrategy[Any]:
    """A value a handler may return for ``shape``: members of the model with values botocore's
    ``validate_parameters`` accepts, unset members left out or None, empty lists and maps; with
    ``odd``, sometimes a union with an unknown member, none or two set (a parser error)."""
    kind = shape.type_name
    if kind == "string":
        return st.sampled_from(list(shape.enum)) if shape.enum else TEXT
    if kind in ("integer", "long"):
        return st.integers(-(2**40), 2**40)
    if kind in ("double", "float"):
        return st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers(-(10**6), 10**6))
    if kind == "boolean":
        return st.booleans()
    if kind == "timestamp":
        return timestamps()
    if kind == "blob":
        return st.binary(max_size=8).map(lambda raw: base64.b64encode(raw).decode())
    if depth > 4:
        return st.just([] if kind == "list" else {})
    if kind == "list":
        return st.lists(outputs_for(shape.member, depth + 1, odd), max_size=3)
    if kind == "map":
        return st.dictionaries(TEXT, outputs_for(shape.value, depth + 1, odd), max_size=2)
    members = {name: outputs_for(member, depth + 1, odd) for name, member in shape.members.items()}
    if shape.metadata.get("union"):
        single = [st.fixed_dictionaries({name: value}) for name, value in members.items()]
        if not odd:
            return st.one_of(*single)
        unknown = st.fixed_dictionaries({"memberAddedLater": TEXT})
        several = st.fixed_dictionaries({}, optional=members)
        return st.one_of(*single, *single, unknown, several)
    unset = {name: st.none() for name in members if name not in shape.required_members}
    return st.fixed_dictionaries(
        {name: value for name, value in members.items() if name in shape.required_members},
        optional={
            name: st.one_of(value, value, unset[name]) for name, value in members.items() if name in unset
        },
    )
