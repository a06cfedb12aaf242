"""Errors in the rest-json wire format, as boto3 and raw HTTP see them."""

from __future__ import annotations

import logging
import random
import uuid
from typing import Any

import pytest
import requests
from botocore.exceptions import ClientError

from cases_mock import mock_connectcases
from cases_mock._services.connectcases.backend.store import CasesBackend
from tests.builders import a_client, a_domain

ENDPOINT = "https://cases.us-east-1.amazonaws.com"


def test_400_validation_error_wire_format() -> None:
    with mock_connectcases():
        answer = requests.post(f"{ENDPOINT}/domains", json={}, timeout=5)
    assert answer.status_code == 400
    assert answer.headers["x-amzn-ErrorType"] == "ValidationException"
    assert answer.headers["x-amzn-RequestId"]
    assert set(answer.json()) == {"message"}


def test_404_resource_not_found_carries_resource_id_and_type() -> None:
    with mock_connectcases(), pytest.raises(ClientError) as excinfo:
        a_client().get_domain(domainId="missing-domain")
    response = excinfo.value.response
    assert response["Error"] == {
        "Code": "ResourceNotFoundException",
        "Message": "Domain 'missing-domain' does not exist",
    }
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert response["resourceId"] == "missing-domain"
    assert response["resourceType"] == "Domain"
    assert response["ResponseMetadata"]["RequestId"]


def test_request_ids_are_fresh_random_uuids_and_leave_the_random_module_alone() -> None:
    with mock_connectcases():
        client = a_client()
        random.seed(7)
        expected = random.random()
        random.seed(7)
        ids = [client.list_domains()["ResponseMetadata"]["RequestId"] for _ in range(3)]
        with pytest.raises(ClientError) as excinfo:
            client.get_domain(domainId="missing-domain")
        ids.append(excinfo.value.response["ResponseMetadata"]["RequestId"])
        assert random.random() == expected  # a seeded test's sequence is not moved by calls
        random.seed(7)
        ids.append(client.list_domains()["ResponseMetadata"]["RequestId"])
    assert len(set(ids)) == len(ids)  # nor does seeding it repeat an id
    assert all(str(uuid.UUID(found)) == found and uuid.UUID(found).version == 4 for found in ids)


def test_modeled_exception_classes_catch_mock_errors() -> None:
    with mock_connectcases():
        client = a_client()
        a_domain(client, "dup")
        with pytest.raises(client.exceptions.ConflictException) as excinfo:
            client.create_domain(name="dup")
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    assert "dup" in excinfo.value.response["Error"]["Message"]


def test_service_quota_exceeded_is_402() -> None:
    with mock_connectcases():
        client = a_client()
        for index in range(5):
            a_domain(client, f"d{index}")
        with pytest.raises(client.exceptions.ServiceQuotaExceededException) as excinfo:
            client.create_domain(name="one-too-many")
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 402


def test_unexpected_bug_becomes_a_logged_500_not_a_python_exception(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(self: Any, name: str) -> None:
        raise RuntimeError("simulated defect")

    monkeypatch.setattr(CasesBackend, "create_domain", broken)
    with mock_connectcases(), caplog.at_level(logging.ERROR, logger="cases_mock"):
        client = a_client()
        with pytest.raises(client.exceptions.InternalServerException) as excinfo:
            client.create_domain(name="boom")
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert "simulated defect" in caplog.text
    assert "Traceback" in caplog.text


def test_unknown_route_gives_a_clear_404() -> None:
    with mock_connectcases():
        answer = requests.get(f"{ENDPOINT}/no/such/thing", timeout=5)
    assert answer.status_code == 404
    assert answer.headers["x-amzn-ErrorType"] == "UnknownOperationException"
    assert "GET /no/such/thing" in answer.json()["message"]


def test_success_with_no_output_members_is_an_empty_200() -> None:
    with mock_connectcases():
        client = a_client()
        response = client.delete_domain(domainId=a_domain(client))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert set(response) == {"ResponseMetadata"}


def test_timestamps_are_iso8601_on_the_wire() -> None:
    with mock_connectcases():
        domain_id = a_domain(a_client())
        raw = requests.post(f"{ENDPOINT}/domains/{domain_id}", timeout=5).json()
    assert raw["createdTime"].endswith("Z")
    assert "T" in raw["createdTime"]
