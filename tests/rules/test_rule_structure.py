"""What a case rule may say: conditions, operands, nesting and option mappings, checked on write."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from cases_mock import mock_connectcases
from tests.builders import (
    a_case_rule,
    a_domain,
    an_unchecked_client,
    and_all,
    case_rule_detail,
    equal_to,
    error_of,
    hidden_rule,
    not_equal_to,
    options_rule,
    or_all,
    required_rule,
)
from tests.rules.domain import RuleDomain

TEXT = {"stringValue": "x"}
EMPTY: dict[str, Any] = {"emptyValue": {}}


def refusal(client: Any, domain_id: str, rule: dict[str, Any]) -> str:
    """The message of the ValidationException CreateCaseRule gives for ``rule``."""
    with pytest.raises(ClientError) as raised:
        client.create_case_rule(domainId=domain_id, name="refused", rule=rule)
    assert error_of(raised)["Error"]["Code"] == "ValidationException"
    return str(error_of(raised)["Error"]["Message"])


ACCEPTED = [
    ("note", {"stringValue": "hello"}),
    ("link", {"stringValue": "https://example.com"}),
    ("country", {"stringValue": "us"}),
    ("due", {"stringValue": "2025-02-06T10:00:00Z"}),
    ("owner", {"stringValue": "arn:aws:connect:us-east-1:123456789012:instance/i/agent/a"}),
    ("priority", {"doubleValue": 2.5}),
    ("urgent", {"booleanValue": False}),
    ("note", EMPTY),
    ("priority", EMPTY),
    ("urgent", EMPTY),
]


@pytest.mark.parametrize(("field", "operand"), ACCEPTED)
def test_an_operand_that_fits_the_field_type_is_accepted(
    domain: RuleDomain, field: str, operand: dict[str, Any]
) -> None:
    rule = required_rule(equal_to(domain.ids[field], operand), not_equal_to(domain.ids[field], operand))

    case_rule_id = a_case_rule(domain.client, domain.domain_id, rule)

    assert case_rule_detail(domain.client, domain.domain_id, case_rule_id)["rule"] == rule


REFUSED = [
    ("note", {"doubleValue": 1.0}),
    ("note", {"booleanValue": True}),
    ("priority", {"stringValue": "2"}),
    ("priority", {"booleanValue": True}),
    ("urgent", {"stringValue": "true"}),
    ("urgent", {"doubleValue": 1.0}),
    ("country", {"doubleValue": 1.0}),
    ("due", {"booleanValue": True}),
]


@pytest.mark.parametrize(("field", "operand"), REFUSED)
def test_an_operand_of_another_type_than_the_field_is_refused_naming_the_operand(
    domain: RuleDomain, field: str, operand: dict[str, Any]
) -> None:
    rule = required_rule(equal_to(domain.ids["note"], TEXT), equal_to(domain.ids[field], operand))

    message = refusal(domain.client, domain.domain_id, rule)

    assert "rule.required.conditions[1].equalTo.operandTwo" in message
    assert next(iter(operand)) in message


@pytest.mark.needs_model("CaseRuleDetails.hidden")
def test_a_date_time_operand_must_be_iso_8601(domain: RuleDomain) -> None:
    message = refusal(
        domain.client, domain.domain_id, hidden_rule(equal_to(domain.ids["due"], {"stringValue": "Tuesday"}))
    )

    assert "rule.hidden.conditions[0].equalTo.operandTwo.stringValue" in message


def test_a_number_operand_sent_as_an_integer_reads_back_as_a_double(domain: RuleDomain) -> None:
    rule = required_rule(equal_to(domain.ids["priority"], {"doubleValue": 2}))

    stored = case_rule_detail(
        domain.client, domain.domain_id, a_case_rule(domain.client, domain.domain_id, rule)
    )

    operand = stored["rule"]["required"]["conditions"][0]["equalTo"]["operandTwo"]["doubleValue"]
    assert operand == 2.0
    assert isinstance(operand, float)


def test_an_unknown_operand_field_is_refused_naming_its_path(domain: RuleDomain) -> None:
    rule = required_rule(equal_to(domain.ids["note"], TEXT), not_equal_to("no-such-field", TEXT))

    message = refusal(domain.client, domain.domain_id, rule)

    assert "rule.required.conditions[1].notEqualTo.operandOne.fieldId" in message
    assert "no-such-field" in message


def test_a_deleted_operand_field_is_refused(domain: RuleDomain) -> None:
    domain.client.delete_field(domainId=domain.domain_id, fieldId=domain.ids["note"])

    message = refusal(domain.client, domain.domain_id, required_rule(equal_to(domain.ids["note"], TEXT)))

    assert "rule.required.conditions[0].equalTo.operandOne.fieldId" in message


def test_system_fields_may_be_operands(domain: RuleDomain) -> None:
    rule = required_rule(equal_to("status", {"stringValue": "closed"}))

    assert a_case_rule(domain.client, domain.domain_id, rule)


@pytest.mark.needs_model("BooleanCondition.andAll", "BooleanCondition.orAll")
def test_five_conditions_across_two_levels_of_nesting_are_accepted(domain: RuleDomain) -> None:
    note = domain.ids["note"]
    rule = required_rule(
        equal_to(note, TEXT),
        and_all(equal_to(note, TEXT), or_all(equal_to(note, TEXT), equal_to(note, TEXT))),
        equal_to(note, TEXT),
    )

    case_rule_id = a_case_rule(domain.client, domain.domain_id, rule)

    assert case_rule_detail(domain.client, domain.domain_id, case_rule_id)["rule"] == rule


@pytest.mark.needs_model("BooleanCondition.andAll", "BooleanCondition.orAll")
def test_a_sixth_condition_is_refused_wherever_it_sits(domain: RuleDomain) -> None:
    note = domain.ids["note"]
    rule = required_rule(
        equal_to(note, TEXT), or_all(equal_to(note, TEXT), equal_to(note, TEXT), equal_to(note, TEXT))
    )
    rule["required"]["conditions"].append(and_all(equal_to(note, TEXT), equal_to(note, TEXT)))

    message = refusal(domain.client, domain.domain_id, rule)

    assert "rule.required.conditions[2].andAll.conditions[1].equalTo" in message
    assert "5" in message


@pytest.mark.needs_model("CaseRuleDetails.hidden", "BooleanCondition.andAll", "BooleanCondition.orAll")
def test_a_third_level_of_nesting_is_refused(domain: RuleDomain) -> None:
    note = domain.ids["note"]
    rule = hidden_rule(and_all(or_all(and_all(equal_to(note, TEXT)))))

    message = refusal(domain.client, domain.domain_id, rule)

    assert "rule.hidden.conditions[0].andAll.conditions[0].orAll.conditions[0].andAll" in message


@pytest.mark.needs_model("BooleanCondition.orAll")
def test_an_empty_compound_is_refused(domain: RuleDomain) -> None:
    message = refusal(domain.client, domain.domain_id, required_rule(or_all()))

    assert "rule.required.conditions[0].orAll.conditions" in message


@pytest.mark.needs_model("CaseRuleDetails.hidden")
def test_an_empty_condition_list_leaves_the_default_alone(domain: RuleDomain) -> None:
    case_rule_id = a_case_rule(domain.client, domain.domain_id, hidden_rule(default=True))

    assert case_rule_detail(domain.client, domain.domain_id, case_rule_id)["rule"] == {
        "hidden": {"defaultValue": True, "conditions": []}
    }


def test_a_refused_update_leaves_the_rule_as_it_was(domain: RuleDomain) -> None:
    before = required_rule(equal_to(domain.ids["note"], TEXT))
    case_rule_id = a_case_rule(domain.client, domain.domain_id, before, name="kept")

    with pytest.raises(ClientError) as raised:
        domain.client.update_case_rule(
            domainId=domain.domain_id,
            caseRuleId=case_rule_id,
            name="renamed",
            rule=required_rule(equal_to("ghost", TEXT)),
        )

    assert "rule.required.conditions[0].equalTo.operandOne.fieldId" in error_of(raised)["Error"]["Message"]
    detail = case_rule_detail(domain.client, domain.domain_id, case_rule_id)
    assert (detail["name"], detail["rule"]) == ("kept", before)


@pytest.mark.needs_model("CaseRuleDetails.fieldOptions")
def test_a_field_options_rule_reads_back_as_sent(domain: RuleDomain) -> None:
    rule = options_rule(
        domain.ids["country"], domain.ids["state"], {"us": ["wa", "or"], "ca": ["on", "qc"], "": []}
    )

    case_rule_id = a_case_rule(domain.client, domain.domain_id, rule)

    assert case_rule_detail(domain.client, domain.domain_id, case_rule_id)["rule"] == rule
    assert (
        domain.client.list_case_rules(domainId=domain.domain_id)["caseRules"][0]["ruleType"] == "FieldOptions"
    )


@pytest.mark.parametrize(
    ("parent", "child", "member"),
    [
        ("note", "state", "parentFieldId"),
        ("country", "priority", "childFieldId"),
        ("country", "country", "childFieldId"),
        ("ghost", "state", "parentFieldId"),
    ],
)
@pytest.mark.needs_model("CaseRuleDetails.fieldOptions")
def test_field_options_need_two_different_single_select_fields(
    domain: RuleDomain, parent: str, child: str, member: str
) -> None:
    ids = {**domain.ids, "ghost": "ghost"}

    message = refusal(domain.client, domain.domain_id, options_rule(ids[parent], ids[child], {"us": ["wa"]}))

    assert f"rule.fieldOptions.{member}" in message


@pytest.mark.needs_model("CaseRuleDetails.fieldOptions")
def test_field_options_without_a_parent_are_refused(domain: RuleDomain) -> None:
    rule = options_rule(domain.ids["country"], domain.ids["state"], {"us": ["wa"]})
    del rule["fieldOptions"]["parentFieldId"]

    assert "rule.fieldOptions.parentFieldId" in refusal(domain.client, domain.domain_id, rule)


@pytest.mark.parametrize(
    ("mapping", "member"),
    [
        ({"us": ["wa"], "fr": ["wa"]}, "parentChildFieldOptionsMappings[1].parentFieldOptionValue"),
        ({"us": ["wa", "zz"]}, "parentChildFieldOptionsMappings[0].childFieldOptionValues[1]"),
    ],
)
@pytest.mark.needs_model("CaseRuleDetails.fieldOptions")
def test_mapping_values_must_be_options_of_their_fields(
    domain: RuleDomain, mapping: dict[str, list[str]], member: str
) -> None:
    rule = options_rule(domain.ids["country"], domain.ids["state"], mapping)

    assert f"rule.fieldOptions.{member}" in refusal(domain.client, domain.domain_id, rule)


@pytest.mark.needs_model("CaseRuleDetails.fieldOptions")
def test_a_parent_value_mapped_twice_is_refused(domain: RuleDomain) -> None:
    rule = options_rule(domain.ids["country"], domain.ids["state"], {"us": ["wa"]})
    mappings = rule["fieldOptions"]["parentChildFieldOptionsMappings"]
    mappings.append({"parentFieldOptionValue": "us", "childFieldOptionValues": ["or"]})

    message = refusal(domain.client, domain.domain_id, rule)

    assert "rule.fieldOptions.parentChildFieldOptionsMappings[1].parentFieldOptionValue" in message


@mock_connectcases
@pytest.mark.parametrize(
    ("rule", "member"),
    [
        pytest.param(
            {"required": {"defaultValue": True, "conditions": []}, "hidden": {}},
            "rule",
            marks=pytest.mark.needs_model("CaseRuleDetails.hidden"),
        ),
        (required_rule(equal_to("f", {"stringValue": "x" * 1501})), "operandTwo.stringValue"),
        (required_rule(equal_to("f", {})), "operandTwo"),
        pytest.param(
            {"fieldOptions": {"parentChildFieldOptionsMappings": []}},
            "parentChildFieldOptionsMappings",
            marks=pytest.mark.needs_model("CaseRuleDetails.fieldOptions"),
        ),
    ],
)
def test_the_model_constraints_are_checked_by_the_server(rule: dict[str, Any], member: str) -> None:
    client = an_unchecked_client()

    message = refusal(client, a_domain(client), rule)

    assert member in message
