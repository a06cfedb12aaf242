"""Checks a decoded state completely before it replaces anything (``state_json.import_store``).

Three passes, each raising ValueError naming the first problem's place in the state:

1. every record's fields against the types ``backend/records.py`` declares (generic over the
   dataclasses, so resources added later are checked without changes here);
2. the references between records: dict keys are the ids of what they hold, a case's
   template, the fields its values name and their types, related items' cases, reference
   numbers;
3. trial reads through the real handlers (GetDomain, the configuration lists, GetCase and
   GetCaseAuditEvents of every case, SearchRelatedItems), each output checked against the
   model's output shape: what would be a 500 after the import is a 400 at the import.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from typing import Any

from cases_mock._services.connectcases.backend.records import Case, DomainData
from cases_mock._services.connectcases.backend.store import CasesBackend

_HINTS: dict[type[Any], dict[str, Any]] = {}
_ID_OF = {"fields": "field_id", "layouts": "layout_id", "templates": "template_id"}
_ID_OF |= {"case_rules": "case_rule_id", "cases": "case_id"}
_SCALAR_OF = {"Number": float, "Boolean": bool}


def _hints(cls: type[Any]) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _describe(expected: Any) -> str:
    return getattr(expected, "__name__", None) or str(expected).replace("typing.", "")


def check_type(value: Any, expected: Any, path: str) -> None:
    """ValueError at ``path`` unless ``value`` is of the (annotated) type ``expected``."""
    if expected is Any:
        return
    origin = typing.get_origin(expected)
    if origin in (typing.Union, types.UnionType):
        for option in typing.get_args(expected):
            try:
                check_type(value, option, path)
                return
            except ValueError:
                continue
        raise ValueError(f"{path}: expected {_describe(expected)}, got {type(value).__name__}")
    if origin is dict:
        key_type, value_type = typing.get_args(expected)
        _require(value, dict, expected, path)
        for key, item in value.items():
            check_type(key, key_type, f"{path} key {key!r}")
            check_type(item, value_type, f"{path}[{key!r}]")
        return
    if origin is list:
        (item_type,) = typing.get_args(expected)
        _require(value, list, expected, path)
        for index, item in enumerate(value):
            check_type(item, item_type, f"{path}[{index}]")
        return
    if origin is tuple:
        _require(value, tuple, expected, path)
        return
    if origin in (set, frozenset):
        _require(value, origin, expected, path)
        return
    if expected is type(None):
        _require(value, type(None), expected, path)
    elif expected is float:
        _require(value, (int, float), expected, path)
        if isinstance(value, bool):
            raise ValueError(f"{path}: expected float, got bool")
    elif expected in (int, str):
        _require(value, expected, expected, path)
        if expected is int and isinstance(value, bool):
            raise ValueError(f"{path}: expected int, got bool")
    elif expected is bool:
        _require(value, bool, expected, path)
    elif expected is datetime:
        _require(value, datetime, expected, path)
        if value.tzinfo is None:
            raise ValueError(f"{path}: a datetime without a time zone")
    elif isinstance(expected, type) and dataclasses.is_dataclass(expected):
        _require(value, expected, expected, path)
        check_record(value, path)
    else:
        _require(value, expected, expected, path)


def _require(value: Any, kind: Any, expected: Any, path: str) -> None:
    if not isinstance(value, kind):
        raise ValueError(f"{path}: expected {_describe(expected)}, got {type(value).__name__}")


def check_record(record: Any, path: str) -> None:
    hints = _hints(type(record))
    for item in dataclasses.fields(record):
        check_type(getattr(record, item.name), hints[item.name], f"{path}.{item.name}")


def check_references(domain_id: str, data: DomainData, path: str) -> None:
    for member, id_name in _ID_OF.items():
        for key, record in getattr(data, member).items():
            if getattr(record, id_name) != key:
                raise ValueError(f"{path}.{member}[{key!r}]: holds {id_name} {getattr(record, id_name)!r}")
    for case_id, case in data.cases.items():
        _check_case(data, case, f"{path}.cases[{case_id!r}]")
    for reference, case_id in data.reference_numbers.items():
        if case_id not in data.cases:
            raise ValueError(f"{path}.reference_numbers[{reference!r}]: no case {case_id!r}")


def _check_case(data: DomainData, case: Case, path: str) -> None:
    if case.template_id not in data.templates:
        raise ValueError(f"{path}.template_id: no template {case.template_id!r} in the domain")
    for field_id, value in case.values.items():
        known = data.fields.get(field_id)
        if known is None:
            raise ValueError(f"{path}.values[{field_id!r}]: no field {field_id!r} in the domain")
        wanted = _SCALAR_OF.get(known.type, str)
        if not isinstance(value, wanted) or (wanted is float and isinstance(value, bool)):
            raise ValueError(
                f"{path}.values[{field_id!r}]: field {known.name!r} ({field_id}) is {known.type}, "
                f"the value is {type(value).__name__}"
            )
    for item_id, item in case.related_items.items():
        if item.case_id != case.case_id or item.related_item_id != item_id:
            raise ValueError(f"{path}.related_items[{item_id!r}]: belongs to case {item.case_id!r}")


def trial_reads(backend: CasesBackend, path: str) -> None:
    """Reads everything through the handlers; ValueError naming what failed."""
    from cases_mock._engine.dispatch import read as invoke_read
    from cases_mock._protocol.validate import problems
    from cases_mock._services.connectcases.handlers import load_all
    from cases_mock._services.connectcases.service import SERVICE

    load_all()

    def read(name: str, params: dict[str, Any], where: str) -> None:
        try:
            output = invoke_read(backend, name, params, "state-import")
        except Exception as error:  # what would have been an error after the import
            raise ValueError(f"{where}: {name} fails on this state: {error}") from None
        shape = SERVICE.operation(name).output_shape
        found = problems(shape, output) if shape is not None else []
        if found:
            raise ValueError(f"{where}: {name} would answer outside its shape: {found[0]}")

    for domain_id, domain in backend.domains.items():
        where = f"{path}.domains[{domain_id!r}]"
        read("GetDomain", {"domainId": domain_id}, where)
        for name in ("ListFields", "ListLayouts", "ListTemplates", "ListCaseRules"):
            read(name, {"domainId": domain_id, "maxResults": 100}, where)
        field_ids = list(domain.data.fields)
        for case_id, case in domain.data.cases.items():
            at = f"{where}.cases[{case_id!r}]"
            wanted = [{"id": f} for f in case.values] or [{"id": f} for f in field_ids[:1]]
            for start in range(0, len(wanted), 100):
                page = wanted[start : start + 100]
                read("GetCase", {"domainId": domain_id, "caseId": case_id, "fields": page}, at)
            read("GetCaseAuditEvents", {"domainId": domain_id, "caseId": case_id}, at)
            read("SearchRelatedItems", {"domainId": domain_id, "caseId": case_id}, at)
