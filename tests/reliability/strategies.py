"""Hypothesis strategies built from the botocore model: inputs for any operation.

``params_for(shape, ids)`` draws a parameter dict shaped like ``shape``, mostly within the
model's constraints but sometimes outside them (lengths, ranges, enums, several union members,
missing required members); members whose name ends in ``Id``/``Ids`` often take one of the real
ids in ``ids`` so that calls reach resources that exist.
"""

from __future__ import annotations

from datetime import datetime, timezone
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
