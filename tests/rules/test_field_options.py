"""Field-options rules on case writes: the parent's value limits the child's options."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.builders import error_of, options_rule
from tests.rules.domain import RuleDomain

pytestmark = pytest.mark.needs_model("CaseRuleDetails.fieldOptions")


def refused(action: Any) -> str:
    with pytest.raises(ClientError) as raised:
        action()
    assert error_of(raised)["Error"]["Code"] == "ValidationException"
    return str(error_of(raised)["Error"]["Message"])


@pytest.fixture
def template_id(domain: RuleDomain) -> str:
    rule = options_rule(
        domain.ids["country"], domain.ids["state"], {"us": ["wa", "or"], "ca": ["on"], "": []}
    )
    return domain.template((domain.rule(rule), None))


def test_a_child_value_the_parent_allows_is_accepted(domain: RuleDomain, template_id: str) -> None:
    case_id = domain.create_case(template_id, country="us", state="or")

    assert domain.case_values(case_id, "country", "state") == {"country": "us", "state": "or"}


def test_a_child_value_the_parent_does_not_allow_is_refused(domain: RuleDomain, template_id: str) -> None:
    message = refused(lambda: domain.create_case(template_id, country="us", state="on"))

    assert domain.ids["state"] in message
    assert "'on'" in message


def test_an_empty_parent_value_mapping_applies_when_the_parent_is_unset(
    domain: RuleDomain, template_id: str
) -> None:
    refused(lambda: domain.create_case(template_id, state="wa"))
    assert domain.create_case(template_id)


def test_a_parent_value_no_mapping_names_leaves_the_child_unrestricted(
    domain: RuleDomain, template_id: str
) -> None:
    assert domain.create_case(template_id, country="mx", state="qc")


def test_changing_the_parent_rechecks_the_child_already_stored(domain: RuleDomain, template_id: str) -> None:
    case_id = domain.create_case(template_id, country="us", state="wa")

    refused(lambda: domain.update_case(case_id, country="ca"))
    domain.update_case(case_id, country="ca", state="on")

    assert domain.case_values(case_id, "country", "state") == {"country": "ca", "state": "on"}


def test_emptying_the_child_is_always_allowed(domain: RuleDomain, template_id: str) -> None:
    case_id = domain.create_case(template_id, country="us", state="wa")

    domain.update_case(case_id, country="ca", state=None)

    assert domain.case_values(case_id, "country", "state") == {"country": "ca"}


def test_a_template_may_name_the_child_field_in_the_association(domain: RuleDomain) -> None:
    rule = options_rule(domain.ids["country"], domain.ids["state"], {"ca": ["on", "qc"]})
    template_id = domain.template((domain.rule(rule), "state"))

    refused(lambda: domain.create_case(template_id, country="ca", state="wa"))
    assert domain.create_case(template_id, country="ca", state="qc")
