"""Customer Profiles answers a request outside its input shape with its own modeled error,
BadRequestException (400), naming the offending member, where Connect Cases answers
ValidationException: model validation, bad JSON bodies, empty URI labels, lone surrogates. Through
boto3 without client-side validation on both in-process paths, ``requests`` to a Customer
Profiles host, and the server; a routing miss keeps UnknownOperationException. Nothing is stored."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError

from cases_mock import CasesMock
from cases_mock.server import CasesServer
from tests.profiles.conftest import REGION
from tests.server.conftest import http_json

UNCHECKED = Config(parameter_validation=False)
HOST = f"https://profile.{REGION}.amazonaws.com"

# (operation, params, what the message names): each outside the input shape in one way
INVALID = [
    (
        "create_domain",
        {"DomainName": "late"},
        "'DefaultExpirationDays' failed to satisfy constraint: Member must not be null",
    ),
    (
        "create_domain",
        {"DomainName": "d" * 65, "DefaultExpirationDays": 3},
        "at 'DomainName' .* less than or equal to 64",
    ),
    (
        "create_domain",
        {"DomainName": "bad name!", "DefaultExpirationDays": 3},
        "at 'DomainName' .* regular expression pattern",
    ),
    (
        "create_domain",
        {"DomainName": "d", "DefaultExpirationDays": 0},
        "at 'DefaultExpirationDays' .* greater than or equal to 1",
    ),
    ("create_profile", {"DomainName": "shop", "PartyType": "ALIEN"}, "at 'PartyType' .* enum value set"),
    ("create_profile", {"DomainName": "shop", "FirstName": "a\ud800b"}, "at 'FirstName' .* valid Unicode"),
    ("get_domain", {"DomainName": ""}, "Value '' at 'DomainName' .* greater than or equal to 1"),
]
IDS = ["missing", "too-long", "pattern", "range", "enum", "lone-surrogate", "empty-uri-label"]


def _domains(mock: CasesMock) -> list[str]:
    backend = mock.engine.stores["customer-profiles"].backend("123456789012", REGION)
    return sorted(backend.domains)


@pytest.mark.parametrize(("method", "params", "names"), INVALID, ids=IDS)
def test_boto3_gets_bad_request_naming_the_member(
    mock: CasesMock, method: str, params: dict[str, Any], names: str
) -> None:
    client = boto3.client("customer-profiles", region_name=REGION, config=UNCHECKED)
    client.create_domain(DomainName="shop", DefaultExpirationDays=30)

    with pytest.raises(client.exceptions.BadRequestException) as raised:
        getattr(client, method)(**params)

    answer = raised.value.response
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert answer["Error"]["Code"] == "BadRequestException"
    assert re.search(names, answer["Error"]["Message"]), answer["Error"]
    assert _domains(mock) == ["shop"]
    assert [(c.service, c.status, c.error_code) for c in mock.calls][-1] == (
        "customer-profiles",
        400,
        "BadRequestException",
    )


def test_bad_bodies_and_labels_over_requests(mock: CasesMock) -> None:
    bad_json = requests.post(f"{HOST}/domains/shop", data="{not json", timeout=5)
    not_object = requests.post(f"{HOST}/domains/shop", data="[1]", timeout=5)
    empty_label = requests.get(f"{HOST}/domains/", timeout=5)
    surrogate = requests.post(
        f"{HOST}/domains/shop", data='{"DefaultExpirationDays": 3, "Tags": {"a\\ud800": "v"}}', timeout=5
    )
    no_route = requests.get(f"{HOST}/no/such/route", timeout=5)

    for answer, names in [
        (bad_json, "not valid JSON"),
        (not_object, "must be a JSON object"),
        (empty_label, "at 'DomainName'"),
        (surrogate, "at 'Tags"),
    ]:
        assert answer.status_code == 400, answer.text
        assert answer.headers["x-amzn-ErrorType"] == "BadRequestException"
        assert names in answer.json()["Message"]
    assert no_route.status_code == 404
    assert no_route.headers["x-amzn-ErrorType"] == "UnknownOperationException"
    assert _domains(mock) == []


def test_connect_cases_keeps_validation_exception(mock: CasesMock) -> None:
    cases = boto3.client("connectcases", region_name=REGION, config=UNCHECKED)
    with pytest.raises(ClientError) as raised:
        cases.get_domain(domainId="")
    assert raised.value.response["Error"]["Code"] == "ValidationException"
    assert "domainId" in raised.value.response["Error"]["Message"]


@pytest.fixture(scope="module")
def server() -> Iterator[CasesServer]:
    with CasesServer(quiet=True) as running:
        yield running


def test_the_server_answers_bad_request(server: CasesServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL_CUSTOMER_PROFILES", server.url)
    client = boto3.client(
        "customer-profiles",
        region_name=REGION,
        aws_access_key_id="AKIAEXAMPLE",
        aws_secret_access_key="secret",
        config=UNCHECKED,
    )
    with pytest.raises(client.exceptions.BadRequestException) as raised:
        client.create_domain(DomainName="d" * 65, DefaultExpirationDays=3)
    signed = "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20240101/eu-west-2/profile/aws4_request, Signature=x"
    status, body = http_json(server.url, "POST", "/domains/shop", b"{oops", {"Authorization": signed})

    assert "DomainName" in raised.value.response["Error"]["Message"]
    assert status == 400
    assert body == {"Message": "The request body is not valid JSON"}
    assert client.list_domains().get("Items", []) == []
