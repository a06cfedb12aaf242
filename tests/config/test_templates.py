"""Templates: references, status, partial update, soft delete, listing with a status filter."""

from __future__ import annotations

from typing import Any

import pytest

from cases_mock import CasesMock
from tests.config.helpers import a_field, a_layout, code_of, walk

PROPAGATION = [{"resourceType": "Cases", "tagMap": {"team": "billing"}}]


@pytest.mark.needs_model("CreateTemplateRequest.tagPropagationConfigurations")
def test_a_template_reads_back_with_every_member(client: Any, domain_id: str) -> None:
    notes = a_field(client, domain_id, "Notes")
    layout_id = a_layout(client, domain_id, "Main", notes)
    created = client.create_template(
        domainId=domain_id,
        name="Support",
        description="support cases",
        layoutConfiguration={"defaultLayout": layout_id},
        requiredFields=[{"fieldId": notes}, {"fieldId": "customer_id"}],
        status="Inactive",
        tagPropagationConfigurations=PROPAGATION,
    )

    template = client.get_template(domainId=domain_id, templateId=created["templateId"])

    assert created["templateArn"].endswith(f":domain/{domain_id}/template/{created['templateId']}")
    assert template["templateArn"] == created["templateArn"]
    assert (template["name"], template["description"], template["status"]) == (
        "Support",
        "support cases",
        "Inactive",
    )
    assert template["layoutConfiguration"] == {"defaultLayout": layout_id}
    assert template["requiredFields"] == [{"fieldId": notes}, {"fieldId": "customer_id"}]
    assert template["tagPropagationConfigurations"] == PROPAGATION
    assert (template["rules"], template["deleted"], template["tags"]) == ([], False, {})


def test_status_defaults_to_active(client: Any, domain_id: str) -> None:
    template_id = client.create_template(domainId=domain_id, name="T")["templateId"]

    assert client.get_template(domainId=domain_id, templateId=template_id)["status"] == "Active"


def test_references_must_exist(client: Any, domain_id: str) -> None:
    notes = a_field(client, domain_id, "Notes")
    attempts: list[tuple[dict[str, Any], str]] = [
        ({"requiredFields": [{"fieldId": "ghost"}]}, "requiredFields[0].fieldId"),
        ({"requiredFields": [{"fieldId": notes}, {"fieldId": notes}]}, "requiredFields[1].fieldId"),
        ({"layoutConfiguration": {"defaultLayout": "ghost"}}, "layoutConfiguration.defaultLayout"),
        ({"rules": [{"caseRuleId": "ghost", "fieldId": notes}]}, "rules[0].caseRuleId"),
    ]
    for extra, path in attempts:
        code, message = code_of(lambda e=extra: client.create_template(domainId=domain_id, name="T", **e))
        assert (code, path in message) == ("ValidationException", True), message
    assert client.list_templates(domainId=domain_id)["templates"] == []


def test_names_are_unique_and_quota(mock: CasesMock, client: Any, domain_id: str) -> None:
    client.create_template(domainId=domain_id, name="T")
    code, _ = code_of(lambda: client.create_template(domainId=domain_id, name="T"))
    assert code == "ConflictException"

    mock.backend().quotas.templates_per_domain = 1
    code, _ = code_of(lambda: client.create_template(domainId=domain_id, name="U"))
    assert code == "ServiceQuotaExceededException"


def test_update_keeps_what_it_is_not_given(client: Any, domain_id: str) -> None:
    notes = a_field(client, domain_id, "Notes")
    layout_id = a_layout(client, domain_id, "Main")
    template_id = client.create_template(
        domainId=domain_id,
        name="T",
        description="d",
        layoutConfiguration={"defaultLayout": layout_id},
        requiredFields=[{"fieldId": notes}],
    )["templateId"]

    client.update_template(domainId=domain_id, templateId=template_id, status="Inactive")
    client.update_template(domainId=domain_id, templateId=template_id, name="Renamed")

    template = client.get_template(domainId=domain_id, templateId=template_id)
    assert (template["name"], template["description"], template["status"]) == ("Renamed", "d", "Inactive")
    assert template["layoutConfiguration"] == {"defaultLayout": layout_id}
    assert template["requiredFields"] == [{"fieldId": notes}]

    client.update_template(domainId=domain_id, templateId=template_id, requiredFields=[])
    assert client.get_template(domainId=domain_id, templateId=template_id)["requiredFields"] == []


def test_update_errors_change_nothing(client: Any, domain_id: str) -> None:
    template_id = client.create_template(domainId=domain_id, name="T", description="d")["templateId"]
    client.create_template(domainId=domain_id, name="Other")

    code, _ = code_of(lambda: client.update_template(domainId=domain_id, templateId=template_id))
    assert code == "ValidationException"
    code, _ = code_of(
        lambda: client.update_template(
            domainId=domain_id, templateId=template_id, description="x", requiredFields=[{"fieldId": "ghost"}]
        )
    )
    assert code == "ValidationException"
    code, _ = code_of(
        lambda: client.update_template(domainId=domain_id, templateId=template_id, name="Other")
    )
    assert code == "ConflictException"
    code, _ = code_of(lambda: client.update_template(domainId=domain_id, templateId="ghost", name="x"))
    assert code == "ResourceNotFoundException"
    template = client.get_template(domainId=domain_id, templateId=template_id)
    assert (template["name"], template["description"]) == ("T", "d")


def test_deleted_templates_and_deleted_required_fields(client: Any, domain_id: str) -> None:
    notes, gone = a_field(client, domain_id, "Notes"), a_field(client, domain_id, "Gone")
    template_id = client.create_template(
        domainId=domain_id, name="T", requiredFields=[{"fieldId": notes}, {"fieldId": gone}]
    )["templateId"]
    client.delete_field(domainId=domain_id, fieldId=gone)

    assert client.get_template(domainId=domain_id, templateId=template_id)["requiredFields"] == [
        {"fieldId": notes}
    ]

    client.delete_template(domainId=domain_id, templateId=template_id)
    assert client.get_template(domainId=domain_id, templateId=template_id)["deleted"] is True
    assert client.list_templates(domainId=domain_id)["templates"] == []
    code, _ = code_of(lambda: client.update_template(domainId=domain_id, templateId=template_id, name="x"))
    assert code == "ValidationException"


def test_list_filters_by_status_and_pages(client: Any, domain_id: str) -> None:
    made = [
        client.create_template(domainId=domain_id, name=f"T{i}", status="Active" if i % 2 else "Inactive")[
            "templateId"
        ]
        for i in range(6)
    ]

    active = walk(client.list_templates, "templates", domainId=domain_id, status=["Active"], maxResults=2)
    both = walk(client.list_templates, "templates", domainId=domain_id, maxResults=4)

    assert [t["templateId"] for t in active] == made[1::2]
    assert {t["status"] for t in active} == {"Active"}
    assert [t["templateId"] for t in both] == made
    token = client.list_templates(domainId=domain_id, status=["Active"], maxResults=1)["nextToken"]
    code, _ = code_of(lambda: client.list_templates(domainId=domain_id, status=["Inactive"], nextToken=token))
    assert code == "ValidationException"
