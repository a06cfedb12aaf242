"""What a case must satisfy under its template: required fields and case rules.

``check_case`` is the single entry point every case write (CreateCase, UpdateCase,
BatchUpdateCase, merges) calls with the case *as it will be after the write*; it raises
ValidationException naming the first offending field and writes nothing.

One evaluator serves every rule type (docs/behaviour.md#case-rules): the conditions of a
``required`` or ``hidden`` rule are tried in order, the first that holds dictates the rule's
value, and ``defaultValue`` applies when none holds. A leaf (``equalTo`` / ``notEqualTo``)
compares the field named by ``operandOne`` with the literal ``operandTwo`` under the field's
type (``values.operand_matches``); an ``andAll`` holds when all its conditions hold and then
dictates the value of its first one; an ``orAll`` holds when one does and dictates the value of
the first that holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cases_mock._services.connectcases.backend.records import CaseRule, Domain, DomainData, Scalar, Template
from cases_mock._services.connectcases.backend.rule_records import (
    BooleanRule,
    Comparison,
    Condition,
    FieldOptionsRule,
)
from cases_mock._services.connectcases.backend.rule_structure import rule_target
from cases_mock._services.connectcases.backend.values import operand_matches
from cases_mock._services.connectcases.errors import ValidationException


def _has_value(values: Mapping[str, Scalar], field_id: str) -> bool:
    value = values.get(field_id)
    return value is not None and value != ""


def _field_type(domain: DomainData, field_id: str) -> str:
    field = domain.fields.get(field_id)
    return field.type if field is not None else "Text"


def condition_value(domain: DomainData, condition: Condition, values: Mapping[str, Scalar]) -> bool | None:
    """The value ``condition`` dictates when it holds on ``values``, None when it does not."""
    if isinstance(condition, Comparison):
        field_id = condition.field_id
        equal = operand_matches(_field_type(domain, field_id), values.get(field_id), condition.operand)
        holds = equal if condition.equal else not equal
        return condition.result if holds else None
    dictated = [condition_value(domain, child, values) for child in condition.conditions]
    if condition.all_hold:
        return dictated[0] if dictated and all(v is not None for v in dictated) else None
    return next((v for v in dictated if v is not None), None)


def rule_value(domain: DomainData, rule: BooleanRule, values: Mapping[str, Scalar]) -> bool:
    """The value of a ``required`` or ``hidden`` rule on ``values``: first condition that holds wins."""
    for condition in rule.conditions:
        dictated = condition_value(domain, condition, values)
        if dictated is not None:
            return dictated
    return rule.default_value


@dataclass(slots=True)
class _Applied:
    """A case rule as a template applies it: the rule, its kind and the field it acts on."""

    rule: CaseRule
    kind: str
    target: str


def _applied_rules(domain: DomainData, template: Template) -> list[_Applied]:
    applied: list[_Applied] = []
    for association in template.rules:
        rule = domain.case_rules.get(association.case_rule_id)
        if rule is None or rule.deleted:
            continue
        target = rule_target(rule.rule, association.field_id)
        if target is None or domain.is_deleted_field(target):
            continue
        applied.append(_Applied(rule, rule.rule.kind, target))
    return applied


def _holds(domain: DomainData, applied: _Applied, kind: str, values: Mapping[str, Scalar]) -> bool:
    """Whether ``applied`` is a ``kind`` rule (required or hidden) whose value on ``values`` is true."""
    rule = applied.rule.rule
    return isinstance(rule, BooleanRule) and rule.kind == kind and rule_value(domain, rule, values)


def _hidden(domain: DomainData, applied: list[_Applied], values: Mapping[str, Scalar]) -> set[str]:
    """The fields the applied ``hidden`` rules hide on ``values``."""
    return {a.target for a in applied if _holds(domain, a, "hidden", values)}


@dataclass(slots=True)
class OptionLimit:
    """What a ``fieldOptions`` rule allows its child field while the parent has its current value."""

    rule: CaseRule
    parent_field_id: str
    parent_key: str  # the parent's value as the mapping names it ("" for no value)
    allowed: list[str]


@dataclass(slots=True)
class FormState:
    """How a template's rules present a case with given values: what an agent's form shows.

    ``required`` maps each required field to what requires it (None: the template's
    ``requiredFields``, else the case rule), in the order ``check_case`` reports them; hidden
    fields are never in it. ``options`` holds the option limits in force, by child field.
    """

    hidden: set[str]
    required: dict[str, CaseRule | None]
    options: dict[str, OptionLimit]


def _option_limit(applied: _Applied, values: Mapping[str, Scalar]) -> OptionLimit | None:
    rule = applied.rule.rule
    if not isinstance(rule, FieldOptionsRule) or rule.parent_field_id is None:
        return None
    parent_value = values.get(rule.parent_field_id)
    parent_key = "" if parent_value is None else str(parent_value)
    for mapping in rule.mappings:
        if mapping.parent_value == parent_key:
            return OptionLimit(applied.rule, rule.parent_field_id, parent_key, list(mapping.child_values))
    return None


def form_state(domain: DomainData | Domain, template: Template, values: Mapping[str, Scalar]) -> FormState:
    """The hidden fields, required fields and option limits ``template`` imposes on ``values``.

    The one evaluation of a template's rules: ``check_case`` enforces it on every write and the
    dashboard's preview shows it. Deleted rules and rules acting on deleted fields are skipped.
    """
    data = domain.data if isinstance(domain, Domain) else domain
    applied = _applied_rules(data, template)
    hidden = _hidden(data, applied, values)
    required: dict[str, CaseRule | None] = {}
    for field_id in template.required_fields:
        if field_id not in hidden and not data.is_deleted_field(field_id):
            required.setdefault(field_id, None)
    for a in applied:
        if a.target not in hidden and a.target not in required and _holds(data, a, "required", values):
            required[a.target] = a.rule
    options: dict[str, OptionLimit] = {}
    for a in applied:
        if a.kind == "fieldOptions":
            limit = _option_limit(a, values)
            if limit is not None:
                options[a.target] = limit
    return FormState(hidden, required, options)


def check_case(domain: DomainData | Domain, template: Template, values: Mapping[str, Scalar]) -> None:
    """Raises ValidationException if ``values`` break ``template``'s required fields or case rules.

    ``title`` is always required. The template's ``requiredFields`` and the fields its
    ``required`` rules make required must have a value, unless a ``hidden`` rule hides them on
    ``values``; a ``fieldOptions`` rule limits its child field's value to the options mapped to
    the parent field's value (``form_state``).
    """
    state = form_state(domain, template, values)
    data = domain.data if isinstance(domain, Domain) else domain
    if not _has_value(values, "title"):
        raise ValidationException(
            f"Field {data.field_label('title')} is required by template {template.label} but has no value"
        )
    for field_id, rule in state.required.items():
        if _has_value(values, field_id):
            continue
        if rule is None:
            raise ValidationException(
                f"Field {data.field_label(field_id)} is required by template {template.label} "
                "but has no value"
            )
        raise ValidationException(
            f"Field {data.field_label(field_id)} is required by case rule {rule.label} "
            f"of template {template.label} but has no value"
        )
    for child, limit in state.options.items():
        if _has_value(values, child) and values[child] not in limit.allowed:
            shown = f"{limit.parent_key!r}" if limit.parent_key else "empty"
            raise ValidationException(
                f"Field {data.field_label(child)} may not be {values[child]!r} while field "
                f"{data.field_label(limit.parent_field_id)} is {shown}: case rule {limit.rule.label} "
                f"allows {limit.allowed!r}"
            )
