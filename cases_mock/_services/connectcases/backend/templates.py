"""Templates (docs/behaviour.md#templates): what a case is created from.

A template names fields that must have a value (``requiredFields``), a default layout and the
case rules it carries (``rules``); every reference must exist and not be deleted. Names are
unique among templates not deleted. UpdateTemplate replaces what it is given and keeps every
attribute it is not. A deleted template stays readable, leaves ListTemplates, takes no updates
and creates no cases.
"""

from __future__ import annotations

from cases_mock._services.connectcases.backend.configuration import TEMPLATES
from cases_mock._services.connectcases.backend.core import BackendCore
from cases_mock._services.connectcases.backend.fields import live_field
from cases_mock._services.connectcases.backend.records import DomainData, Template
from cases_mock._services.connectcases.backend.rule_structure import kind_of, rule_target
from cases_mock._services.connectcases.backend.settings_records import (
    LayoutConfiguration,
    TagPropagation,
    TemplateRule,
)
from cases_mock._services.connectcases.errors import (
    ServiceQuotaExceededException,
    ValidationException,
)
from cases_mock._services.connectcases.ids import cases_arn, new_id


def _check_required(data: DomainData, required: list[str]) -> list[str]:
    ids: list[str] = []
    for index, field_id in enumerate(required):
        path = f"requiredFields[{index}].fieldId"
        live_field(data, field_id, path)
        if field_id in ids:
            raise ValidationException(
                f"Invalid field id at '{path}': field {data.field_label(field_id)} is listed twice"
            )
        ids.append(field_id)
    return ids


def _check_layout(data: DomainData, configuration: LayoutConfiguration) -> LayoutConfiguration:
    layout_id = configuration.default_layout
    if layout_id is not None:
        layout = data.layouts.get(layout_id)
        if layout is None or layout.deleted:
            raise ValidationException(
                "Invalid layout id at 'layoutConfiguration.defaultLayout': "
                + (
                    f"layout {layout_id!r} does not exist in this domain"
                    if layout is None
                    else f"layout {layout.label} is deleted"
                )
            )
    return configuration


def check_template_rules(data: DomainData, rules: tuple[TemplateRule, ...]) -> tuple[TemplateRule, ...]:
    """The associations as stored: every rule live, each fitting its field, one of a type per field."""
    acting: set[tuple[str, str]] = set()
    for index, association in enumerate(rules):
        path = f"rules[{index}]"
        case_rule_id = association.case_rule_id
        rule = data.case_rules.get(case_rule_id)
        if rule is None or rule.deleted:
            raise ValidationException(
                f"Invalid case rule id at '{path}.caseRuleId': "
                + (
                    f"case rule {case_rule_id!r} does not exist in this domain"
                    if rule is None
                    else f"case rule {rule.label} is deleted"
                )
            )
        target = rule_target(rule.rule, association.field_id)
        if target is None:
            raise ValidationException(
                f"Missing '{path}.fieldId': a {kind_of(rule.rule)} rule needs the field it applies to"
            )
        given = association.field_id
        if given is not None and given != target:
            raise ValidationException(
                f"Invalid field id at '{path}.fieldId': the fieldOptions rule {rule.label} "
                f"applies to its child field {data.field_label(target)}, not {data.field_label(given)}"
            )
        live_field(data, target, f"{path}.fieldId")
        key = (kind_of(rule.rule), target)
        if key in acting:
            raise ValidationException(
                f"Invalid '{path}': the template already carries a {key[0]} rule on field "
                f"{data.field_label(target)}"
            )
        acting.add(key)
    return rules


def shown_required_fields(data: DomainData, template: Template) -> list[dict[str, str]]:
    """``requiredFields`` as GetTemplate shows them: fields deleted since are left out."""
    return [
        {"fieldId": field_id} for field_id in template.required_fields if not data.is_deleted_field(field_id)
    ]


def shown_rules(data: DomainData, template: Template) -> list[TemplateRule]:
    """``rules`` as GetTemplate shows them: an association whose field was deleted since is left
    out whole (the rule no longer acts on anything, and UpdateTemplate would refuse it back)."""
    shown: list[TemplateRule] = []
    for association in template.rules:
        rule = data.case_rules.get(association.case_rule_id)
        target = rule_target(rule.rule, association.field_id) if rule is not None else association.field_id
        if target is None or not data.is_deleted_field(target):
            shown.append(association)
    return shown


