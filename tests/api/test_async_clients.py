"""aiobotocore and aioboto3 clients answered in-process by the mock, as boto3 clients are.

Skipped, with the reason shown, where aiobotocore (or aioboto3) is not installed: their releases
pin older botocore than the README's install brings, so CI runs this file in the environments
that have them (.ci/run: the newest aiobotocore, and the newest aioboto3 with the previous
aiobotocore major line).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, suppress
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config

from cases_mock import CasesMock, mock_connectcases

aio_session = pytest.importorskip("aiobotocore.session", reason="aiobotocore is not installed")

REGION = "us-east-1"
NO_RETRIES = Config(retries={"mode": "standard", "total_max_attempts": 1})
REQUIRED = {"required": {"defaultValue": True, "conditions": []}}


def aio_client(
    config: Config | None = None, service: str = "connectcases"
) -> AbstractAsyncContextManager[Any]:
    return aio_session.get_session().create_client(service, region_name=REGION, config=config)


@asynccontextmanager
async def aioboto3_client(service: str = "connectcases") -> AsyncIterator[Any]:
    aioboto3 = pytest.importorskip("aioboto3", reason="aioboto3 is not installed")
    async with aioboto3.Session().client(service, region_name=REGION) as client:
        yield client


CLIENTS: dict[str, Callable[..., AbstractAsyncContextManager[Any]]] = {
    "aiobotocore": aio_client,
    "aioboto3": aioboto3_client,
}


@pytest.fixture(params=sorted(CLIENTS))
def make_client(request: pytest.FixtureRequest) -> Callable[..., AbstractAsyncContextManager[Any]]:
    return CLIENTS[request.param]


@mock_connectcases
@pytest.mark.asyncio
async def test_the_decorator_answers_an_async_def_test() -> None:
    async with aio_client() as client:
        domain = await client.create_domain(name="support")
        got = await client.get_domain(domainId=domain["domainId"])

    assert (got["name"], got["domainStatus"]) == ("support", "Active")


@pytest.mark.asyncio
async def test_with_and_async_with_both_activate_the_mock(make_client: Any) -> None:
    with mock_connectcases() as mock:
        async with make_client() as client:
            await client.create_domain(name="in-with")
        assert [d.name for d in mock.backend(REGION).domains.values()] == ["in-with"]

    async with mock_connectcases() as mock:
        async with make_client() as client:
            await client.create_domain(name="in-async-with")
            listed = await client.list_domains()
        assert [d["name"] for d in listed["domains"]] == ["in-async-with"]
        assert [(c.operation, c.status) for c in mock.calls] == [("CreateDomain", 200), ("ListDomains", 200)]


@pytest.mark.asyncio
async def test_the_async_client_fixture_is_on_the_cases_mock_fixture(
    cases_async_client: AbstractAsyncContextManager[Any], cases_mock: CasesMock
) -> None:
    async with cases_async_client as client:
        domain_id = (await client.create_domain(name="support"))["domainId"]

    assert list(cases_mock.backend().domains) == [domain_id]
    assert cases_mock.calls[0].operation == "CreateDomain"


@pytest.mark.asyncio
async def test_customer_profiles_clients_are_answered_in_memory_too(make_client: Any) -> None:
    async with mock_connectcases() as mock:
        async with make_client(service="customer-profiles") as client:
            await client.create_domain(DomainName="callers", DefaultExpirationDays=365)
            created = await client.create_profile(DomainName="callers", PhoneNumber="+15555550100")
            found = await client.search_profiles(
                DomainName="callers", KeyName="_phone", Values=["+15555550100"]
            )
            with pytest.raises(client.exceptions.ResourceNotFoundException) as missing:
                await client.get_domain(DomainName="missing")

        assert [item["ProfileId"] for item in found["Items"]] == [created["ProfileId"]]
        assert "missing" in missing.value.response["Error"]["Message"]
        assert [(c.service, c.operation, c.status) for c in mock.calls] == [
            ("customer-profiles", "CreateDomain", 200),
            ("customer-profiles", "CreateProfile", 200),
            ("customer-profiles", "SearchProfiles", 200),
            ("customer-profiles", "GetDomain", 404),
        ]


@pytest.mark.asyncio
async def test_the_profiles_async_client_fixture_is_on_the_cases_mock_fixture(
    profiles_async_client: AbstractAsyncContextManager[Any], cases_mock: CasesMock
) -> None:
    async with profiles_async_client as client:
        await client.create_domain(DomainName="callers", DefaultExpirationDays=365)
        listed = await client.list_domains()

    assert [d["DomainName"] for d in listed["Items"]] == ["callers"]
    assert [(c.service, c.operation) for c in cases_mock.calls] == [
        ("customer-profiles", "CreateDomain"),
        ("customer-profiles", "ListDomains"),
    ]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # aiohttp, under aiobotocore, runs on asyncio


@pytest.mark.anyio
async def test_the_fixtures_work_under_anyio_too(
    cases_async_client: AbstractAsyncContextManager[Any], cases_mock: CasesMock
) -> None:
    async with cases_async_client as client:
        await client.create_domain(name="support")

    assert [c.operation for c in cases_mock.calls] == ["CreateDomain"]


@pytest.mark.asyncio
async def test_modeled_errors_are_the_clients_own_exception_classes(make_client: Any) -> None:
    async with mock_connectcases() as mock, make_client() as client:
        domain_id = (await client.create_domain(name="support"))["domainId"]
        with pytest.raises(client.exceptions.ConflictException):
            await client.create_domain(name="support")
        with pytest.raises(client.exceptions.ResourceNotFoundException) as missing:
            await client.get_template(domainId=domain_id, templateId="no-such-template")
        with pytest.raises(client.exceptions.ValidationException) as invalid:
            await client.create_field(domainId=domain_id, name="x" * 101, type="Text")

        assert "no-such-template" in missing.value.response["Error"]["Message"]
        assert "name" in invalid.value.response["Error"]["Message"]
        assert len(mock.backend(REGION).domains) == 1  # the refused calls changed nothing
        assert [c.status for c in mock.calls] == [200, 409, 404, 400]


@pytest.mark.asyncio
async def test_an_injected_throttle_is_retried_by_the_clients_own_retry_handler(make_client: Any) -> None:
    async with mock_connectcases() as mock, make_client() as client:
        mock.inject_fault("ListDomains", "ThrottlingException", times=2)

        answer = await client.list_domains()

        assert answer["ResponseMetadata"]["RetryAttempts"] == 2
        assert [c.status for c in mock.calls_of("ListDomains")] == [429, 429, 200]


@pytest.mark.asyncio
async def test_without_retries_the_throttle_reaches_the_caller() -> None:
    async with mock_connectcases() as mock, aio_client(NO_RETRIES) as client:
        mock.inject_fault("ListDomains", "ThrottlingException", times=1)

        with pytest.raises(client.exceptions.ThrottlingException):
            await client.list_domains()
        assert [c.status for c in mock.calls] == [429]


@pytest.mark.asyncio
async def test_paginators_walk_every_page(make_client: Any) -> None:
    async with mock_connectcases(), make_client() as client:
        domain_id = (await client.create_domain(name="support"))["domainId"]
        for n in range(3):
            await client.create_case_rule(domainId=domain_id, name=f"rule {n}", rule=REQUIRED)

        pages = [
            page
            async for page in client.get_paginator("list_case_rules").paginate(
                domainId=domain_id, PaginationConfig={"PageSize": 1}
            )
        ]

    assert [[r["name"] for r in page["caseRules"]] for page in pages] == [["rule 0"], ["rule 1"], ["rule 2"]]


def _sync_scenario(client: Any) -> None:
    domain_id = client.create_domain(name="support")["domainId"]
    client.create_field(domainId=domain_id, name="Priority", type="Number")
    client.create_case_rule(domainId=domain_id, name="always", rule=REQUIRED)
    with suppress(client.exceptions.ResourceNotFoundException):
        client.get_domain(domainId="missing")


async def _async_scenario(client: Any) -> None:
    domain_id = (await client.create_domain(name="support"))["domainId"]
    await client.create_field(domainId=domain_id, name="Priority", type="Number")
    await client.create_case_rule(domainId=domain_id, name="always", rule=REQUIRED)
    with suppress(client.exceptions.ResourceNotFoundException):
        await client.get_domain(domainId="missing")


def _what_was_seen(mock: CasesMock) -> tuple[list[Any], list[Any]]:
    """The recorded calls, and the configuration a boto3 client reads back, without generated ids."""
    calls = [(c.operation, c.status, c.error_code, sorted(c.params)) for c in mock.calls]
    reader = boto3.client("connectcases", region_name=REGION)
    state = []
    for domain in reader.list_domains()["domains"]:
        domain_id = domain["domainId"]
        fields = reader.list_fields(domainId=domain_id)["fields"]
        rules = reader.list_case_rules(domainId=domain_id)["caseRules"]
        state.append((domain["name"], sorted(f["name"] for f in fields), [r["name"] for r in rules]))
    return calls, state


@pytest.mark.asyncio
async def test_the_same_calls_and_state_as_sync_boto3(make_client: Any) -> None:
    with mock_connectcases() as mock:
        _sync_scenario(boto3.client("connectcases", region_name=REGION))
        by_boto3 = _what_was_seen(mock)

    async with mock_connectcases() as mock, make_client() as client:
        await _async_scenario(client)
        by_async = _what_was_seen(mock)

    assert by_async == by_boto3
    assert by_async[0][3][:3] == ("GetDomain", 404, "ResourceNotFoundException")
    assert "Priority" in by_async[1][0][1]


@pytest.mark.asyncio
async def test_each_call_is_dispatched_once_and_boto3_still_works_beside_it() -> None:
    async with mock_connectcases() as mock, aio_client() as client:
        await client.create_domain(name="async")
        boto3.client("connectcases", region_name=REGION).create_domain(name="sync")

        assert sorted(d.name for d in mock.backend(REGION).domains.values()) == ["async", "sync"]
        assert [c.operation for c in mock.calls] == ["CreateDomain", "CreateDomain"]


@pytest.mark.asyncio
async def test_after_stop_the_async_client_is_no_longer_answered(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    async with mock_connectcases(), aio_client() as client:
        await client.list_domains()  # fake credentials while active

    from botocore.exceptions import NoCredentialsError

    async with aio_client() as client:
        call: Callable[[], Awaitable[Any]] = client.list_domains
        with pytest.raises(NoCredentialsError):
            await call()


PREDATING = """
import asyncio, socket
import aiobotocore.session

session = aiobotocore.session.get_session()  # made before cases_mock is imported

def no_network(*args, **kwargs):
    raise RuntimeError("the request left the process")

socket.getaddrinfo = no_network
from cases_mock import mock_connectcases

async def main():
    async with mock_connectcases(), session.create_client("connectcases", region_name="us-east-1") as client:
        await client.create_domain(name="early")
        print([d["name"] for d in (await client.list_domains())["domains"]])

asyncio.run(main())
"""


def test_a_session_made_before_the_import_is_answered_too(tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "AWS_CONFIG_FILE": "/nonexistent",
        "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
    }
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        environment.pop(name, None)
    script = tmp_path / "early.py"
    script.write_text(PREDATING, encoding="utf-8")

    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=environment, timeout=60
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['early']"
