"""A user's test file type-checks under ``mypy --strict`` against the installed cases_mock.

mypy runs from a directory outside the checkout, so it finds cases_mock only as installed (the
README's editable install is a plain path entry; ``py.typed`` marks the package typed). Each
check also has a file that must fail, so a cases_mock that mypy cannot see (every name Any)
would not pass unnoticed.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

USER_TESTS = """
from datetime import datetime, timezone

import boto3  # type: ignore[import-untyped, unused-ignore]  # boto3 ships no types

from cases_mock import CasesClient, CasesMock, ProfilesClient, mock_connectcases


def test_with_fixtures(cases_client: CasesClient, cases_mock: CasesMock) -> None:
    domain_id = cases_client.create_domain(name="support")["domainId"]
    assert domain_id in cases_mock.backend("us-east-1").domains


def test_with_the_profiles_fixture(profiles_client: ProfilesClient) -> None:
    profiles_client.create_domain(DomainName="callers", DefaultExpirationDays=365)
    found = profiles_client.search_profiles(DomainName="callers", KeyName="_phone", Values=["1"])
    assert found["Items"] == []


@mock_connectcases
def test_with_the_decorator() -> None:
    client = boto3.client("connectcases", region_name="us-east-1")
    client.list_domains()


@mock_connectcases(account_id="111122223333")
async def test_async_with_the_decorator() -> None:
    pass


def test_with_the_context_manager() -> None:
    with mock_connectcases() as mock:
        mock.inject_fault("CreateCase", "ThrottlingException", times=2)
        mock.clock.freeze(datetime(2026, 1, 1, tzinfo=timezone.utc))
        assert [call.operation for call in mock.calls] == []
"""

MISTAKES = """
from cases_mock import CasesClient, CasesMock, ProfilesClient


def test_mistakes(cases_client: CasesClient, cases_mock: CasesMock, profiles_client: ProfilesClient) -> None:
    cases_client.create_domian(name="support")
    cases_mock.inject_fault("CreateCase", "ThrottlingException", times="twice")
    profiles_client.search_profile(DomainName="callers", KeyName="_phone", Values=["1"])
"""

STUBS = importlib.util.find_spec("mypy_boto3_connectcases") is not None

STUB_TYPED = """
from mypy_boto3_connectcases import ConnectCasesClient

from cases_mock import CasesClient


def test_with_the_stubs_type(cases_client: ConnectCasesClient) -> None:
    as_protocol: CasesClient = cases_client
    as_protocol.list_domains()
    cases_client.create_domain(nam="support")
"""


def mypy_strict(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_user.py").write_text(textwrap.dedent(source), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), "test_user.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_users_test_file_type_checks_strictly(tmp_path: Path) -> None:
    checked = mypy_strict(tmp_path, USER_TESTS)

    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Success" in checked.stdout


def test_mistakes_in_a_users_test_file_are_found(tmp_path: Path) -> None:
    checked = mypy_strict(tmp_path, MISTAKES)

    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert '"CasesClient" has no attribute "create_domian"' in checked.stdout
    assert 'Argument "times" to "inject_fault" of "CasesMock" has incompatible type "str"' in checked.stdout
    assert '"ProfilesClient" has no attribute "search_profile"' in checked.stdout
    assert "Found 3 errors" in checked.stdout


@pytest.mark.skipif(
    not STUBS, reason="mypy-boto3-connectcases is not installed (CI installs it beside aiobotocore)"
)
def test_the_stubs_client_type_satisfies_the_protocol_and_checks_arguments(tmp_path: Path) -> None:
    checked = mypy_strict(tmp_path, STUB_TYPED)

    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert 'Unexpected keyword argument "nam" for "create_domain" of "ConnectCasesClient"' in checked.stdout
    assert "Found 1 error" in checked.stdout


def test_the_client_protocols_name_every_operation_of_the_newest_model() -> None:
    from botocore import xform_name

    from cases_mock import AsyncCasesClient, CasesClient
    from cases_mock._services.connectcases.releases import OPERATIONS

    utilities = {"meta", "exceptions", "can_paginate", "get_paginator", "close"}
    expected = {xform_name(name) for name in OPERATIONS} | utilities
    for protocol in (CasesClient, AsyncCasesClient):
        assert {name for name in vars(protocol) if not name.startswith("_")} == expected


def test_the_profiles_protocols_name_every_operation_of_the_installed_model() -> None:
    import botocore
    from botocore import xform_name

    from cases_mock import AsyncProfilesClient, ProfilesClient
    from cases_mock._protocol.model import operation_names

    utilities = {"meta", "exceptions", "can_paginate", "get_paginator", "close"}
    installed = {xform_name(name) for name in operation_names("customer-profiles")} | utilities
    newest = tuple(int(part) for part in botocore.__version__.split(".")[:3]) >= PROFILES_PROTOCOLS_FROM
    for protocol in (ProfilesClient, AsyncProfilesClient):
        named = {name for name in vars(protocol) if not name.startswith("_")}
        assert installed <= named, installed - named  # an older model lacks some (added later)
        if newest:
            assert named == installed, named ^ installed


PROFILES_PROTOCOLS_FROM = (1, 44, 18)
"""The botocore release whose ``customer-profiles`` model the Protocols were written from: from it
on they name exactly the installed model's operations (regenerate them when a newer one adds some)."""
