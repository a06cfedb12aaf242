"""Templates carrying case rules: what GetTemplate shows, and what the carried rules may become."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.builders import equal_to, error_of, hidden_rule, options_rule, required_rule
from tests.rules.domain import RuleDomain

CLOSED = {"stringValue": "closed"}


@pytest.mark.needs_model("CaseRuleDetails.hidden")
def test_get_template_returns_the_rules_it_carries(domain: RuleDomain) -> None:
    required = domain.rule(required_rule(equal_to("status", CLOSED)))
    hidden = domain.rule(hidden_rule(default=True))
    template_id = domain.template((required, "reason"), (hidden, "note"))

    template = domain.client.get_template(domainId=domain.domain_id, templateId=template_id)

    assert template["rules"] == [
        {"caseRuleId": required, "fieldId": domain.ids["reason"]},
        {"caseRuleId": hidden, "fieldId": domain.ids["note"]},
    ]


def test_update_template_replaces_the_rules(domain: RuleDomain) -> None:
    first = domain.rule(required_rule(default=True))
    second = domain.rule(required_rule(default=False))
    template_id = domain.template((first, "reason"))

    domain.client.update_template(
        domainId=domain.domain_id,
        templateId=template_id,
        rules=[{"caseRuleId": second, "fieldId": domain.ids["note"]}],
    )

    template = domain.client.get_template(domainId=domain.domain_id, templateId=template_id)
    assert template["rules"] == [{"caseRuleId": second, "fieldId": domain.ids["note"]}]


def test_a_rule_a_live_template_carries_cannot_be_deleted(domain: RuleDomain) -> None:
    rule_id = domain.rule(required_rule(default=True))
    template_id = domain.template((rule_id, "reason"))

    with pytest.raises(ClientError) as raised:
        domain.client.delete_case_rule(domainId=domain.domain_id, caseRuleId=rule_id)

    assert error_of(raised)["Error"]["Code"] == "ConflictException"
    assert template_id in error_of(raised)["Error"]["Message"]
    domain.client.update_template(domainId=domain.domain_id, templateId=template_id, rules=[])
    domain.client.delete_case_rule(domainId=domain.domain_id, caseRuleId=rule_id)


def test_a_rule_only_deleted_templates_carry_can_be_deleted(domain: RuleDomain) -> None:
    rule_id = domain.rule(required_rule(default=True))
    template_id = domain.template((rule_id, "reason"))
    domain.client.delete_template(domainId=domain.domain_id, templateId=template_id)

    domain.client.delete_case_rule(domainId=domain.domain_id, caseRuleId=rule_id)

    answer = domain.client.batch_get_case_rule(domainId=domain.domain_id, caseRules=[{"id": rule_id}])
    assert answer["caseRules"][0]["deleted"] is True


@pytest.mark.needs_model("CaseRuleDetails.fieldOptions")
def test_an_update_must_keep_fitting_the_templates_that_carry_the_rule(domain: RuleDomain) -> None:
    rule_id = domain.rule(required_rule(default=True))
    domain.template((rule_id, "reason"))
    other_child = options_rule(domain.ids["country"], domain.ids["state"], {"us": ["wa"]})

    with pytest.raises(ClientError) as raised:
        domain.client.update_case_rule(domainId=domain.domain_id, caseRuleId=rule_id, rule=other_child)

    assert error_of(raised)["Error"]["Code"] == "ValidationException"
    detail = domain.client.batch_get_case_rule(domainId=domain.domain_id, caseRules=[{"id": rule_id}])
    assert detail["caseRules"][0]["rule"] == required_rule(default=True)


@pytest.mark.needs_model("CaseRuleDetails.hidden")
def test_an_update_may_not_give_a_template_two_rules_of_one_type_on_a_field(domain: RuleDomain) -> None:
    hidden = domain.rule(hidden_rule(default=True))
    required = domain.rule(required_rule(default=True))
    domain.template((hidden, "reason"), (required, "reason"))

    with pytest.raises(ClientError) as raised:
        domain.client.update_case_rule(
            domainId=domain.domain_id, caseRuleId=required, rule=hidden_rule(default=False)
        )

    assert error_of(raised)["Error"]["Code"] == "ValidationException"
    assert domain.ids["reason"] in error_of(raised)["Error"]["Message"]


@pytest.mark.needs_model("CaseRuleDetails.hidden")
def test_get_template_leaves_out_the_rules_of_fields_deleted_since(domain: RuleDomain) -> None:
    """DeleteField page: "GetTemplate does not return field IDs for deleted fields"; the
    association acting on it goes whole (fieldOptions by its child field) and the answer
    goes back through UpdateTemplate."""
    on_reason = domain.rule(required_rule(default=True))
    on_note = domain.rule(hidden_rule(default=True))
    options = domain.rule(options_rule(domain.ids["country"], domain.ids["state"], {"us": ["wa"]}))
    template_id = domain.template((on_reason, "reason"), (on_note, "note"), (options, None))

    domain.client.delete_field(domainId=domain.domain_id, fieldId=domain.ids["reason"])
    domain.client.delete_field(domainId=domain.domain_id, fieldId=domain.ids["state"])

    template = domain.client.get_template(domainId=domain.domain_id, templateId=template_id)
    assert template["rules"] == [{"caseRuleId": on_note, "fieldId": domain.ids["note"]}]
    domain.client.update_template(domainId=domain.domain_id, templateId=template_id, rules=template["rules"])
    again = domain.client.get_template(domainId=domain.domain_id, templateId=template_id)
    assert again["rules"] == template["rules"]
