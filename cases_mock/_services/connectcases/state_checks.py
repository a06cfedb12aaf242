"""Connect Cases' checks of a decoded state, after the generic type checks
(``_engine/state_checks.py``) and before it replaces anything (``state_json.prepare_part``).
Each raises ValueError naming the first problem's place in the state:

1. the references between records: dict keys are the ids of what they hold, a case's
   template, the fields its values name and their types, related items' cases, reference
   numbers;
2. trial reads through the engine's ``invoke`` (GetDomain, the configuration lists, GetCase and
   GetCaseAuditEvents of every case, SearchRelatedItems), each output checked against the
   model's output shape: what would be a 500 after the import is a 400 at the import.
"""

from __future__ import annotations

from typing import Any

from cases_mock._protocol import model
from cases_mock._protocol.validate import problems
from cases_mock._services.connectcases.backend.records import Case, DomainData
from cases_mock._services.connectcases.backend.store import CasesBackend
from cases_mock._services.connectcases.releases import MODEL_NAME
from cases_mock._services.registry import TrialRead

_ID_OF = {"fields": "field_id", "layouts": "layout_id", "templates": "template_id"}
_ID_OF |= {"case_rules": "case_rule_id", "cases": "case_id"}
_SCALAR_OF = {"Number": float, "Boolean": bool}


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


def trial_reads(backend: CasesBackend, path: str, invoke: TrialRead) -> None:
    """Reads everything through the handlers (``invoke``: the engine's request path against
    ``backend``); ValueError naming what failed."""

    def read(name: str, params: dict[str, Any], where: str) -> None:
        try:
            output = invoke(backend, name, params)
        except Exception as error:  # what would have been an error after the import
            raise ValueError(f"{where}: {name} fails on this state: {error}") from None
        shape = model.operation(MODEL_NAME, name).output_shape
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
