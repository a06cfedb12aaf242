"""Customer Profiles through every in-process way in beside boto3: ``requests`` to a Customer
Profiles host, moto's ``mock_aws`` in either nesting order, and the call record naming the
service. Nothing reaches the network."""

from __future__ import annotations

import socket
from typing import Any

import boto3
import pytest
import requests

from cases_mock import mock_connectcases

REGION = "eu-west-2"


def test_requests_to_a_profiles_host_are_answered_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[Any] = []
    monkeypatch.setattr(socket.socket, "connect", lambda sock, address: attempts.append(address))
    with mock_connectcases() as mock:
        host = f"https://profile.{REGION}.amazonaws.com"
        created = requests.post(f"{host}/domains/callers", json={"DefaultExpirationDays": 30}, timeout=5)
        missing = requests.get(f"{host}/domains/nope", timeout=5)
        refused = requests.post(f"{host}/domains/bad", json={"DefaultExpirationDays": "soon"}, timeout=5)
        listed = boto3.client("customer-profiles", region_name=REGION).list_domains()

        assert created.status_code == 200
        assert created.json()["DomainName"] == "callers"
        assert [d["DomainName"] for d in listed["Items"]] == ["callers"]
        assert missing.status_code == 404
        assert missing.headers["x-amzn-ErrorType"] == "ResourceNotFoundException"
        assert "nope" in missing.json()["Message"]
        assert refused.status_code == 400
        assert refused.headers["x-amzn-ErrorType"] == "BadRequestException"  # its own (behaviour.md)
        assert "DefaultExpirationDays" in refused.json()["Message"]
        assert [(c.service, c.operation, c.status, c.region) for c in mock.calls] == [
            ("customer-profiles", "CreateDomain", 200, REGION),
            ("customer-profiles", "GetDomain", 404, REGION),
            ("customer-profiles", "CreateDomain", 400, REGION),
            ("customer-profiles", "ListDomains", 200, REGION),
        ]
    assert attempts == []


@pytest.mark.parametrize("cases_first", [True, False], ids=["cases-then-moto", "moto-then-cases"])
def test_moto_mock_aws_leaves_customer_profiles_to_cases_mock(cases_first: bool) -> None:
    moto = pytest.importorskip("moto")
    mocks = [mock_connectcases(), moto.mock_aws()]
    if not cases_first:
        mocks.reverse()
    for mock in mocks:
        mock.start()
    try:
        s3 = boto3.client("s3", region_name=REGION)
        s3.create_bucket(Bucket="moto-bucket", CreateBucketConfiguration={"LocationConstraint": REGION})
        profiles = boto3.client("customer-profiles", region_name=REGION)
        profiles.create_domain(DomainName="callers", DefaultExpirationDays=30)
        profile_id = profiles.create_profile(DomainName="callers", FirstName="Ana")["ProfileId"]

        cases = mocks[0] if cases_first else mocks[1]
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["moto-bucket"]
        assert [c.operation for c in cases.calls_of("customer-profiles.CreateProfile")] == ["CreateProfile"]
        assert cases.calls_of("customer-profiles.CreateProfile")[0].output == {"ProfileId": profile_id}
        assert cases.calls_of("connectcases.CreateDomain") == []
    finally:
        for mock in reversed(mocks):
            mock.stop()


def test_the_call_record_names_each_calls_service() -> None:
    with mock_connectcases() as mock:
        boto3.client("customer-profiles", region_name=REGION).list_domains()
        boto3.client("connectcases", region_name=REGION).list_domains()

        assert [(c.service, c.operation) for c in mock.calls] == [
            ("customer-profiles", "ListDomains"),
            ("connectcases", "ListDomains"),
        ]
        assert [c.service for c in mock.calls_of("ListDomains")] == ["customer-profiles", "connectcases"]
        assert [c.service for c in mock.calls_of("connectcases.ListDomains")] == ["connectcases"]
        assert mock.calls[0].as_json()["service"] == "customer-profiles"
