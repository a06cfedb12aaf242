"""Isolation between tests, accounts and regions; nothing left behind after stop."""

from __future__ import annotations

import os

import boto3
import botocore.handlers
import pytest
from botocore.exceptions import ClientError, EndpointConnectionError

from cases_mock import mock_connectcases
from tests.builders import a_client


@mock_connectcases
def test_first_of_two_decorated_tests_creates_a_domain() -> None:
    a_client().create_domain(name="leaky?")


@mock_connectcases
def test_second_of_two_decorated_tests_sees_nothing() -> None:
    assert a_client().list_domains()["domains"] == []


def test_accounts_and_regions_are_isolated() -> None:
    with mock_connectcases():
        default = a_client()
        other_account = boto3.client(
            "connectcases",
            region_name="us-east-1",
            aws_access_key_id="444455556666",
            aws_secret_access_key="s",
        )
        other_region = a_client("ap-south-1")
        default.create_domain(name="default")

        assert other_account.list_domains()["domains"] == []
        assert other_region.list_domains()["domains"] == []
        domain_id = default.list_domains()["domains"][0]["domainId"]
        with pytest.raises(ClientError):
            other_account.get_domain(domainId=domain_id)


def test_stop_restores_environment_and_handlers_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_PROFILE", "developer")
    monkeypatch.delenv("AWS_ACCESS_KEY_ID", raising=False)
    environment = dict(os.environ)
    handlers = list(botocore.handlers.BUILTIN_HANDLERS)

    with mock_connectcases():
        assert dict(os.environ) == environment  # AWS_PROFILE kept, as moto keeps it
    assert dict(os.environ) == environment
    assert list(botocore.handlers.BUILTIN_HANDLERS) == handlers


def test_after_stop_requests_go_to_the_network_again() -> None:
    with mock_connectcases():
        client = boto3.client(
            "connectcases", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b"
        )
        client.list_domains()

    with pytest.raises((EndpointConnectionError, OSError, RuntimeError)):
        client.list_domains()  # the suite's conftest blocks real sockets: it tried the network
