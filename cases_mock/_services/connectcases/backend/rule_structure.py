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

from typing import Any

from cases_mock._engine.limits import MAX_COMPOUND_DEPTH, MAX_CONDITIONS
from cases_mock._services.connectcases.backend.records import DomainData, Field
from cases_mock._services.connectcases.backend.values import normalise_datetime
from cases_mock._services.connectcases.errors import ValidationException

RULE_TYPES = {"required": "Required", "hidden": "Hidden", "fieldOptions": "FieldOptions"}
LEAVES = ("equalTo", "notEqualTo")
COMPOUNDS = ("andAll", "orAll")
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


def kind_of(rule: dict[str, Any]) -> str:
    """The member set in a ``CaseRuleDetails`` union: required, hidden or fieldOptions."""
    return next(iter(rule))


def rule_type(rule: dict[str, Any]) -> str:
    """The ``RuleType`` ListCaseRules reports: Required, Hidden or FieldOptions."""
    return RULE_TYPES[kind_of(rule)]


def rule_target(rule: dict[str, Any], field_id: str | None) -> str | None:
    """The field a rule acts on when a template carries it with ``field_id`` (the association's).

    ``required`` and ``hidden`` act on the association's field; ``fieldOptions`` on its own
    ``childFieldId``.
    """
    if kind_of(rule) == "fieldOptions":
        child = rule["fieldOptions"].get("childFieldId")
        return str(child) if child is not None else None
    return field_id


def _live_field(data: DomainData, field_id: str, path: str) -> Field:
    found = data.fields.get(field_id)
    if found is None:
        raise _invalid(path, f"field {field_id!r} does not exist in this domain")
    if found.deleted:
        raise _invalid(path, f"field {found.label} is deleted")
    return found


def _operands(data: DomainData, operands: dict[str, Any], path: str) -> dict[str, Any]:
    field_id = str(operands["operandOne"]["fieldId"])
    field = _live_field(data, field_id, f"{path}.operandOne.fieldId")
    (member, literal), *_ = operands["operandTwo"].items()
    expected = OPERAND_FOR_TYPE[field.type]
    if member not in (expected, "emptyValue"):
        raise _invalid(
            f"{path}.operandTwo",
            f"field {field.label} is of type {field.type} and compares with {expected} or emptyValue, "
            f"not {member}",
        )
    if member == "doubleValue":
        literal = float(literal)
    if field.type == "DateTime" and member == "stringValue" and normalise_datetime(literal) is None:
        raise _invalid(f"{path}.operandTwo.stringValue", f"{literal!r} is not an ISO-8601 date-time")
    return {
        "operandOne": {"fieldId": field_id},
        "operandTwo": {member: literal},
        "result": bool(operands["result"]),
    }


def _conditions(
    data: DomainData, conditions: list[dict[str, Any]], path: str, depth: int, leaves: list[str]
) -> list[dict[str, Any]]:
    checked: list[dict[str, Any]] = []
    for index, condition in enumerate(conditions):
        (member, body), *_ = condition.items()
        where = f"{path}[{index}].{member}"
        if member in LEAVES:
            leaves.append(where)
            if len(leaves) > MAX_CONDITIONS:
                raise _invalid(where, f"a case rule may have at most {MAX_CONDITIONS} conditions in total")
            checked.append({member: _operands(data, body, where)})
            continue
        if depth >= MAX_COMPOUND_DEPTH:
            raise _invalid(where, f"compounds may be nested at most {MAX_COMPOUND_DEPTH} levels deep")
        children = body["conditions"]
        if not children:
            raise _invalid(f"{where}.conditions", "a compound condition needs at least one condition")
        inner = _conditions(data, children, f"{where}.conditions", depth + 1, leaves)
        checked.append({member: {"conditions": inner}})
    return checked


def _field_options(data: DomainData, body: dict[str, Any], path: str) -> dict[str, Any]:
    fields: dict[str, Field] = {}
    for role in ("parentFieldId", "childFieldId"):
        field_id = body.get(role)
        if field_id is None:
            raise _invalid(f"{path}.{role}", "a fieldOptions rule must name its parent and child fields")
        field = _live_field(data, str(field_id), f"{path}.{role}")
        if field.type != "SingleSelect":
            raise _invalid(f"{path}.{role}", f"field {field.label} is {field.type}, not SingleSelect")
        fields[role] = field
    parent, child = fields["parentFieldId"], fields["childFieldId"]
    if parent.field_id == child.field_id:
        raise _invalid(f"{path}.childFieldId", "the child field must differ from the parent field")
    seen: set[str] = set()
    mappings: list[dict[str, Any]] = []
    for index, mapping in enumerate(body["parentChildFieldOptionsMappings"]):
        where = f"{path}.parentChildFieldOptionsMappings[{index}]"
        value = str(mapping["parentFieldOptionValue"])
        if value in seen:
            raise _invalid(f"{where}.parentFieldOptionValue", f"parent value {value!r} is mapped twice")
        if value and value not in parent.options:
            raise _invalid(
                f"{where}.parentFieldOptionValue", f"{value!r} is not an option of field {parent.label}"
            )
        seen.add(value)
        children = [str(v) for v in mapping["childFieldOptionValues"]]
        for position, option in enumerate(children):
            if option and option not in child.options:
                raise _invalid(
                    f"{where}.childFieldOptionValues[{position}]",
                    f"{option!r} is not an option of field {child.label}",
                )
        mappings.append({"parentFieldOptionValue": value, "childFieldOptionValues": children})
    return {
        "parentFieldId": parent.field_id,
        "childFieldId": child.field_id,
        "parentChildFieldOptionsMappings": mappings,
    }


def checked_rule(data: DomainData, rule: dict[str, Any], path: str = "rule") -> dict[str, Any]:
    """A normalised copy of ``rule`` (numbers as floats), or ValidationException naming the member."""
    kind = kind_of(rule)
    body = rule[kind]
    where = f"{path}.{kind}"
    if kind == "fieldOptions":
        return {kind: _field_options(data, body, where)}
    conditions = _conditions(data, body["conditions"], f"{where}.conditions", 0, [])
    return {kind: {"defaultValue": bool(body["defaultValue"]), "conditions": conditions}}
