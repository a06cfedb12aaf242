"""Every form of Connect Cases host botocore's data knows is answered, by boto3 and `requests`
alike, and its region is the one the host names; custom endpoints are left alone."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
import requests
from botocore.exceptions import EndpointConnectionError

from cases_mock import mock_connectcases
from cases_mock._protocol.hosts import host_data, host_forms
from cases_mock._server import CasesServer
from tests.builders import NO_RETRIES

FORMS = host_forms("connectcases")
VARIANTS = (
    [(host, region) for host, region in FORMS]
    + [
        (f"{host}.", region)
        for host, region in FORMS[:3]  # a fully qualified name's trailing dot
    ]
    + [(f"{FORMS[0][0].upper()}:443", FORMS[0][1])]
)


def test_every_partition_of_botocores_data_is_covered() -> None:
    data = host_data("connectcases")
    assert {"aws", "aws-cn", "aws-us-gov", "aws-iso"} <= set(data.suffix_kinds)
    assert {"amazonaws.com", "api.aws", "amazonaws.com.cn", "api.amazonwebservices.com.cn"} <= set(
        data.suffixes
    )
    assert set(data.prefixes) == {"cases", "cases-fips"}
    # each partition contributes its plain and dual-stack suffixes, each with and without FIPS
    assert len(FORMS) == sum(3 * len(suffixes) for suffixes in data.suffix_kinds.values())


@pytest.mark.parametrize(("host", "region"), VARIANTS, ids=[host for host, _ in VARIANTS])
def test_requests_to_every_host_form_are_answered_with_its_region(host: str, region: str) -> None:
    with mock_connectcases() as mock:
        created = requests.post(f"https://{host}/domains", json={"name": "by-host"}, timeout=5)
        assert created.status_code == 200, created.text
        assert f":cases:{region}:" in created.json()["domainArn"]
        assert mock.calls[-1].region == region
        assert [d.name for d in mock.backend(region).domains.values()] == ["by-host"]


@pytest.mark.parametrize(("host", "region"), FORMS[:8], ids=[host for host, _ in FORMS[:8]])
def test_boto3_clients_on_every_host_form_are_answered(host: str, region: str) -> None:
    with mock_connectcases() as mock:
        client = boto3.client(
            "connectcases", region_name=region, endpoint_url=f"https://{host}", config=NO_RETRIES
        )
        assert client.list_domains()["domains"] == []
        assert mock.calls[-1].region == region


def test_dual_stack_and_fips_clients_resolved_by_botocore_are_answered() -> None:
    with mock_connectcases() as mock:
        for variant in ({"use_dualstack_endpoint": True}, {"use_fips_endpoint": True}):
            from botocore.config import Config

            config = Config(**variant, retries={"total_max_attempts": 1})  # type: ignore[arg-type]
            client = boto3.client("connectcases", region_name="us-east-1", config=config)
            client.create_domain(name=f"d-{len(mock.calls)}")
        assert len(mock.backend("us-east-1").domains) == 2


def _closed_loopback_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_custom_non_aws_endpoint_is_left_alone() -> None:
    url = f"http://127.0.0.1:{_closed_loopback_port()}"
    with mock_connectcases() as mock:
        client = boto3.client("connectcases", region_name="us-east-1", endpoint_url=url, config=NO_RETRIES)
        with pytest.raises(EndpointConnectionError):
            client.list_domains()
        assert mock.calls == []


def test_any_endpoint_answers_a_custom_endpoint_too() -> None:
    url = f"http://127.0.0.1:{_closed_loopback_port()}"
    with mock_connectcases(any_endpoint=True) as mock:
        client = boto3.client("connectcases", region_name="us-east-1", endpoint_url=url, config=NO_RETRIES)
        assert client.list_domains()["domains"] == []
        assert [call.operation for call in mock.calls] == ["ListDomains"]


def test_a_running_cases_server_is_reachable_from_inside_a_mock() -> None:
    with CasesServer(quiet=True) as server, mock_connectcases() as mock:
        client: Any = boto3.client(
            "connectcases", region_name="us-east-1", endpoint_url=server.url, config=NO_RETRIES
        )
        client.create_domain(name="on-the-server")
        assert mock.calls == []  # the in-process mock saw nothing
        in_process = boto3.client("connectcases", region_name="us-east-1", config=NO_RETRIES)
        assert in_process.list_domains()["domains"] == []
        assert [d["name"] for d in client.list_domains()["domains"]] == ["on-the-server"]


@pytest.mark.parametrize(
    ("region", "partition"),
    [
        ("cn-north-1", "aws-cn"),
        ("us-gov-west-1", "aws-us-gov"),
        ("us-isob-east-1", "aws-iso-b"),
        ("eusc-de-east-1", "aws-eusc"),
    ],
)
def test_arns_carry_the_partition_botocores_data_gives_the_region(region: str, partition: str) -> None:
    if partition not in host_data("connectcases").suffix_kinds:
        pytest.skip(f"the installed botocore's partition data has no {partition}")
    with mock_connectcases():
        client = boto3.client("connectcases", region_name=region, config=NO_RETRIES)
        assert client.create_domain(name="p")["domainArn"].startswith(f"arn:{partition}:cases:{region}:")
