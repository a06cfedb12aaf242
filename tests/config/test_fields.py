"""Fields: the system fields of a new domain, custom fields, their lifecycle and errors."""

from __future__ import annotations

from typing import Any

import pytest

from cases_mock import CasesMock, mock_connectcases
from tests.builders import a_client, a_domain, an_unchecked_client
from tests.config.helpers import a_field, code_of, walk

SYSTEM_IDS = [
    "assigned_queue",
    "assigned_user",
    "case_id",
    "case_reason",
    "created_by",
    "customer_id",
    "last_closed_datetime",
    "created_datetime",
    "last_updated_datetime",
    "last_updated_user",
    "reference_number",
    "status",
    "summary",
    "title",
    "next_sla_breach_datetime",
    "last_reopened_datetime",
]


def test_a_new_domain_has_the_system_fields_in_order(client: Any, domain_id: str) -> None:
    fields = client.list_fields(domainId=domain_id)["fields"]

    assert [f["fieldId"] for f in fields] == SYSTEM_IDS
    assert {f["namespace"] for f in fields} == {"System"}
    by_id = {f["fieldId"]: f for f in fields}
    assert by_id["status"]["type"] == "SingleSelect"
    assert by_id["created_by"]["type"] == "User"
    assert by_id["created_datetime"]["type"] == "DateTime"
    assert by_id["title"]["name"] == "Title"
    assert by_id["title"]["fieldArn"].endswith(f":domain/{domain_id}/field/title")


def test_status_has_the_built_in_options(client: Any, domain_id: str) -> None:
    options = client.list_field_options(domainId=domain_id, fieldId="status")["options"]

    assert options == [
        {"name": "Open", "value": "open", "active": True},
        {"name": "Closed", "value": "closed", "active": True},
    ]


@pytest.mark.needs_model("CreateFieldRequest.attributes")
def test_a_created_field_reads_back_with_every_member(client: Any, domain_id: str) -> None:
    created = client.create_field(
        domainId=domain_id,
        name="Notes",
        type="Text",
        description="free text",
        attributes={"text": {"isMultiline": True}},
    )

    detail = client.batch_get_field(domainId=domain_id, fields=[{"id": created["fieldId"]}])["fields"][0]

    assert detail["fieldArn"] == created["fieldArn"]
    assert created["fieldArn"] == (
        f"arn:aws:cases:us-east-1:123456789012:domain/{domain_id}/field/{created['fieldId']}"
    )
    assert (detail["name"], detail["type"], detail["namespace"]) == ("Notes", "Text", "Custom")
    assert detail["description"] == "free text"
    assert detail["attributes"] == {"text": {"isMultiline": True}}
    assert detail["deleted"] is False
    assert detail["tags"] == {}
    assert detail["createdTime"] == detail["lastModifiedTime"]


@pytest.mark.parametrize(
    "field_type", ["Text", "Number", "Boolean", "DateTime", "SingleSelect", "Url", "User"]
)
def test_every_field_type_can_be_created(client: Any, domain_id: str, field_type: str) -> None:
    field_id = a_field(client, domain_id, f"a {field_type}", field_type)

    listed = {f["fieldId"]: f for f in client.list_fields(domainId=domain_id)["fields"]}
    assert listed[field_id]["type"] == field_type


def test_an_unknown_type_is_refused_by_the_service(domain_id: str) -> None:
    unchecked = an_unchecked_client()

    code, message = code_of(lambda: unchecked.create_field(domainId=domain_id, name="x", type="Colour"))

    assert code == "ValidationException"
    assert "type" in message


def test_field_names_are_unique_in_a_domain(client: Any, domain_id: str) -> None:
    a_field(client, domain_id, "Priority")

    code, message = code_of(lambda: a_field(client, domain_id, "Priority", "Number"))

    assert code == "ConflictException"
    assert "Priority" in message
    other = a_domain(client, "other")
    assert a_field(client, other, "Priority")


@pytest.mark.needs_model("CreateFieldRequest.attributes")
def test_text_attributes_only_on_text_fields(client: Any, domain_id: str) -> None:
    code, message = code_of(
        lambda: client.create_field(
            domainId=domain_id, name="n", type="Number", attributes={"text": {"isMultiline": False}}
        )
    )

    assert code == "ValidationException"
    assert "'attributes.text'" in message
    assert "'n'" in message


@pytest.mark.needs_model("CreateFieldRequest.attributes")
def test_text_attributes_on_an_update_of_another_type_name_the_field(client: Any, domain_id: str) -> None:
    """https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_TextAttributes.html:
    "Field attributes for Text field type"; refused on a Number field, which keeps no attributes."""
    field_id = a_field(client, domain_id, "Amount", "Number")

    code, message = code_of(
        lambda: client.update_field(
            domainId=domain_id, fieldId=field_id, attributes={"text": {"isMultiline": True}}
        )
    )

    assert code == "ValidationException"
    assert f"'Amount' ({field_id})" in message
    assert "'attributes.text'" in message
    field = client.batch_get_field(domainId=domain_id, fields=[{"id": field_id}])["fields"][0]
    assert "attributes" not in field


