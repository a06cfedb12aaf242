"""A short, readable walk-through against the in-memory backend (``cases-mock demo``)."""

from __future__ import annotations

from typing import Any

from .mock import mock_connectcases


def _say(text: str) -> None:
    print(text)


def run() -> None:
    import boto3

    with mock_connectcases():
        client: Any = boto3.client("connectcases", region_name="us-east-1")
        _say("cases_mock demo: an in-memory Amazon Connect Cases, driven through boto3\n")

        domain = client.create_domain(name="demo-contact-centre")
        domain_id = domain["domainId"]
        _say(f"1. Created domain {domain_id} ({domain['domainStatus']})")
        _say(f"   ARN: {domain['domainArn']}")

        listed = client.list_domains()["domains"]
        _say(f"2. ListDomains sees {len(listed)} domain(s): {[d['name'] for d in listed]}")

        try:
            client.create_domain(name="demo-contact-centre")
        except client.exceptions.ConflictException as error:
            _say(f"3. A second domain with the same name is refused: {error.response['Error']['Code']}")

        try:
            client.get_domain(domainId="no-such-domain")
        except client.exceptions.ResourceNotFoundException as error:
            _say(
                f"4. An unknown domain gives {error.response['Error']['Code']} "
                f"(resourceType={error.response['resourceType']})"
            )

        client.delete_domain(domainId=domain_id)
        _say(f"5. Deleted the domain; ListDomains now has {len(client.list_domains()['domains'])}")
    _say("\nThe mock is stopped: its state is gone and nothing reached AWS.")
