"""The server answers Customer Profiles beside Connect Cases: a request's service is its SigV4
scope's signing name (``profile`` or ``cases``) or its host; boto3 with
``AWS_ENDPOINT_URL_CUSTOMER_PROFILES`` pointing at the server works."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest

from cases_mock.server import CasesServer

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
