"""``region=`` picks the default region of ``backend()`` and ``seed()``; clients keep their own."""

from __future__ import annotations

import boto3

from cases_mock import mock_connectcases


def test_backend_and_seed_default_to_the_mocks_region() -> None:
    with mock_connectcases(region="eu-west-2") as mock:
        seeded = mock.seed(cases=1)
        client = boto3.client("connectcases", region_name="eu-west-2")

        assert [d["domainId"] for d in client.list_domains()["domains"]] == [seeded.domain_id]
        assert list(mock.backend().domains) == [seeded.domain_id]
        assert mock.backend("us-east-1").domains == {}


def test_without_region_the_default_is_us_east_1() -> None:
    with mock_connectcases() as mock:
        client = boto3.client("connectcases", region_name="us-east-1")
        domain_id = client.create_domain(name="plain")["domainId"]

        assert mock.region == "us-east-1"
        assert list(mock.backend().domains) == [domain_id]