class Templates:
    """Template operations: ``backend.templates``."""

    def __init__(self, core: BackendCore) -> None:
        self.core = core

    def get(self, domain_id: str, template_id: str) -> Template:
        return TEMPLATES.get(self.core.domain(domain_id).data, template_id)

    def create(
        self,
        domain_id: str,
        name: str,
        *,
        description: str | None = None,
        layout_configuration: LayoutConfiguration | None = None,
        required_fields: list[str] | None = None,
        status: str | None = None,
        rules: tuple[TemplateRule, ...] | None = None,
        tag_propagation: tuple[TagPropagation, ...] | None = None,
    ) -> Template:
        with self.core.lock:
            data = self.core.domain(domain_id).data
            required = _check_required(data, required_fields or [])
            layout = _check_layout(data, layout_configuration) if layout_configuration is not None else None
            stored_rules = check_template_rules(data, rules or ())
            TEMPLATES.check_name(data, name)
            limit = self.core.quotas.templates_per_domain
            if sum(1 for t in data.templates.values() if not t.deleted) >= limit:
                raise ServiceQuotaExceededException(
                    f"This domain already has {limit} templates, the most it may have"
                )
            template_id = new_id()
            now = self.core.clock.now()
            created = Template(
                template_id=template_id,
                name=name,
                arn=cases_arn(
                    self.core.region, self.core.account, f"domain/{domain_id}/template/{template_id}"
                ),
                created_time=now,
                last_modified_time=now,
                seq=self.core.next_seq(),
                status=status or "Active",
                description=description,
                layout_configuration=layout,
                required_fields=required,
                rules=stored_rules,
                tag_propagation=tag_propagation or (),
            )
            data.templates[template_id] = created
            return created

    def update(
        self,
        domain_id: str,
        template_id: str,
        *,
        name: str | None = None,
        description: str | None = None,
        layout_configuration: LayoutConfiguration | None = None,
        required_fields: list[str] | None = None,
        status: str | None = None,
        rules: tuple[TemplateRule, ...] | None = None,
        tag_propagation: tuple[TagPropagation, ...] | None = None,
    ) -> None:
        with self.core.lock:
            data = self.core.domain(domain_id).data
            existing = self.get(domain_id, template_id)
            if existing.deleted:
                raise ValidationException(f"Template {existing.label} is deleted and cannot be updated")
            given = (name, description, layout_configuration, required_fields, status, rules, tag_propagation)
            if all(value is None for value in given):
                raise ValidationException("Give at least one attribute of the template to update")
            required = _check_required(data, required_fields) if required_fields is not None else None
            layout = _check_layout(data, layout_configuration) if layout_configuration is not None else None
            stored_rules = check_template_rules(data, rules) if rules is not None else None
            if name is not None:
                TEMPLATES.check_name(data, name, except_id=template_id)
                existing.name = name
            if description is not None:
                existing.description = description
            if layout is not None:
                existing.layout_configuration = layout
            if required is not None:
                existing.required_fields = required
            if status is not None:
                existing.status = status
            if stored_rules is not None:
                existing.rules = stored_rules
            if tag_propagation is not None:
                existing.tag_propagation = tag_propagation
            existing.last_modified_time = self.core.clock.now()

    def delete(self, domain_id: str, template_id: str) -> None:
        with self.core.lock:
            data = self.core.domain(domain_id).data
            existing = self.get(domain_id, template_id)
            if existing.deleted:
                return
            deleted = data.deleted_counts.get("template", 0)
            if deleted >= self.core.quotas.deleted_templates_per_domain:
                raise ValidationException(
                    f"This domain already has {deleted} deleted templates, the most it may have"
                )
            existing.deleted = True
            existing.last_modified_time = self.core.clock.now()
            data.deleted_counts["template"] = deleted + 1

    def live(self, domain_id: str, statuses: list[str] | None = None) -> list[Template]:
        return [
            t
            for t in TEMPLATES.live(self.core.domain(domain_id).data)
            if not statuses or t.status in statuses
        ]
