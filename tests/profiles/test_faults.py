"""Injected faults on Customer Profiles operations answer that service's modeled errors (its
status, its ``Message`` member), on both in-process paths; a fault naming no error answers one
the operation declares; an error the service does not model is refused, naming it."""

from __future__ import annotations

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from cases_mock import CasesMock, mock_connectcases

from .conftest import REGION, Invoke, refused

NO_RETRIES = Config(retries={"mode": "standard", "total_max_attempts": 1})


def test_a_fault_on_a_profiles_operation_answers_the_services_own_error(mock: CasesMock, domain: str) -> None:
    mock.inject_fault("CreateProfile", "ThrottlingException")
    client = boto3.client("customer-profiles", region_name=REGION, config=NO_RETRIES)

    with pytest.raises(client.exceptions.ThrottlingException) as raised:
        client.create_profile(DomainName=domain, FirstName="Ana")

    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 429
    assert (
        raised.value.response["Error"]["Message"]
        == "Injected ThrottlingException for CreateProfile (cases_mock fault)"
    )
    assert client.search_profiles(DomainName=domain, KeyName="_fullName", Values=["Ana"])["Items"] == []
    assert [(c.operation, c.error_code) for c in mock.calls_of("CreateProfile")] == [
        ("CreateProfile", "ThrottlingException")
    ]


def test_a_service_qualified_fault_fires_on_that_services_operation_only(
    mock: CasesMock, invoke: Invoke
) -> None:
    cases = boto3.client("connectcases", region_name=REGION, config=NO_RETRIES)
    mock.inject_fault("customer-profiles.ListDomains", "BadRequestException", times=None)

    assert cases.list_domains()["domains"] == []  # Connect Cases' ListDomains is not faulted
    with refused("BadRequestException", "Injected BadRequestException for ListDomains"):
        invoke("ListDomains")

    mock.clear_faults()
    mock.inject_fault("connectcases.ListDomains", "InternalServerException", times=None)
    assert invoke("ListDomains")["Items"] == []
    with pytest.raises(ClientError, match="InternalServerException"):
        cases.list_domains()


def test_a_bare_name_both_services_have_means_connect_cases(mock: CasesMock, invoke: Invoke) -> None:
    mock.inject_fault("ListDomains", "InternalServerException", times=None)

    assert invoke("ListDomains")["Items"] == []
    with pytest.raises(ClientError, match="InternalServerException"):
        boto3.client("connectcases", region_name=REGION, config=NO_RETRIES).list_domains()


def test_a_star_fault_covers_the_services_that_model_its_error(mock: CasesMock, invoke: Invoke) -> None:
    mock.inject_fault("*", "BadRequestException", times=None)  # only Customer Profiles models it

    with refused("BadRequestException"):
        invoke("ListDomains")
    assert boto3.client("connectcases", region_name=REGION).list_domains()["domains"] == []


def test_a_fault_naming_no_error_answers_one_the_operation_declares(mock: CasesMock) -> None:
    # TagResource declares no ThrottlingException: the next preferred, InternalServerException
    mock.engine.faults.add(_fault("customer-profiles.TagResource"))
    mock.engine.faults.add(_fault("customer-profiles.GetDomain"))
    client = boto3.client("customer-profiles", region_name=REGION, config=NO_RETRIES)
    arn = f"arn:aws:profile:{REGION}:123456789012:domains/shop"

    with refused("InternalServerException", "Injected InternalServerException for TagResource"):
        client.tag_resource(resourceArn=arn, tags={"team": "care"})
    with refused("ThrottlingException", "Injected ThrottlingException for GetDomain"):
        client.get_domain(DomainName="shop")


def _fault(operation: str) -> object:
    from cases_mock._engine.faults import Fault

    return Fault(operation, None, times=1)


@pytest.mark.parametrize(
    ("operation", "error", "message"),
    [
        (
            "customer-profiles.CreateProfile",
            "ValidationException",
            "'ValidationException' is not an error cases_mock can answer Customer Profiles with; "
            "the errors are AccessDeniedException, BadRequestException, ",
        ),
        ("CreateProfile", "ConflictException", "not an error cases_mock can answer Customer Profiles with"),
        (
            "customer-profiles.GetDomain",
            "BadRequestExcepton",
            "'BadRequestExcepton' is not an error cases_mock can answer Customer Profiles with",
        ),
        (
            "customer-profiles.DescribeCase",
            "ThrottlingException",
            "'DescribeCase' is not a Customer Profiles operation",
        ),
        ("profiles.GetDomain", "ThrottlingException", "'profiles' is not a mocked service"),
        ("*", "ConflictException", "does not list ConflictException"),
        pytest.param(  # from the release where ListIntentTypes came, not every operation lists it
            "*",
            "ResourceNotFoundException",
            "does not list ResourceNotFoundException",
            marks=pytest.mark.needs_model("customer-profiles.ListIntentTypes"),
        ),
    ],
)
def test_an_error_the_operations_service_cannot_answer_is_refused(
    operation: str, error: str, message: str
) -> None:
    with mock_connectcases() as mock:
        with pytest.raises(ValueError, match="fault member '") as raised:
            mock.inject_fault(operation, error)

        assert message in str(raised.value)
        assert mock.engine.faults.rules == []
