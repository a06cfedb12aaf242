"""A state file written before the records kept plain Python values (layouts, templates, case
rules, field attributes, the event configuration and related items were wire dicts then) still
loads, reads back through boto3 as it was written, and exports byte for byte the same."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cases_mock import CasesMock, mock_connectcases
from tests.builders import a_client

SAVED = Path(__file__).with_name("state_before_records.json")
# What the saved state holds that an older model cannot express (its import is refused there)
pytestmark = pytest.mark.needs_model(
    "RelatedItemInputContent.sla",
    "RelatedItemInputContent.connectCase",
    "CaseRuleDetails.fieldOptions",
    "CreateTemplateRequest.tagPropagationConfigurations",
    "CreateFieldRequest.attributes",
    "BooleanCondition.orAll",
)


@pytest.fixture(scope="module")
def loaded() -> Any:
    with mock_connectcases() as mock:
        mock.import_state(json.loads(SAVED.read_text(encoding="utf-8")))
        yield mock


def _domain(client: Any) -> str:
    (domain,) = client.list_domains()["domains"]
    return str(domain["domainId"])


def _field_ids(client: Any, domain_id: str) -> dict[str, str]:
    return {f["name"]: f["fieldId"] for f in client.list_fields(domainId=domain_id)["fields"]}


def test_the_old_state_exports_byte_for_byte_the_same(loaded: CasesMock) -> None:
    assert json.dumps(loaded.export_state(), indent=1) == SAVED.read_text(encoding="utf-8")


def test_fields_layouts_and_the_event_configuration_read_back(loaded: CasesMock) -> None:
    client = a_client()
    domain_id = _domain(client)
    ids = _field_ids(client, domain_id)
    (note,) = client.batch_get_field(domainId=domain_id, fields=[{"id": ids["Note"]}])["fields"]
    assert note["attributes"] == {"text": {"isMultiline": True}}
    (layout,) = client.list_layouts(domainId=domain_id)["layouts"]
    content = client.get_layout(domainId=domain_id, layoutId=layout["layoutId"])["content"]
    assert content == {
        "basic": {
            "topPanel": {"sections": [{"fieldGroup": {"name": "Top", "fields": [{"id": ids["Note"]}]}}]},
            "moreInfo": {
                "sections": [{"fieldGroup": {"fields": [{"id": ids["Country"]}, {"id": ids["State"]}]}}]
            },
        }
    }
    assert client.get_case_event_configuration(domainId=domain_id)["eventBridge"] == {
        "enabled": True,
        "includedData": {
            "caseData": {"fields": [{"id": ids["Note"]}, {"id": "status"}]},
            "relatedItemData": {"includeContent": True},
        },
    }


def test_templates_and_case_rules_read_back(loaded: CasesMock) -> None:
    client = a_client()
    domain_id = _domain(client)
    ids = _field_ids(client, domain_id)
    (summary,) = client.list_templates(domainId=domain_id)["templates"]
    template = client.get_template(domainId=domain_id, templateId=summary["templateId"])
    rules = {r["name"]: r["caseRuleId"] for r in client.list_case_rules(domainId=domain_id)["caseRules"]}
    (layout,) = client.list_layouts(domainId=domain_id)["layouts"]
    assert template["layoutConfiguration"] == {"defaultLayout": layout["layoutId"]}
    assert template["rules"] == [
        {"caseRuleId": rules["Note when closed"], "fieldId": ids["Note"]},
        {"caseRuleId": rules["States"]},
    ]
    assert template["tagPropagationConfigurations"] == [
        {"resourceType": "Cases", "tagMap": {"team": "blue", "tier": "1"}}
    ]
    details = client.batch_get_case_rule(
        domainId=domain_id, caseRules=[{"id": rules["States"]}, {"id": rules["Note when closed"]}]
    )["caseRules"]
    by_name = {d["name"]: d["rule"] for d in details}
    assert by_name["States"] == {
        "fieldOptions": {
            "parentFieldId": ids["Country"],
            "childFieldId": ids["State"],
            "parentChildFieldOptionsMappings": [
                {"parentFieldOptionValue": "us", "childFieldOptionValues": ["wa"]}
            ],
        }
    }
    closed = {"operandOne": {"fieldId": "status"}, "operandTwo": {"stringValue": "closed"}, "result": True}
    given = {"operandOne": {"fieldId": ids["Country"]}, "operandTwo": {"emptyValue": {}}, "result": True}
    assert by_name["Note when closed"] == {
        "required": {
            "defaultValue": False,
            "conditions": [{"equalTo": closed}, {"orAll": {"conditions": [{"notEqualTo": given}]}}],
        }
    }
    types = {r["name"]: r["ruleType"] for r in client.list_case_rules(domainId=domain_id)["caseRules"]}
    assert types == {"Note when closed": "Required", "States": "FieldOptions"}


def test_case_rules_read_back_as_saved(loaded: CasesMock) -> None:
    """Every case rule BatchGetCaseRule answers is the wire form the old file holds."""
    saved = {}
    for backend in json.loads(SAVED.read_text(encoding="utf-8"))["backends"]:
        for domain in backend["domains"].values():
            saved |= {rule_id: rule["rule"] for rule_id, rule in domain["data"]["case_rules"].items()}
    client = a_client()
    domain_id = _domain(client)
    details = client.batch_get_case_rule(domainId=domain_id, caseRules=[{"id": i} for i in saved])[
        "caseRules"
    ]
    assert {d["caseRuleId"]: d["rule"] for d in details} == saved


def test_related_items_read_back(loaded: CasesMock) -> None:
    client = a_client()
    domain_id = _domain(client)
    cases = client.search_cases(domainId=domain_id, fields=[{"id": "title"}])["cases"]
    router = next(c["caseId"] for c in cases if c["fields"][0]["value"]["stringValue"] == "Router")
    items = client.search_related_items(domainId=domain_id, caseId=router)["relatedItems"]
    content = {item["type"]: item["content"] for item in items}
    assert content["Comment"] == {"comment": {"body": "Called twice", "contentType": "Text/Plain"}}
    assert content["Contact"]["contact"]["contactArn"].endswith("/contact/c-1")
    assert content["Sla"]["sla"]["slaConfiguration"]["targetFieldValues"] == [{"stringValue": "closed"}]
    assert content["File"] == {
        "file": {"fileArn": "arn:aws:connect:us-east-1:123456789012:instance/i-1/file/f-1"}
    }
    assert set(content) == {"Comment", "Contact", "Sla", "ConnectCase", "File"}