@pytest.mark.needs_model("CreateFieldRequest.attributes")
def test_update_changes_name_description_and_attributes_only(client: Any, domain_id: str) -> None:
    field_id = a_field(client, domain_id, "Old")
    a_field(client, domain_id, "Taken")

    client.update_field(domainId=domain_id, fieldId=field_id, name="New", description="d")
    client.update_field(domainId=domain_id, fieldId=field_id, attributes={"text": {"isMultiline": True}})

    detail = client.batch_get_field(domainId=domain_id, fields=[{"id": field_id}])["fields"][0]
    assert (detail["name"], detail["description"], detail["type"]) == ("New", "d", "Text")
    assert detail["attributes"] == {"text": {"isMultiline": True}}
    assert detail["lastModifiedTime"] >= detail["createdTime"]
    code, _ = code_of(lambda: client.update_field(domainId=domain_id, fieldId=field_id, name="Taken"))
    assert code == "ConflictException"


def test_system_fields_cannot_be_updated_or_deleted(client: Any, domain_id: str) -> None:
    code, message = code_of(lambda: client.update_field(domainId=domain_id, fieldId="status", name="State"))
    assert (code, "System" in message) == ("ValidationException", True)

    code, _ = code_of(lambda: client.delete_field(domainId=domain_id, fieldId="title"))
    assert code == "ValidationException"
    assert "title" in [f["fieldId"] for f in client.list_fields(domainId=domain_id)["fields"]]


def test_a_deleted_field_leaves_the_list_but_stays_readable(client: Any, domain_id: str) -> None:
    field_id = a_field(client, domain_id, "Gone")

    client.delete_field(domainId=domain_id, fieldId=field_id)

    assert field_id not in [f["fieldId"] for f in client.list_fields(domainId=domain_id)["fields"]]
    detail = client.batch_get_field(domainId=domain_id, fields=[{"id": field_id}])["fields"][0]
    assert detail["deleted"] is True
    code, _ = code_of(lambda: client.update_field(domainId=domain_id, fieldId=field_id, name="Back"))
    assert code == "ValidationException"
    assert a_field(client, domain_id, "Gone")  # the name is free again


def test_deleted_fields_are_capped(mock: CasesMock, client: Any, domain_id: str) -> None:
    mock.backend().quotas.deleted_fields_per_domain = 1
    first, second = a_field(client, domain_id, "one"), a_field(client, domain_id, "two")
    client.delete_field(domainId=domain_id, fieldId=first)

    code, _ = code_of(lambda: client.delete_field(domainId=domain_id, fieldId=second))

    assert code == "ServiceQuotaExceededException"
    listed = [f["fieldId"] for f in client.list_fields(domainId=domain_id)["fields"]]
    assert second in listed


def test_unknown_ids_in_the_path_are_not_found(client: Any, domain_id: str) -> None:
    code, _ = code_of(lambda: client.update_field(domainId=domain_id, fieldId="nope", name="x"))
    assert code == "ResourceNotFoundException"
    code, _ = code_of(lambda: client.delete_field(domainId=domain_id, fieldId="nope"))
    assert code == "ResourceNotFoundException"
    code, _ = code_of(lambda: client.list_fields(domainId="no-such-domain"))
    assert code == "ResourceNotFoundException"


def test_batch_get_reports_unknown_ids_as_errors(client: Any, domain_id: str) -> None:
    field_id = a_field(client, domain_id, "Known")

    answer = client.batch_get_field(domainId=domain_id, fields=[{"id": "ghost"}, {"id": field_id}])

    assert [f["fieldId"] for f in answer["fields"]] == [field_id]
    assert answer["errors"] == [
        {"id": "ghost", "errorCode": "ResourceNotFoundException", "message": "Field 'ghost' does not exist"}
    ]


def test_the_fields_quota(mock: CasesMock, client: Any, domain_id: str) -> None:
    mock.backend().quotas.fields_per_domain = 2
    a_field(client, domain_id, "one")
    a_field(client, domain_id, "two")

    code, _ = code_of(lambda: a_field(client, domain_id, "three"))

    assert code == "ServiceQuotaExceededException"
    assert len(client.list_fields(domainId=domain_id)["fields"]) == len(SYSTEM_IDS) + 2


def test_list_fields_pages_return_every_field_once(client: Any, domain_id: str) -> None:
    made = [a_field(client, domain_id, f"f{i}") for i in range(7)]
    first = client.list_fields(domainId=domain_id, maxResults=10)
    client.delete_field(domainId=domain_id, fieldId=made[-1])
    late = a_field(client, domain_id, "late")

    rest: list[dict[str, Any]] = []
    token = first["nextToken"]
    while token:
        page = client.list_fields(domainId=domain_id, maxResults=10, nextToken=token)
        rest.extend(page["fields"])
        token = page.get("nextToken")

    ids = [f["fieldId"] for f in first["fields"] + rest]
    assert ids == SYSTEM_IDS + made[:-1] + [late]


def test_the_list_paginator_and_bounds(client: Any, domain_id: str) -> None:
    everything = walk(client.list_fields, "fields", domainId=domain_id, maxResults=3)
    assert [f["fieldId"] for f in everything] == SYSTEM_IDS

    unchecked = an_unchecked_client()
    code, message = code_of(lambda: unchecked.list_fields(domainId=domain_id, maxResults=101))
    assert (code, "maxResults" in message) == ("ValidationException", True)
    for forged in ("forged", "\x80", "a.b", "é" * 40):
        code, _ = code_of(lambda f=forged: client.list_fields(domainId=domain_id, nextToken=f))
        assert code == "ValidationException"


@mock_connectcases
def test_a_token_of_another_domain_is_refused() -> None:
    client = a_client()
    first, second = a_domain(client, "one"), a_domain(client, "two")
    token = client.list_fields(domainId=first, maxResults=1)["nextToken"]

    code, _ = code_of(lambda: client.list_fields(domainId=second, nextToken=token))

    assert code == "ValidationException"
