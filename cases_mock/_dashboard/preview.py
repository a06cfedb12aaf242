"""The agent-workspace preview: a template's layout with its case rules applied to given values.

Evaluated by the API's own rule engine (``backend.rule_engine.form_state`` and ``check_case``),
so what the preview shows is what CreateCase and UpdateCase enforce. Values arrive as JSON
scalars and are converted by the same code as the wire values of a case (``values.from_wire``).
"""

from __future__ import annotations

from typing import Any

from cases_mock._services.connectcases.backend.layouts import without_deleted_fields
from cases_mock._services.connectcases.backend.records import CaseRule, DomainData, Field, Scalar, Template
from cases_mock._services.connectcases.backend.rule_engine import FormState, check_case, form_state
from cases_mock._services.connectcases.backend.rule_records import FieldOptionsRule
from cases_mock._services.connectcases.backend.store import CasesBackend
from cases_mock._services.connectcases.backend.values import MEMBER_FOR_TYPE, from_wire
from cases_mock._services.connectcases.errors import CasesError, ValidationException, not_found
from cases_mock._services.connectcases.wire_forms import PANELS, layout_content_wire

HEADER = ("title", "status")  # always shown, above the layout's panels


def preview(backend: CasesBackend, body: dict[str, Any]) -> dict[str, Any]:
    """The form for ``body``: ``domainId``, ``templateId``, and ``values`` or a ``caseId``."""
    domain_id = required_text(body, "domainId")
    with backend.lock:
        data = backend.domain(domain_id).data
        template = _template(data, required_text(body, "templateId"))
        invalid: dict[str, str] = {}
        if body.get("values") is None and body.get("caseId"):
            case = backend.case(domain_id, str(body["caseId"]))
            values: dict[str, Scalar] = dict(case.values)
        else:
            given = body.get("values")
            values = _converted(data, {} if given is None else given, invalid)
        state = form_state(data, template, values)
        try:
            check_case(data, template, values)
            verdict = None
        except ValidationException as error:
            verdict = error.message
        layout = _layout(data, template)
        panels = _panels(data, layout)
        placed = {field_id for panel in panels for ids in panel["sections"].values() for field_id in ids}
        extra = [f for f in _mentioned(data, template) if f not in placed and f not in HEADER]
        render = _Render(data, state, values, invalid)
        return {
            "template": {"templateId": template.template_id, "name": template.name},
            "layout": {"layoutId": layout[0], "name": layout[1]} if layout else None,
            "header": [render.field(field_id) for field_id in HEADER],
            "panels": [
                {
                    "panel": panel["panel"],
                    "sections": [
                        {"name": name, "fields": [render.field(f) for f in ids]}
                        for name, ids in panel["sections"].items()
                    ],
                }
                for panel in panels
            ],
            "notInLayout": [render.field(field_id) for field_id in extra],
            "values": dict(values),
            "invalid": invalid,
            "verdict": verdict,
        }


def required_text(body: dict[str, Any], name: str) -> str:
    """``body[name]``, a non-empty string, else a ValidationException naming it."""
    value = body.get(name)
    if not isinstance(value, str) or not value:
        raise ValidationException(f"The preview needs '{name}' (a non-empty string)")
    return value


def _template(data: DomainData, template_id: str) -> Template:
    template = data.templates.get(template_id)
    if template is None or template.deleted:
        raise not_found("Template", template_id)
    return template


def _converted(data: DomainData, given: Any, invalid: dict[str, str]) -> dict[str, Scalar]:
    """``given`` (field id -> JSON scalar or null) as stored values; bad ones land in ``invalid``."""
    if not isinstance(given, dict):
        raise ValidationException("'values' must be an object mapping field ids to values")
    values: dict[str, Scalar] = {}
    for field_id, value in given.items():
        field = data.fields.get(str(field_id))
        if field is None or field.deleted:
            invalid[str(field_id)] = f"Field {field_id!r} does not exist in this domain"
            continue
        if value is None or value == "":
            continue
        try:
            stored = from_wire(field, {MEMBER_FOR_TYPE[field.type]: value}, f"values.{field_id}")
        except CasesError as error:
            invalid[field.field_id] = error.message
            continue
        except (ValueError, TypeError):
            invalid[field.field_id] = (
                f"Invalid value for field {field.label}: {value!r} is not a {field.type}"
            )
            continue
        if stored is not None:
            values[field.field_id] = stored
    return values


