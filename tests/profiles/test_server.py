"""The server answers Customer Profiles beside Connect Cases: a request's service is its SigV4
scope's signing name (``profile`` or ``cases``) or its host; boto3 with
``AWS_ENDPOINT_URL_CUSTOMER_PROFILES`` pointing at the server works; faults and calls name it."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from botocore.config import Config

from cases_mock.server import CasesServer
from tests.server.conftest import http_json

KEYS = {"aws_access_key_id": "AKIAEXAMPLE", "aws_secret_access_key": "secret", "region_name": "eu-west-2"}


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[CasesServer]:
    with CasesServer(quiet=True) as running:
        monkeypatch.setenv("AWS_ENDPOINT_URL_CUSTOMER_PROFILES", running.url)
        monkeypatch.setenv("AWS_ENDPOINT_URL_CONNECTCASES", running.url)
        yield running


def test_one_server_answers_both_services(server: CasesServer) -> None:
    profiles = boto3.client("customer-profiles", **KEYS)
    cases = boto3.client("connectcases", **KEYS)
    profiles.create_domain(DomainName="shop", DefaultExpirationDays=30)
    cases.create_domain(name="care")
    assert [d["DomainName"] for d in profiles.list_domains()["Items"]] == ["shop"]
    assert [d["name"] for d in cases.list_domains()["domains"]] == ["care"]


def test_a_profiles_error_comes_back_modeled(server: CasesServer) -> None:
    profiles = boto3.client("customer-profiles", **KEYS)
    with pytest.raises(profiles.exceptions.ResourceNotFoundException) as raised:
        profiles.get_domain(DomainName="missing")
    assert "eu-west-2" in raised.value.response["Error"]["Message"]


def test_a_fault_sent_as_json_fires_on_profiles_and_the_calls_name_the_service(server: CasesServer) -> None:
    added, _ = http_json(
        server.url, "POST", "/_cases_mock/faults", b'{"operation": "customer-profiles.GetDomain"}'
    )
    profiles = boto3.client("customer-profiles", **KEYS, config=Config(retries={"total_max_attempts": 1}))
    profiles.create_domain(DomainName="shop", DefaultExpirationDays=30)
    with pytest.raises(profiles.exceptions.ThrottlingException):  # none named: one GetDomain declares
        profiles.get_domain(DomainName="shop")
    status, calls = http_json(server.url, "GET", "/_cases_mock/calls")

    assert added == 200
    assert status == 200
    assert [(c["service"], c["operation"], c["status"]) for c in calls["calls"]] == [
        ("customer-profiles", "CreateDomain", 200),
        ("customer-profiles", "GetDomain", 429),
    ]
