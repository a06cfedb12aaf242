"""Error messages that mention a field, template, layout or case rule give its name beside its id."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from cases_mock import CasesMock, mock_connectcases
from cases_mock._services.connectcases.seed import SeededDomain


@pytest.fixture
def world() -> Iterator[tuple[CasesMock, Any, SeededDomain]]:
    with mock_connectcases() as mock:
        seeded = mock.seed(cases=1)
        yield mock, boto3.client("connectcases", region_name="us-east-1"), seeded


def _message(call: Any, **params: Any) -> str:
    with pytest.raises(ClientError) as raised:
        call(**params)
    return str(raised.value.response["Error"]["Message"])


def _title(text: str = "x") -> dict[str, Any]:
    return {"id": "title", "value": {"stringValue": text}}


def test_a_missing_required_field_names_the_field_and_the_template(world: Any) -> None:
    _, client, seeded = world

    message = _message(
        client.create_case, domainId=seeded.domain_id, templateId=seeded.template_id, fields=[_title()]
    )

    assert message == (
        f"Field 'Priority' ({seeded.fields['Priority']}) is required by template "
        f"'Support' ({seeded.template_id}) but has no value"
    )


def test_a_value_that_is_not_an_option_names_the_field(world: Any) -> None:
    _, client, seeded = world
    fields = [
        _title(),
        {"id": seeded.fields["Priority"], "value": {"doubleValue": 1}},
        {"id": seeded.fields["Product"], "value": {"stringValue": "sales"}},
    ]

    message = _message(
        client.create_case, domainId=seeded.domain_id, templateId=seeded.template_id, fields=fields
    )

    assert message.endswith(f"'sales' is not an option of field 'Product' ({seeded.fields['Product']})")


def test_a_value_of_the_wrong_type_names_the_field(world: Any) -> None:
    _, client, seeded = world
    fields = [_title(), {"id": seeded.fields["Priority"], "value": {"stringValue": "high"}}]

    message = _message(
        client.create_case, domainId=seeded.domain_id, templateId=seeded.template_id, fields=fields
    )

    assert message.startswith(
        f"Invalid value for field 'Priority' ({seeded.fields['Priority']}) at 'fields[1].value'"
    )


def test_a_field_required_by_a_case_rule_names_the_field_the_rule_and_the_template(world: Any) -> None:
    _, client, seeded = world
    rule = client.list_case_rules(domainId=seeded.domain_id)["caseRules"][0]

    message = _message(
        client.update_case,
        domainId=seeded.domain_id,
        caseId=seeded.case_ids[0],
        fields=[{"id": "status", "value": {"stringValue": "closed"}}],
    )

    assert message == (
        f"Field 'Resolution' ({seeded.fields['Resolution']}) is required by case rule "
        f"{rule['name']!r} ({rule['caseRuleId']}) of template 'Support' ({seeded.template_id}) "
        "but has no value"
    )


def test_a_case_rule_in_use_names_itself_and_the_templates(world: Any) -> None:
    _, client, seeded = world
    rule = client.list_case_rules(domainId=seeded.domain_id)["caseRules"][0]

    message = _message(client.delete_case_rule, domainId=seeded.domain_id, caseRuleId=rule["caseRuleId"])

    assert message.startswith(
        f"Case rule {rule['name']!r} ({rule['caseRuleId']}) is used by "
        f"template(s) 'Support' ({seeded.template_id})"
    )


def test_a_deleted_layout_and_template_are_named(world: Any) -> None:
    _, client, seeded = world
    client.delete_layout(domainId=seeded.domain_id, layoutId=seeded.layout_id)
    layout_name = client.get_layout(domainId=seeded.domain_id, layoutId=seeded.layout_id)["name"]
    client.delete_template(domainId=seeded.domain_id, templateId=seeded.template_id)

    layout_message = _message(
        client.update_layout, domainId=seeded.domain_id, layoutId=seeded.layout_id, name="n"
    )
    template_message = _message(
        client.create_case, domainId=seeded.domain_id, templateId=seeded.template_id, fields=[_title()]
    )

    assert layout_message == f"Layout {layout_name!r} ({seeded.layout_id}) is deleted and cannot be updated"
    assert template_message.endswith(f"template 'Support' ({seeded.template_id}) is deleted")


def test_a_search_filter_of_the_wrong_type_names_the_field(world: Any) -> None:
    _, client, seeded = world
    priority = seeded.fields["Priority"]

    message = _message(
        client.search_cases,
        domainId=seeded.domain_id,
        filter={"field": {"equalTo": {"id": priority, "value": {"stringValue": "a"}}}},
    )

    assert message.endswith(f"field 'Priority' ({priority}) is Number and compares with doubleValue")


def test_a_system_field_is_named(world: Any) -> None:
    _, client, seeded = world

    message = _message(client.delete_field, domainId=seeded.domain_id, fieldId="title")

    assert message == "Field 'Title' (title) is a System field and cannot be deleted"


@pytest.mark.needs_model("CaseRuleDetails.fieldOptions")
def test_a_field_option_rule_names_both_fields(world: Any) -> None:
    _, client, seeded = world
    product = seeded.fields["Product"]
    model = client.create_field(domainId=seeded.domain_id, name="Model", type="SingleSelect")["fieldId"]
    client.batch_put_field_options(
        domainId=seeded.domain_id, fieldId=model, options=[{"name": "X1", "value": "x1", "active": True}]
    )

    message = _message(
        client.create_case_rule,
        domainId=seeded.domain_id,
        name="models",
        rule={
            "fieldOptions": {
                "parentFieldId": product,
                "childFieldId": model,
                "parentChildFieldOptionsMappings": [
                    {"parentFieldOptionValue": "router", "childFieldOptionValues": ["x9"]}
                ],
            }
        },
    )

    assert message.endswith(f"'x9' is not an option of field 'Model' ({model})")
