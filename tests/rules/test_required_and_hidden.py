"""Required and hidden rules on case writes: which condition decides, and what the user sees."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.builders import and_all, equal_to, error_of, hidden_rule, not_equal_to, or_all, required_rule
from tests.rules.domain import RuleDomain

CLOSED = {"stringValue": "closed"}
EMPTY: dict[str, Any] = {"emptyValue": {}}


def refused(action: Any) -> str:
    """The message of the ValidationException ``action()`` raises."""
    with pytest.raises(ClientError) as raised:
        action()
    assert error_of(raised)["Error"]["Code"] == "ValidationException"
    return str(error_of(raised)["Error"]["Message"])


def test_a_conditionally_required_field_is_enforced_only_when_the_condition_holds(
    domain: RuleDomain,
) -> None:
    rule_id = domain.rule(required_rule(equal_to("status", CLOSED)))
    template_id = domain.template((rule_id, "reason"))
    case_id = domain.create_case(template_id, status="open")

    message = refused(lambda: domain.update_case(case_id, status="closed"))

    assert domain.ids["reason"] in message
    assert domain.case_values(case_id, "status", "reason") == {"status": "open"}
    domain.update_case(case_id, status="closed", reason="fixed")
    assert domain.case_values(case_id, "status", "reason") == {"status": "closed", "reason": "fixed"}


def test_create_case_is_refused_when_a_rule_requires_a_missing_field(domain: RuleDomain) -> None:
    template_id = domain.template((domain.rule(required_rule(equal_to("status", CLOSED))), "reason"))

    message = refused(lambda: domain.create_case(template_id, status="closed"))

    assert domain.ids["reason"] in message


def test_emptying_a_conditionally_required_field_is_refused(domain: RuleDomain) -> None:
    template_id = domain.template((domain.rule(required_rule(equal_to("status", CLOSED))), "reason"))
    case_id = domain.create_case(template_id, status="closed", reason="fixed")

    refused(lambda: domain.update_case(case_id, reason=None))

    assert domain.case_values(case_id, "reason") == {"reason": "fixed"}


@pytest.mark.parametrize(("default", "accepted"), [(True, False), (False, True)])
def test_the_default_value_applies_when_no_condition_holds(
    domain: RuleDomain, default: bool, accepted: bool
) -> None:
    rule = required_rule(equal_to("status", CLOSED, result=not default), default=default)
    template_id = domain.template((domain.rule(rule), "reason"))

    if accepted:
        assert domain.create_case(template_id, status="open")
    else:
        refused(lambda: domain.create_case(template_id, status="open"))


def test_the_first_condition_that_holds_dictates_the_value(domain: RuleDomain) -> None:
    rule = required_rule(
        equal_to(domain.ids["priority"], {"doubleValue": 1}, result=False),
        equal_to(domain.ids["urgent"], {"booleanValue": True}, result=True),
    )
    template_id = domain.template((domain.rule(rule), "reason"))

    assert domain.create_case(template_id, priority=1, urgent=True)
    refused(lambda: domain.create_case(template_id, priority=2, urgent=True))


def test_not_equal_to_holds_when_the_values_differ(domain: RuleDomain) -> None:
    rule = required_rule(not_equal_to("status", {"stringValue": "open"}))
    template_id = domain.template((domain.rule(rule), "reason"))

    assert domain.create_case(template_id, status="open")
    refused(lambda: domain.create_case(template_id, status="closed"))


@pytest.mark.parametrize("sent", [2, 2.0])
def test_numbers_compare_by_value_whether_sent_as_integer_or_double(domain: RuleDomain, sent: float) -> None:
    rule = required_rule(equal_to(domain.ids["priority"], {"doubleValue": 2}))
    template_id = domain.template((domain.rule(rule), "reason"))

    refused(lambda: domain.create_case(template_id, priority=sent))
    assert domain.create_case(template_id, priority=sent + 0.5)


def test_date_times_compare_as_instants(domain: RuleDomain) -> None:
    rule = required_rule(equal_to(domain.ids["due"], {"stringValue": "2025-02-06T12:00:00+02:00"}))
    template_id = domain.template((domain.rule(rule), "reason"))

    refused(lambda: domain.create_case(template_id, due="2025-02-06T10:00:00.000Z"))
    assert domain.create_case(template_id, due="2025-02-06T12:00:00Z")


def test_an_empty_operand_matches_a_field_never_set_or_emptied(domain: RuleDomain) -> None:
    rule = required_rule(equal_to(domain.ids["note"], EMPTY))
    template_id = domain.template((domain.rule(rule), "reason"))
    case_id = domain.create_case(template_id, note="n")

    refused(lambda: domain.create_case(template_id))
    refused(lambda: domain.update_case(case_id, note=None))
    domain.update_case(case_id, note=None, reason="r")
    assert domain.case_values(case_id, "note", "reason") == {"reason": "r"}


@pytest.mark.needs_model("BooleanCondition.andAll")
def test_and_all_needs_every_condition(domain: RuleDomain) -> None:
    rule = required_rule(
        and_all(equal_to("status", CLOSED), equal_to(domain.ids["urgent"], {"booleanValue": True}))
    )
    template_id = domain.template((domain.rule(rule), "reason"))

    assert domain.create_case(template_id, status="closed", urgent=False)
    refused(lambda: domain.create_case(template_id, status="closed", urgent=True))


@pytest.mark.needs_model("BooleanCondition.orAll")
def test_or_all_needs_one_condition(domain: RuleDomain) -> None:
    rule = required_rule(
        or_all(equal_to("status", CLOSED), equal_to(domain.ids["urgent"], {"booleanValue": True}))
    )
    template_id = domain.template((domain.rule(rule), "reason"))

    assert domain.create_case(template_id, status="open", urgent=False)
    refused(lambda: domain.create_case(template_id, status="open", urgent=True))


@pytest.mark.needs_model("BooleanCondition.orAll")
def test_a_compound_dictates_the_result_of_its_deciding_condition(domain: RuleDomain) -> None:
    rule = required_rule(
        or_all(
            equal_to(domain.ids["urgent"], {"booleanValue": True}, result=False),
            equal_to("status", CLOSED, result=True),
        ),
        default=True,
    )
    template_id = domain.template((domain.rule(rule), "reason"))

    assert domain.create_case(template_id, urgent=True, status="closed")
    refused(lambda: domain.create_case(template_id, urgent=False, status="closed"))


@pytest.mark.needs_model("BooleanCondition.andAll", "BooleanCondition.orAll")
def test_nested_compounds_evaluate_inside_out(domain: RuleDomain) -> None:
    rule = required_rule(
        and_all(
            equal_to("status", CLOSED),
            or_all(
                equal_to(domain.ids["priority"], {"doubleValue": 1}),
                equal_to(domain.ids["urgent"], {"booleanValue": True}),
            ),
        )
    )
    template_id = domain.template((domain.rule(rule), "reason"))

    assert domain.create_case(template_id, status="closed", priority=3, urgent=False)
    assert domain.create_case(template_id, status="open", priority=1)
    refused(lambda: domain.create_case(template_id, status="closed", priority=1))
    refused(lambda: domain.create_case(template_id, status="closed", urgent=True))


@pytest.mark.needs_model("CaseRuleDetails.hidden")
def test_a_hidden_field_is_exempt_from_template_required_fields_and_keeps_its_value(
    domain: RuleDomain,
) -> None:
    hide = domain.rule(hidden_rule(equal_to("status", CLOSED)))
    template_id = domain.template((hide, "reason"), required=("reason",))

    refused(lambda: domain.create_case(template_id, status="open"))
    bare = domain.create_case(template_id, status="closed")
    kept = domain.create_case(template_id, status="closed", reason="still stored")

    assert domain.case_values(bare, "reason") == {}
    assert domain.case_values(kept, "reason") == {"reason": "still stored"}


@pytest.mark.needs_model("CaseRuleDetails.hidden")
def test_a_hidden_field_is_exempt_from_required_rules(domain: RuleDomain) -> None:
    need = domain.rule(required_rule(default=True))
    hide = domain.rule(hidden_rule(and_all(equal_to(domain.ids["urgent"], {"booleanValue": False}))))
    template_id = domain.template((need, "reason"), (hide, "reason"))

    assert domain.create_case(template_id, urgent=False)
    refused(lambda: domain.create_case(template_id, urgent=True))


@pytest.mark.needs_model("CaseRuleDetails.hidden")
def test_hidden_by_default_unless_a_condition_shows_the_field(domain: RuleDomain) -> None:
    hide = domain.rule(hidden_rule(equal_to("status", CLOSED, result=False), default=True))
    template_id = domain.template((hide, "reason"), required=("reason",))

    assert domain.create_case(template_id, status="open")
    refused(lambda: domain.create_case(template_id, status="closed"))


@pytest.mark.needs_model("CaseRuleDetails.hidden")
def test_title_stays_required_even_when_hidden(domain: RuleDomain) -> None:
    template_id = domain.template((domain.rule(hidden_rule(default=True)), "title"))

    message = refused(lambda: domain.create_case(template_id, title=None))

    assert "title" in message


def test_a_rule_update_applies_to_the_next_write(domain: RuleDomain) -> None:
    rule_id = domain.rule(required_rule(default=False))
    template_id = domain.template((rule_id, "reason"))
    case_id = domain.create_case(template_id)

    domain.client.update_case_rule(
        domainId=domain.domain_id, caseRuleId=rule_id, rule=required_rule(default=True)
    )

    refused(lambda: domain.update_case(case_id, note="n"))
    refused(lambda: domain.create_case(template_id))


@pytest.mark.needs_model("BatchUpdateCase")
def test_batch_update_reports_a_rule_violation_per_case(domain: RuleDomain) -> None:
    template_id = domain.template((domain.rule(required_rule(equal_to("status", CLOSED))), "reason"))
    with_reason = domain.create_case(template_id, reason="known")
    without = domain.create_case(template_id)

    answer = domain.client.batch_update_case(
        domainId=domain.domain_id,
        cases=[{"caseIdentifier": {"caseId": with_reason}}, {"caseIdentifier": {"caseId": without}}],
        fields=[],
        status="closed",
    )

    assert [c["caseIdentifier"]["caseId"] for c in answer["successfulCases"]] == [with_reason]
    assert [(c["caseIdentifier"]["caseId"], c["errorCode"]) for c in answer["failedCases"]] == [
        (without, "VALIDATION_ERROR")
    ]
    assert domain.case_values(without, "status") == {"status": "open"}
