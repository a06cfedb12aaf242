"""What the dashboard's state pages show: accounts and regions, a domain's configuration, its
cases (found with a SearchCases filter) and one case with its related items and audit history."""

from __future__ import annotations

import json
from typing import Any

from cases_mock._dashboard.customer import customer
from cases_mock._dashboard.reads import Reader
from cases_mock._services.connectcases.backend.layouts import without_deleted_fields
from cases_mock._services.connectcases.backend.records import DomainData
from cases_mock._services.connectcases.backend.rule_structure import kind_of, rule_target, rule_type
from cases_mock._services.connectcases.backend.store import CasesBackend, CasesStore
from cases_mock._services.connectcases.errors import ValidationException
from cases_mock._services.connectcases.wire_forms import case_rule_wire, layout_content_wire

LISTED_FIELDS = ("title", "status", "created_datetime", "last_updated_datetime")
SEARCH_PAGE = 25
GET_CASE_FIELDS = 220  # the most fields one GetCase may name (the model's max)


def overview(store: CasesStore) -> dict[str, Any]:
    """Every (account, region) holding state, with its domains and how much each holds."""
    backends = []
    for (account, region), backend in sorted(store.backends().items()):
        with backend.lock:
            domains = [
                {
                    "domainId": domain.domain_id,
                    "name": domain.name,
                    "status": domain.status,
                    "createdTime": domain.created_time.isoformat(),
                    "counts": _counts(domain.data),
                }
                for domain in backend.list_domains()
            ]
        backends.append({"account": account, "region": region, "domains": domains})
    return {"backends": backends, "now": store.clock.now().isoformat()}


def _counts(data: DomainData) -> dict[str, int]:
    def live(items: Any) -> int:
        return sum(1 for item in items if not item.deleted)

    return {
        "fields": live(data.fields.values()),
        "layouts": live(data.layouts.values()),
        "templates": live(data.templates.values()),
        "caseRules": live(data.case_rules.values()),
        "cases": sum(1 for case in data.cases.values() if case.merged_into is None),
    }


def domain_configuration(backend: CasesBackend, domain_id: str) -> dict[str, Any]:
    """Fields with their options, layouts, templates with their rules, and case rules."""
    with backend.lock:
        domain = backend.domain(domain_id)
        data = domain.data
        rules = {r.case_rule_id: r for r in data.case_rules.values() if not r.deleted}
        return {
            "domain": {"domainId": domain.domain_id, "name": domain.name, "status": domain.status},
            "fields": [_field(field) for field in backend.fields.live(domain_id)],
            "layouts": [
                {
                    "layoutId": layout.layout_id,
                    "name": layout.name,
                    "content": layout_content_wire(without_deleted_fields(data, layout.content)),
                }
                for layout in backend.layouts.live(domain_id)
            ],
            "templates": [_template(data, template, rules) for template in _live(data.templates)],
            "caseRules": [
                {
                    "caseRuleId": rule.case_rule_id,
                    "name": rule.name,
                    "ruleType": rule_type(rule.rule),
                    "description": rule.description,
                    "rule": case_rule_wire(rule.rule),
                }
                for rule in rules.values()
            ],
        }


def _live(items: dict[str, Any]) -> list[Any]:
    return sorted((item for item in items.values() if not item.deleted), key=lambda item: item.seq)


def _field(field: Any) -> dict[str, Any]:
    return {
        "fieldId": field.field_id,
        "name": field.name,
        "type": field.type,
        "namespace": field.namespace,
        "description": field.description,
        "options": [
            {"name": option.name, "value": option.value, "active": option.active}
            for option in field.options.values()
        ],
    }


def _template(data: DomainData, template: Any, rules: dict[str, Any]) -> dict[str, Any]:
    carried = []
    for association in template.rules:
        rule = rules.get(association.case_rule_id)
        if rule is None:
            continue
        carried.append(
            {
                "caseRuleId": rule.case_rule_id,
                "name": rule.name,
                "ruleType": rule_type(rule.rule),
                "fieldId": rule_target(rule.rule, association.field_id),
                "kind": kind_of(rule.rule),
            }
        )
    layout_id = template.layout_configuration.default_layout if template.layout_configuration else None
    return {
        "templateId": template.template_id,
        "name": template.name,
        "status": template.status,
        "description": template.description,
        "layoutId": layout_id,
        "requiredFields": list(template.required_fields),
        "rules": carried,
    }


def search(reader: Reader, domain_id: str, query: dict[str, str]) -> dict[str, Any]:
    """One page of SearchCases for the search box: a filter (JSON) and/or a search term."""
    params: dict[str, Any] = {
        "domainId": domain_id,
        "maxResults": SEARCH_PAGE,
        "fields": [{"id": field_id} for field_id in LISTED_FIELDS],
    }
    text = query.get("filter", "").strip()
    if text:
        try:
            params["filter"] = json.loads(text)
        except ValueError as error:
            raise ValidationException(f"Invalid filter: not JSON ({error})") from None
    if query.get("term"):
        params["searchTerm"] = query["term"]
    if query.get("token"):
        params["nextToken"] = query["token"]
    page = reader.read("SearchCases", params)
    for case in page["cases"]:
        case["values"] = {entry["id"]: _scalar(entry["value"]) for entry in case.pop("fields")}
    return page


def _scalar(union: dict[str, Any]) -> Any:
    (member, value), *_ = union.items()
    return None if member == "emptyValue" else value


def _get_case(reader: Reader, domain_id: str, case_id: str, field_ids: list[str]) -> dict[str, Any]:
    """GetCase asking for every field, in chunks of the most one request may name."""
    case: dict[str, Any] = {}
    for start in range(0, len(field_ids), GET_CASE_FIELDS):
        chunk = [{"id": field_id} for field_id in field_ids[start : start + GET_CASE_FIELDS]]
        part = reader.read("GetCase", {"domainId": domain_id, "caseId": case_id, "fields": chunk})
        case.setdefault("fields", []).extend(part.pop("fields"))
        case.update(part)
    return case


def case_detail(reader: Reader, domain_id: str, case_id: str) -> dict[str, Any]:
    """A case's fields (named), related items (SLA status included), audit history (newest first)
    and its customer's profile (``customer.py``)."""
    backend = reader.backend
    with backend.lock:
        data = backend.domain(domain_id).data
        fields = {field.field_id: field for field in backend.fields.live(domain_id)}
        case = _get_case(reader, domain_id, case_id, list(fields))
        where = {"domainId": domain_id, "caseId": case_id}
        related = reader.all_pages("SearchRelatedItems", where, "relatedItems")
        audit = reader.all_pages("GetCaseAuditEvents", where, "auditEvents")
        template = data.templates.get(str(case["templateId"]))
    return {
        "caseId": case_id,
        "templateId": case["templateId"],
        "templateName": template.name if template is not None else None,
        "tags": case.get("tags") or {},
        "fields": [
            {
                "id": entry["id"],
                "name": fields[entry["id"]].name if entry["id"] in fields else entry["id"],
                "type": fields[entry["id"]].type if entry["id"] in fields else "Text",
                "value": _scalar(entry["value"]),
            }
            for entry in case["fields"]
        ],
        "relatedItems": related,
        "audit": audit,
        "fieldNames": {field_id: field.name for field_id, field in fields.items()},
        "customer": customer(reader, _customer_id(case)),
    }


def _customer_id(case: dict[str, Any]) -> str | None:
    entry = next((entry for entry in case["fields"] if entry["id"] == "customer_id"), None)
    value = _scalar(entry["value"]) if entry is not None else None
    return value if isinstance(value, str) else None
