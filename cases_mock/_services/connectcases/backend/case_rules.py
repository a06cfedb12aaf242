"""Case rules (case field conditions): create, update, soft delete, batch get, list
(docs/behaviour.md#case-rules).

Names are unique per domain among rules not deleted. A deleted rule stays readable through
BatchGetCaseRule (``deleted: true``), leaves ListCaseRules and can no longer be updated. A rule
that a template not deleted still carries cannot be deleted (ConflictException), and an update
must keep fitting every such template.
"""

from __future__ import annotations

from cases_mock._services.connectcases.backend.configuration import CASE_RULES, ConfigurationStore
from cases_mock._services.connectcases.backend.core import BackendCore
from cases_mock._services.connectcases.backend.records import CaseRule, DomainData, Template
from cases_mock._services.connectcases.backend.rule_records import RuleDetails
from cases_mock._services.connectcases.backend.rule_structure import checked_rule, kind_of, rule_target
from cases_mock._services.connectcases.errors import (
    ConflictException,
    ValidationException,
)


def _templates_carrying(data: DomainData, case_rule_id: str) -> list[Template]:
    return [
        template
        for template in data.templates.values()
        if not template.deleted and any(a.case_rule_id == case_rule_id for a in template.rules)
    ]


def _check_fits_templates(data: DomainData, case_rule_id: str, rule: RuleDetails) -> None:
    """An updated rule must still fit how each template not deleted carries it."""
    updated = data.case_rules.get(case_rule_id)
    this = updated.label if updated is not None else repr(case_rule_id)
    for template in _templates_carrying(data, case_rule_id):
        acting: set[tuple[str, str]] = set()
        for index, association in enumerate(template.rules):
            carried_id = association.case_rule_id
            other = data.case_rules.get(carried_id)
            if carried_id != case_rule_id and other is None:
                continue
            carried = rule if other is None or carried_id == case_rule_id else other.rule
            target = rule_target(carried, association.field_id)
            where = f"template {template.label} rules[{index}]"
            if target is None:
                raise ValidationException(
                    f"Case rule {this} would no longer fit {where}: a {kind_of(carried)} rule "
                    f"needs the association's fieldId"
                )
            given = association.field_id
            if given is not None and given != target:
                raise ValidationException(
                    f"Case rule {this} would no longer fit {where}: its child field "
                    f"{data.field_label(target)} differs from the association's fieldId "
                    f"{data.field_label(given)}"
                )
            key = (kind_of(carried), target)
            if key in acting:
                raise ValidationException(
                    f"Case rule {this} would give {where} a second {key[0]} rule "
                    f"on field {data.field_label(key[1])}"
                )
            acting.add(key)


class CaseRules(ConfigurationStore[CaseRule]):
    """Case rule operations: ``backend.case_rules``."""

    def __init__(self, core: BackendCore) -> None:
        super().__init__(core, CASE_RULES)

    def create(
        self, domain_id: str, name: str, rule: RuleDetails, description: str | None = None
    ) -> CaseRule:
        with self.core.lock:
            checked = checked_rule(self.core.domain(domain_id).data, rule)
            return self._add(
                domain_id, name, self.core.quotas.case_rules_per_domain, rule=checked, description=description
            )

    def update(
        self,
        domain_id: str,
        case_rule_id: str,
        *,
        name: str | None = None,
        description: str | None = None,
        rule: RuleDetails | None = None,
    ) -> None:
        with self.core.lock:
            data = self.core.domain(domain_id).data
            existing = self._updatable(domain_id, case_rule_id)
            if name is None and description is None and rule is None:
                raise ValidationException("Give at least one of name, description and rule to update")
            checked = checked_rule(data, rule) if rule is not None else None
            if name is not None:
                CASE_RULES.check_name(data, name, except_id=case_rule_id)
            if checked is not None:
                _check_fits_templates(data, case_rule_id, checked)
            self._change(data, existing, name, description=description, rule=checked)

    def delete(self, domain_id: str, case_rule_id: str) -> None:
        with self.core.lock:
            data = self.core.domain(domain_id).data
            existing = self.get(domain_id, case_rule_id)
            if existing.deleted:
                return
            carrying = _templates_carrying(data, case_rule_id)
            if carrying:
                ids = ", ".join(t.label for t in carrying)
                raise ConflictException(
                    f"Case rule {existing.label} is used by template(s) {ids}; remove it from them first"
                )
            self._mark_deleted(data, existing)
