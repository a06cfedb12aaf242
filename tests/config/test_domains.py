"""Domains, checked against the CreateDomain, GetDomain, ListDomains and DeleteDomain pages
(https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_<Operation>.html)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from botocore.exceptions import ClientError

from cases_mock import CasesMock
from tests.builders import a_client
from tests.config.helpers import a_field, code_of, walk


def test_a_created_domain_reads_back_with_every_member(mock: CasesMock, client: Any) -> None:
    """CreateDomain answers domainId, domainArn and domainStatus; GetDomain adds name,
    createdTime and tags
    (https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_GetDomain.html)."""
    mock.clock.freeze(datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc))

    created = client.create_domain(name="Support")
    got = client.get_domain(domainId=created["domainId"])

    assert created["domainStatus"] == "Active"
    assert created["domainArn"] == f"arn:aws:cases:us-east-1:123456789012:domain/{created['domainId']}"
    assert {k: v for k, v in got.items() if k != "ResponseMetadata"} == {
        "domainId": created["domainId"],
        "domainArn": created["domainArn"],
        "name": "Support",
        "createdTime": datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc),
        "domainStatus": "Active",
        "tags": {},
    }


def test_a_domain_name_is_unique_in_the_account(mock: CasesMock, client: Any) -> None:
    """CreateDomain: the name "must be unique for your AWS account" (ConflictException); the
    mock's account is per region, as every other resource of the service."""
    client.create_domain(name="Support")

    code, message = code_of(lambda: client.create_domain(name="Support"))

    assert code == "ConflictException"
    assert "'Support'" in message
    assert [d["name"] for d in client.list_domains()["domains"]] == ["Support"]
    assert a_client("eu-west-2").create_domain(name="Support")["domainStatus"] == "Active"
    assert client.create_domain(name="support")["domainStatus"] == "Active"  # compared exactly


def test_list_domains_pages_summaries_in_creation_order(client: Any) -> None:
    """ListDomains: maxResults 1-10, each item a DomainSummary (domainId, domainArn, name), and
    no nextToken on the last page."""
    ids = [client.create_domain(name=f"d{i}")["domainId"] for i in range(5)]

    first = client.list_domains(maxResults=2)
    everything = walk(client.list_domains, "domains", maxResults=2)

    assert [d["domainId"] for d in first["domains"]] == ids[:2]
    assert [d["domainId"] for d in everything] == ids
    assert set(everything[0]) == {"domainId", "domainArn", "name"}
    assert "nextToken" not in client.list_domains()
    assert code_of(lambda: client.list_domains(nextToken="not-issued"))[0] == "ValidationException"


def test_deleting_a_domain_removes_it_and_everything_in_it(client: Any) -> None:
    """DeleteDomain: the domain and what it contains are gone at once; its name and its place in
    the domains quota are free again."""
    domain_id = client.create_domain(name="Support")["domainId"]
    field_id = a_field(client, domain_id, "Priority", "Number")
    field_arn = client.batch_get_field(domainId=domain_id, fields=[{"id": field_id}])["fields"][0]["fieldArn"]
    for i in range(4):
        client.create_domain(name=f"other{i}")

    client.delete_domain(domainId=domain_id)

    for call in (
        lambda: client.get_domain(domainId=domain_id),
        lambda: client.delete_domain(domainId=domain_id),
        lambda: client.list_fields(domainId=domain_id),
        lambda: client.list_tags_for_resource(arn=field_arn),
    ):
        assert code_of(call)[0] == "ResourceNotFoundException"
    assert domain_id not in [d["domainId"] for d in client.list_domains()["domains"]]
    assert client.create_domain(name="Support")["domainId"] != domain_id


@pytest.mark.parametrize("operation", ["get_domain", "delete_domain"])
def test_an_unknown_domain_is_not_found_naming_its_type_and_id(client: Any, operation: str) -> None:
    with pytest.raises(ClientError) as raised:
        getattr(client, operation)(domainId="no-such-domain")

    response = raised.value.response
    assert response["Error"]["Code"] == "ResourceNotFoundException"
    assert (response["resourceType"], response["resourceId"]) == ("Domain", "no-such-domain")
