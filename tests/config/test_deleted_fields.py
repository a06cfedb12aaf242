"""What each answer listing field ids shows of a field deleted since, as the DeleteField page
says (docs/behaviour.md#deleted-fields-in-answers): GetTemplate, GetLayout and
GetCaseEventConfiguration leave it out, ListFields too; BatchGetField, GetCase and SearchCases
still show it; a case rule keeps the conditions it was created with. In process and through the
server alike."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from cases_mock import mock_connectcases
from tests.builders import a_client, a_domain, equal_to, required_rule
from tests.config.helpers import a_field, a_layout
from tests.server.conftest import Served, an_account_client


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    with Served() as server:
        yield server


@pytest.fixture(params=["in-process", "server"])
def client(request: pytest.FixtureRequest) -> Iterator[Any]:
    if request.param == "server":
        yield an_account_client(request.getfixturevalue("served").url)
    else:
        with mock_connectcases():
            yield a_client()


@dataclass
class Configured:
    domain_id: str
    kept: str
    gone: str
    layout_id: str
    template_id: str
    case_rule_id: str
    case_id: str


def everything_naming(client: Any, *, deleting: bool) -> Configured:
    """A domain whose layout, template (required field and rule), event configuration, case
    rule condition and case all name two fields; the second is then deleted (if ``deleting``)."""
    domain_id = a_domain(client, "deleted-fields")
    kept, gone = a_field(client, domain_id, "Kept"), a_field(client, domain_id, "Gone")
    layout_id = a_layout(client, domain_id, "L", kept, gone)
    rule = required_rule(equal_to(gone, {"stringValue": "x"}), equal_to(kept, {"stringValue": "y"}))
    case_rule_id = client.create_case_rule(domainId=domain_id, name="R", rule=rule)["caseRuleId"]
    template_id = client.create_template(
        domainId=domain_id,
        name="T",
        layoutConfiguration={"defaultLayout": layout_id},
        requiredFields=[{"fieldId": kept}, {"fieldId": gone}],
        rules=[{"caseRuleId": case_rule_id, "fieldId": kept}, {"caseRuleId": case_rule_id, "fieldId": gone}],
    )["templateId"]
    client.put_case_event_configuration(
        domainId=domain_id,
        eventBridge={"enabled": True, "includedData": {"caseData": {"fields": [{"id": kept}, {"id": gone}]}}},
    )
    case_id = client.create_case(
        domainId=domain_id,
        templateId=template_id,
        fields=[
            {"id": "title", "value": {"stringValue": "t"}},
            {"id": kept, "value": {"stringValue": "k"}},
            {"id": gone, "value": {"stringValue": "g"}},
        ],
    )["caseId"]
    if deleting:
        client.delete_field(domainId=domain_id, fieldId=gone)
    return Configured(domain_id, kept, gone, layout_id, template_id, case_rule_id, case_id)


def layout_field_ids(client: Any, c: Configured) -> list[str]:
    content = client.get_layout(domainId=c.domain_id, layoutId=c.layout_id)["content"]["basic"]
    return [
        item["id"]
        for panel in ("topPanel", "moreInfo")
        for section in content[panel]["sections"]
        for item in section["fieldGroup"]["fields"]
    ]


@pytest.mark.needs_model("CaseRuleDetails.hidden")
@pytest.mark.parametrize("deleting", [True, False], ids=["deleted", "kept"])
def test_answers_leave_out_a_deleted_field_where_the_delete_field_page_says(
    client: Any, deleting: bool
) -> None:
    c = everything_naming(client, deleting=deleting)
    listed = [c.kept] if deleting else [c.kept, c.gone]

    template = client.get_template(domainId=c.domain_id, templateId=c.template_id)
    assert template["requiredFields"] == [{"fieldId": f} for f in listed]
    assert template["rules"] == [{"caseRuleId": c.case_rule_id, "fieldId": f} for f in listed]
    assert layout_field_ids(client, c) == listed
    configuration = client.get_case_event_configuration(domainId=c.domain_id)["eventBridge"]
    assert configuration["includedData"]["caseData"]["fields"] == [{"id": f} for f in listed]
    custom = [
        f["fieldId"] for f in client.list_fields(domainId=c.domain_id)["fields"] if f["namespace"] == "Custom"
    ]
    assert custom == listed


@pytest.mark.parametrize("deleting", [True, False], ids=["deleted", "kept"])
def test_answers_still_show_a_deleted_field_where_the_page_says_or_is_silent(
    client: Any, deleting: bool
) -> None:
    c = everything_naming(client, deleting=deleting)
    both = [{"id": c.kept}, {"id": c.gone}]

    (got,) = client.batch_get_field(domainId=c.domain_id, fields=[{"id": c.gone}])["fields"]
    assert got["deleted"] is deleting
    case = client.get_case(domainId=c.domain_id, caseId=c.case_id, fields=both)
    assert [f["id"] for f in case["fields"]] == [c.kept, c.gone]
    (found,) = client.search_cases(domainId=c.domain_id, fields=both)["cases"]
    assert [f["id"] for f in found["fields"]] == [c.kept, c.gone]
    (rule,) = client.batch_get_case_rule(domainId=c.domain_id, caseRules=[{"id": c.case_rule_id}])[
        "caseRules"
    ]
    conditions = rule["rule"]["required"]["conditions"]
    assert [condition["equalTo"]["operandOne"]["fieldId"] for condition in conditions] == [c.gone, c.kept]
