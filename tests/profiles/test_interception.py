"""Customer Profiles clients are answered by ``mock_connectcases`` on both in-process paths,
and left alone with ``profiles=False``."""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError

from cases_mock import mock_connectcases

REGION = "us-east-1"


@pytest.fixture(params=[False, True], ids=["before-call", "full-path"])
def full_path(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


def test_a_profiles_client_is_answered_in_memory(full_path: bool) -> None:
    with mock_connectcases(full_path=full_path) as mock:
        client = boto3.client("customer-profiles", region_name=REGION)
        client.create_domain(DomainName="shop", DefaultExpirationDays=365)
        created = client.create_profile(DomainName="shop", FirstName="Ana", PhoneNumber="+15550100")
        found = client.search_profiles(DomainName="shop", KeyName="_phone", Values=["+15550100"])
        assert [item["ProfileId"] for item in found["Items"]] == [created["ProfileId"]]
        assert [call.operation for call in mock.calls] == ["CreateDomain", "CreateProfile", "SearchProfiles"]


def test_an_error_names_its_message_as_the_model_does(full_path: bool) -> None:
    with mock_connectcases(full_path=full_path):
        client = boto3.client("customer-profiles", region_name=REGION)
        with pytest.raises(client.exceptions.ResourceNotFoundException) as raised:
            client.get_domain(DomainName="missing")
        assert "missing" in raised.value.response["Error"]["Message"]
        assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_an_operation_not_mocked_answers_a_bad_request_naming_it(full_path: bool) -> None:
    with mock_connectcases(full_path=full_path):
        client = boto3.client("customer-profiles", region_name=REGION)
        with pytest.raises(ClientError) as raised:
            client.list_workflows(DomainName="shop")
        assert raised.value.response["Error"]["Code"] == "BadRequestException"
        assert "ListWorkflows" in raised.value.response["Error"]["Message"]


def test_tag_arns_pass_the_models_prefix_pattern(full_path: bool) -> None:
    with mock_connectcases(full_path=full_path):
        client = boto3.client("customer-profiles", region_name=REGION)
        arn = client.create_domain(DomainName="shop", DefaultExpirationDays=1)
        domain_arn = f"arn:aws:profile:{REGION}:123456789012:domains/shop"
        client.tag_resource(resourceArn=domain_arn, tags={"team": "care"})
        assert client.list_tags_for_resource(resourceArn=domain_arn)["tags"] == {"team": "care"}
        assert arn["DomainName"] == "shop"


def test_each_mock_keeps_its_own_profiles_state() -> None:
    with mock_connectcases():
        boto3.client("customer-profiles", region_name=REGION).create_domain(
            DomainName="a", DefaultExpirationDays=1
        )
    with mock_connectcases():
        assert boto3.client("customer-profiles", region_name=REGION).list_domains()["Items"] == []


def test_profiles_false_leaves_customer_profiles_alone(full_path: bool) -> None:
    sent: list[str] = []
    with mock_connectcases(full_path=full_path, profiles=False) as mock:
        client = boto3.client("customer-profiles", region_name=REGION)

        def refuse(request: object, **_: object) -> None:
            sent.append(str(getattr(request, "url", "")))
            raise ConnectionRefusedError("left alone: reached the send")

        client.meta.events.register("before-send.customer-profiles", refuse)  # after the mock's
        with pytest.raises(ConnectionRefusedError):
            client.list_domains()
        boto3.client("connectcases", region_name=REGION).list_domains()
        assert [call.operation for call in mock.calls] == ["ListDomains"]
    assert sent
    assert sent[0].startswith("https://profile.us-east-1.")


def test_nested_mocks_answer_profiles_when_any_does() -> None:
    with mock_connectcases(profiles=False), mock_connectcases():
        assert boto3.client("customer-profiles", region_name=REGION).list_domains()["Items"] == []
