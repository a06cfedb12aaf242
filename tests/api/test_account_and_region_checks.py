"""The account (12 digits) and region (one botocore knows) given to the mock, checked wherever
they come from, with an error naming the place: argument, marker, ini option, environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request

import pytest

from cases_mock import mock_connectcases
from cases_mock._server import CasesServer

pytest_plugins = ["pytester"]


@pytest.mark.parametrize("account", ["abc", "12345", "1234567890123", "12345678901a"])
def test_an_account_id_argument_that_is_not_12_digits_is_refused(account: str) -> None:
    with pytest.raises(ValueError, match=r"mock_connectcases\(account_id=\.\.\.\): .* not an AWS account id"):
        mock_connectcases(account_id=account)


def test_a_region_no_partition_names_is_refused_naming_the_argument() -> None:
    with pytest.raises(ValueError, match=r"mock_connectcases\(region=\.\.\.\): 'eu-west-9' is not a region"):
        mock_connectcases(region="eu-west-9")


def test_a_known_region_of_another_partition_is_accepted() -> None:
    with mock_connectcases(region="cn-north-1", account_id="111122223333") as mock:
        arn = mock.seed(cases=0).domain_arn
    assert arn.startswith("arn:aws-cn:cases:cn-north-1:111122223333:domain/")


@pytest.mark.parametrize("variable", ["CASES_MOCK_ACCOUNT_ID", "MOTO_ACCOUNT_ID"])
def test_an_account_variable_that_is_not_12_digits_fails_the_start_naming_it(
    monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.delenv("CASES_MOCK_ACCOUNT_ID", raising=False)
    monkeypatch.setenv(variable, "not-an-account")
    mock = mock_connectcases()
    with pytest.raises(ValueError, match=f"the environment variable {variable}: 'not-an-account'"):
        mock.start()
    assert not mock.active


def test_backend_and_seed_arguments_are_checked_too() -> None:
    with mock_connectcases() as mock:
        with pytest.raises(ValueError, match=r"backend\(region=\.\.\.\)"):
            mock.seed(region="us-east-9")
        with pytest.raises(ValueError, match=r"backend\(account_id=\.\.\.\)"):
            mock.backend(account_id="42")
        assert mock.export_state() == mock_connectcases().export_state()  # nothing was created


def test_the_marker_and_the_ini_options_are_checked_naming_where_the_value_came_from(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeini(
        """
        [pytest]
        cases_mock_account_id = 4444
        """
    )
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.cases_mock(account_id="12345", region="eu-west-2")
        def test_marked_account(cases_client):
            pass

        @pytest.mark.cases_mock(region="eu-west-9", account_id="111122223333")
        def test_marked_region(cases_client):
            pass

        def test_from_ini(cases_client):
            pass
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(errors=3)
    result.stdout.fnmatch_lines(
        [
            "*@pytest.mark.cases_mock(account_id=...): '12345' is not an AWS account id*",
            "*@pytest.mark.cases_mock(region=...): 'eu-west-9' is not a region*",
            "*the ini option cases_mock_account_id: '4444' is not an AWS account id*",
        ],
        consecutive=False,
    )


def _served_domain_arn(*flags: str, env: dict[str, str]) -> str:
    """A domain's ARN from a ``cases-mock serve`` subprocess started with ``flags`` and ``env``."""
    process = subprocess.Popen(
        [sys.executable, "-m", "cases_mock", "serve", "--port", "0", "--quiet", *flags],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **env},
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("cases-mock listening on "), first + (
            process.stderr.read() if process.stderr else ""
        )
        url = first.split()[-1]
        request = urllib.request.Request(
            f"{url}/domains", data=b'{"name": "served"}', headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=10) as answered:
            return str(json.load(answered)["domainArn"])
    finally:
        process.terminate()
        process.communicate(timeout=20)


@pytest.mark.slow  # cases-mock serve started several times
def test_the_server_takes_its_account_from_account_id_or_the_variables_of_the_in_process_mock() -> None:
    no_env = {"CASES_MOCK_ACCOUNT_ID": "", "MOTO_ACCOUNT_ID": ""}
    assert ":111122223333:domain/" in _served_domain_arn("--account-id", "111122223333", env=no_env)
    assert ":444455556666:domain/" in _served_domain_arn(
        env={**no_env, "CASES_MOCK_ACCOUNT_ID": "444455556666"}
    )
    assert ":555566667777:domain/" in _served_domain_arn(env={**no_env, "MOTO_ACCOUNT_ID": "555566667777"})
    assert ":123456789012:domain/" in _served_domain_arn(env=no_env)


@pytest.mark.parametrize(
    ("flags", "env", "said"),
    [
        (["--account-id", "abc"], {}, "argument --account-id: 'abc' is not an AWS account id"),
        ([], {"CASES_MOCK_ACCOUNT_ID": "12"}, "the environment variable CASES_MOCK_ACCOUNT_ID: '12' is not"),
    ],
    ids=["flag", "variable"],
)
def test_the_server_refuses_a_bad_account_with_a_message_and_status_2(
    flags: list[str], env: dict[str, str], said: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cases_mock", "serve", "--port", "0", *flags],
        capture_output=True,
        text=True,
        env={**os.environ, "MOTO_ACCOUNT_ID": "", **env},
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert said in done.stderr
    assert "Traceback" not in done.stderr


def test_cases_server_takes_account_id_and_checks_it() -> None:
    with pytest.raises(ValueError, match=r"CasesServer\(account_id=\.\.\.\): 'x' is not an AWS account id"):
        CasesServer(account_id="x")
    with CasesServer(account_id="111122223333", quiet=True) as server:
        arn = server.client().create_domain(name="in-process")["domainArn"]
    assert arn.startswith("arn:aws:cases:us-east-1:111122223333:domain/")