def _layout(data: DomainData, template: Template) -> tuple[str, str, dict[str, Any]] | None:
    layout_id = template.layout_configuration.default_layout if template.layout_configuration else None
    layout = data.layouts.get(str(layout_id)) if layout_id else None
    if layout is None or layout.deleted:
        return None
    return layout.layout_id, layout.name, layout_content_wire(without_deleted_fields(data, layout.content))


def _panels(data: DomainData, layout: tuple[str, str, dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The top panel, then the More Info sections, each section's field ids in layout order."""
    if layout is None:
        return []
    basic = layout[2].get("basic") or {}
    panels = []
    for panel in PANELS:
        sections: dict[str, list[str]] = {}
        for index, section in enumerate((basic.get(panel) or {}).get("sections") or []):
            group = section.get("fieldGroup") or {}
            name = str(group.get("name") or f"Section {index + 1}")
            while name in sections:
                name += " "
            sections[name] = [str(item["id"]) for item in group.get("fields") or []]
        panels.append({"panel": panel, "sections": sections})
    return panels


def _mentioned(data: DomainData, template: Template) -> list[str]:
    """Fields the template requires, or its rules act on or test, in a stable order."""
    found: dict[str, None] = dict.fromkeys(template.required_fields)
    for association in template.rules:
        rule = data.case_rules.get(association.case_rule_id)
        if rule is None or rule.deleted:
            continue
        details = rule.rule
        if isinstance(details, FieldOptionsRule):
            parent_and_child = (details.parent_field_id, details.child_field_id)
            found.update(dict.fromkeys(f for f in parent_and_child if f is not None))
            continue
        if association.field_id:
            found[association.field_id] = None
        found.update(dict.fromkeys(details.field_ids()))
    return [f for f in found if (field := data.fields.get(f)) is not None and not field.deleted]


class _Render:
    """One field of the form as the page draws it."""

    def __init__(
        self, data: DomainData, state: FormState, values: dict[str, Scalar], invalid: dict[str, str]
    ) -> None:
        self.data, self.state, self.values, self.invalid = data, state, values, invalid

    def field(self, field_id: str) -> dict[str, Any]:
        field = self.data.fields.get(field_id)
        shown: dict[str, Any] = {
            "id": field_id,
            "name": field.name if field is not None else field_id,
            "type": field.type if field is not None else "Text",
            "value": self.values.get(field_id),
            "hidden": field_id in self.state.hidden,
            "required": field_id == "title" or field_id in self.state.required,
            "requiredBy": self._why(field_id),
            "invalid": self.invalid.get(field_id),
        }
        if field is not None and field.type == "SingleSelect":
            shown.update(self._options(field))
        return shown

    def _why(self, field_id: str) -> str | None:
        if field_id == "title":
            return "always required"
        if field_id not in self.state.required:
            return None
        rule = self.state.required[field_id]
        return "the template's required fields" if rule is None else _rule_name(rule)

    def _options(self, field: Field) -> dict[str, Any]:
        limit = self.state.options.get(field.field_id)
        allowed = None if limit is None else set(limit.allowed)
        return {
            "options": [
                {"value": option.value, "name": option.name}
                for option in field.options.values()
                if option.active and (allowed is None or option.value in allowed)
            ],
            "limitedBy": None if limit is None else _rule_name(limit.rule),
        }


def _rule_name(rule: CaseRule) -> str:
    return f"case rule {rule.name} ({rule.case_rule_id})"
