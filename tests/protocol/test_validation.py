"""Server-side validation against the model, for clients that skip their own."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from botocore.exceptions import ClientError

from cases_mock import mock_connectcases
from tests.builders import an_unchecked_client


@pytest.fixture
def client() -> Any:
    with mock_connectcases():
        yield an_unchecked_client()


def rejected(call: Any, **params: Any) -> str:
    with pytest.raises(ClientError) as excinfo:
        call(**params)
    error = excinfo.value.response
    assert error["Error"]["Code"] == "ValidationException"
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 400
    return str(error["Error"]["Message"])


def test_missing_required_member_is_named(client: Any) -> None:
    assert "'name'" in rejected(client.create_domain)


def test_wrong_type_is_named(client: Any) -> None:
    message = rejected(client.create_domain, name=123)
    assert "'name'" in message
    assert "be a string" in message


def test_enum_violation_in_a_repeated_query_member(client: Any) -> None:
    message = rejected(client.list_templates, domainId="d", status=["Active", "Archived"])
    assert "'status[1]'" in message
    assert "enum" in message


def test_string_longer_than_the_model_allows(client: Any) -> None:
    assert "less than or equal to 100" in rejected(client.create_domain, name="n" * 101)


def test_integer_out_of_range(client: Any) -> None:
    message = rejected(client.list_domains, maxResults=11)
    assert "'maxResults'" in message
    assert "less than or equal to 10" in message
    assert "'maxResults'" in rejected(client.get_case_audit_events, domainId="d", caseId="c", maxResults=0)


def test_list_shorter_than_the_model_allows(client: Any) -> None:
    message = rejected(client.batch_get_field, domainId="d", fields=[])
    assert "'fields'" in message
    assert "greater than or equal to 1" in message


def test_list_longer_than_the_model_allows(client: Any) -> None:
    ids = [{"id": f"f{i}"} for i in range(51)]
    assert "'fields'" in rejected(client.batch_get_field, domainId="d", fields=ids)


def test_pattern_violation(client: Any) -> None:
    message = rejected(client.create_domain, name="trailing space ")
    assert "pattern" in message


def test_union_with_two_members_set_names_its_path(client: Any) -> None:
    message = rejected(
        client.create_case,
        domainId="d",
        templateId="t",
        fields=[
            {"id": "title", "value": {"stringValue": "ok"}},
            {"id": "x", "value": {"stringValue": "a", "doubleValue": 1.0}},
        ],
    )
    assert "'fields[1].value'" in message
    assert "exactly one member" in message


def test_union_with_no_member_set(client: Any) -> None:
    message = rejected(client.create_case, domainId="d", templateId="t", fields=[{"id": "x", "value": {}}])
    assert "'fields[0].value'" in message


def test_nested_required_member_and_several_problems_are_all_reported(client: Any) -> None:
    message = rejected(
        client.create_layout,
        domainId="d",
        name="n" * 101,
        content={"basic": {"topPanel": {"sections": [{"fieldGroup": {"fields": [{}]}}]}}},
    )
    assert message.startswith("2 validation errors detected")
    assert "'content.basic.topPanel.sections[0].fieldGroup.fields[0].id'" in message


@pytest.mark.needs_model("CreateCaseRequest.tags")
def test_map_key_pattern_on_case_tags(client: Any) -> None:
    message = rejected(
        client.create_case,
        domainId="d",
        templateId="t",
        fields=[],
        tags={"aws:reserved": "v"},
    )
    assert "tags" in message


def test_malformed_json_body_gets_a_validation_error() -> None:
    with mock_connectcases():
        answer = requests.post("https://cases.us-east-1.amazonaws.com/domains", data=b"{not json", timeout=5)
        assert answer.status_code == 400
        assert answer.headers["x-amzn-ErrorType"] == "ValidationException"
        array = requests.post("https://cases.us-east-1.amazonaws.com/domains", json=[1], timeout=5)
        assert array.status_code == 400


def test_non_numeric_query_integer_gets_a_validation_error() -> None:
    with mock_connectcases():
        answer = requests.post(
            "https://cases.us-east-1.amazonaws.com/domains-list?maxResults=many", timeout=5
        )
        assert answer.status_code == 400
        assert "maxResults" in answer.json()["message"]
