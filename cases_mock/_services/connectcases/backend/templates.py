"""Templates (docs/behaviour.md#templates): what a case is created from.

A template names fields that must have a value (``requiredFields``), a default layout and the
case rules it carries (``rules``); every reference must exist and not be deleted. Names are
unique among templates not deleted. UpdateTemplate replaces what it is given and keeps every
attribute it is not. A deleted template stays readable, leaves ListTemplates, takes no updates
and creates no cases.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from cases_mock._services.connectcases.backend.configuration import TEMPLATES, ConfigurationStore
from cases_mock._services.connectcases.backend.core import BackendCore
from cases_mock._services.connectcases.backend.fields import live_field
from cases_mock._services.connectcases.backend.records import DomainData, Template
from cases_mock._services.connectcases.backend.rule_structure import kind_of, rule_target
from cases_mock._services.connectcases.backend.settings_records import (
    LayoutConfiguration,
    TagPropagation,
    TemplateRule,
)
from cases_mock._services.connectcases.errors import ValidationException


@dataclass(frozen=True, slots=True)
class TemplateAttributes:
    """A template's attributes besides its name, as CreateTemplate and UpdateTemplate give them
    (None: not given)."""

    description: str | None = None
    layout_configuration: LayoutConfiguration | None = None
    required_fields: list[str] | None = None  # field ids
    status: str | None = None
    rules: tuple[TemplateRule, ...] | None = None
    tag_propagation: tuple[TagPropagation, ...] | None = None

    def members(self) -> dict[str, Any]:
        """Each attribute by its member name in ``Template``."""
        return {member.name: getattr(self, member.name) for member in fields(self)}


_NONE_GIVEN = TemplateAttributes()


def _checked(data: DomainData, given: TemplateAttributes) -> TemplateAttributes:
    """``given`` with each reference it gives checked against the domain (ValidationException
    naming the member): the required fields, the default layout, the case rules."""
    required, layout, rules = given.required_fields, given.layout_configuration, given.rules
    return replace(
        given,
        required_fields=None if required is None else _check_required(data, required),
        layout_configuration=None if layout is None else _check_layout(data, layout),
        rules=None if rules is None else check_template_rules(data, rules),
    )


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


class Templates(ConfigurationStore[Template]):
    """Template operations: ``backend.templates``."""

    def __init__(self, core: BackendCore) -> None:
        super().__init__(core, TEMPLATES)

    def create(self, domain_id: str, name: str, given: TemplateAttributes = _NONE_GIVEN) -> Template:
        with self.core.lock:
            checked = _checked(self.core.domain(domain_id).data, given)
            return self._add(
                domain_id,
                name,
                self.core.quotas.templates_per_domain,
                status=checked.status or "Active",
                description=checked.description,
                layout_configuration=checked.layout_configuration,
                required_fields=checked.required_fields or [],
                rules=checked.rules or (),
                tag_propagation=checked.tag_propagation or (),
            )

    def update(
        self,
        domain_id: str,
        template_id: str,
        name: str | None = None,
        given: TemplateAttributes = _NONE_GIVEN,
    ) -> None:
        with self.core.lock:
            data = self.core.domain(domain_id).data
            existing = self._updatable(domain_id, template_id)
            if name is None and given == _NONE_GIVEN:
                raise ValidationException("Give at least one attribute of the template to update")
            self._change(data, existing, name, **_checked(data, given).members())

    def delete(self, domain_id: str, template_id: str) -> None:
        self._delete_counted(domain_id, template_id, self.core.quotas.deleted_templates_per_domain)

    def live(self, domain_id: str, statuses: list[str] | None = None) -> list[Template]:
        """The templates not deleted, in creation order, with one of ``statuses`` when given."""
        return [t for t in super().live(domain_id) if not statuses or t.status in statuses]
