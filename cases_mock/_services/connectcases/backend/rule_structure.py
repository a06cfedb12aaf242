"""The structure of a case rule (``CaseRuleDetails``), checked against the domain's fields.

The dispatcher has already checked the model's constraints (required members, unions with one
member, lengths). What is checked here needs the domain (docs/behaviour.md#case-rules):

- a ``required`` or ``hidden`` rule has at most five leaf conditions (``equalTo`` /
  ``notEqualTo``) in total, compounds (``andAll`` / ``orAll``) nest at most two deep, and no
  compound is empty;
- every ``operandOne.fieldId`` names an existing, non-deleted field, and ``operandTwo`` fits
  that field's type (``emptyValue`` fits every type);
- a ``fieldOptions`` rule names two different, existing SingleSelect fields, and every mapping
  value is an option of its field (``""`` stands for "no value"); parent values do not repeat.

Each violation is a ValidationException naming the member path, e.g.
``rule.required.conditions[1].equalTo.operandOne.fieldId``.
"""

from __future__ import annotations

from cases_mock._engine.limits import MAX_COMPOUND_DEPTH, MAX_CONDITIONS
from cases_mock._services.connectcases.backend.records import DomainData, Field
from cases_mock._services.connectcases.backend.rule_records import (
    BooleanRule,
    Comparison,
    Condition,
    FieldOptionsRule,
    RuleDetails,
)
from cases_mock._services.connectcases.backend.values import normalise_datetime
from cases_mock._services.connectcases.errors import ValidationException

RULE_TYPES = {"required": "Required", "hidden": "Hidden", "fieldOptions": "FieldOptions"}
OPERAND_FOR_TYPE = {
    "Text": "stringValue",
    "Url": "stringValue",
    "SingleSelect": "stringValue",
    "DateTime": "stringValue",
    "User": "stringValue",
    "Number": "doubleValue",
    "Boolean": "booleanValue",
}


def _invalid(path: str, why: str) -> ValidationException:
    return ValidationException(f"Invalid case rule at '{path}': {why}")


def kind_of(rule: RuleDetails) -> str:
    """The member set in a ``CaseRuleDetails`` union: required, hidden or fieldOptions."""
    return rule.kind


def rule_type(rule: RuleDetails) -> str:
    """The ``RuleType`` ListCaseRules reports: Required, Hidden or FieldOptions."""
    return RULE_TYPES[rule.kind]


def rule_target(rule: RuleDetails, field_id: str | None) -> str | None:
    """The field a rule acts on when a template carries it with ``field_id`` (the association's).

    ``required`` and ``hidden`` act on the association's field; ``fieldOptions`` on its own
    ``childFieldId``.
    """
    if isinstance(rule, FieldOptionsRule):
        return rule.child_field_id
    return field_id


def _live_field(data: DomainData, field_id: str, path: str) -> Field:
    found = data.fields.get(field_id)
    if found is None:
        raise _invalid(path, f"field {field_id!r} does not exist in this domain")
    if found.deleted:
        raise _invalid(path, f"field {found.label} is deleted")
    return found


def _check_operands(data: DomainData, leaf: Comparison, path: str) -> None:
    field = _live_field(data, leaf.field_id, f"{path}.operandOne.fieldId")
    member = leaf.operand_member
    expected = OPERAND_FOR_TYPE[field.type]
    if member not in (expected, "emptyValue"):
        raise _invalid(
            f"{path}.operandTwo",
            f"field {field.label} is of type {field.type} and compares with {expected} or emptyValue, "
            f"not {member}",
        )
    literal = leaf.operand
    if field.type == "DateTime" and isinstance(literal, str) and normalise_datetime(literal) is None:
        raise _invalid(f"{path}.operandTwo.stringValue", f"{literal!r} is not an ISO-8601 date-time")


def _check_conditions(
    data: DomainData, conditions: tuple[Condition, ...], path: str, depth: int, leaves: list[str]
) -> None:
    for index, condition in enumerate(conditions):
        where = f"{path}[{index}].{condition.member}"
        if isinstance(condition, Comparison):
            leaves.append(where)
            if len(leaves) > MAX_CONDITIONS:
                raise _invalid(where, f"a case rule may have at most {MAX_CONDITIONS} conditions in total")
            _check_operands(data, condition, where)
            continue
        if depth >= MAX_COMPOUND_DEPTH:
            raise _invalid(where, f"compounds may be nested at most {MAX_COMPOUND_DEPTH} levels deep")
        if not condition.conditions:
            raise _invalid(f"{where}.conditions", "a compound condition needs at least one condition")
        _check_conditions(data, condition.conditions, f"{where}.conditions", depth + 1, leaves)


def _check_field_options(data: DomainData, rule: FieldOptionsRule, path: str) -> None:
    fields: list[Field] = []
    for role, field_id in (("parentFieldId", rule.parent_field_id), ("childFieldId", rule.child_field_id)):
        if field_id is None:
            raise _invalid(f"{path}.{role}", "a fieldOptions rule must name its parent and child fields")
        field = _live_field(data, field_id, f"{path}.{role}")
        if field.type != "SingleSelect":
            raise _invalid(f"{path}.{role}", f"field {field.label} is {field.type}, not SingleSelect")
        fields.append(field)
    parent, child = fields
    if parent.field_id == child.field_id:
        raise _invalid(f"{path}.childFieldId", "the child field must differ from the parent field")
    seen: set[str] = set()
    for index, mapping in enumerate(rule.mappings):
        where = f"{path}.parentChildFieldOptionsMappings[{index}]"
        value = mapping.parent_value
        if value in seen:
            raise _invalid(f"{where}.parentFieldOptionValue", f"parent value {value!r} is mapped twice")
        if value and value not in parent.options:
            raise _invalid(
                f"{where}.parentFieldOptionValue", f"{value!r} is not an option of field {parent.label}"
            )
        seen.add(value)
        for position, option in enumerate(mapping.child_values):
            if option and option not in child.options:
                raise _invalid(
                    f"{where}.childFieldOptionValues[{position}]",
                    f"{option!r} is not an option of field {child.label}",
                )


def checked_rule(data: DomainData, rule: RuleDetails, path: str = "rule") -> RuleDetails:
    """``rule`` once it fits the domain, or ValidationException naming the member."""
    where = f"{path}.{rule.kind}"
    if isinstance(rule, BooleanRule):
        _check_conditions(data, rule.conditions, f"{where}.conditions", 0, [])
    else:
        _check_field_options(data, rule, where)
    return rule
