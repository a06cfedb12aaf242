"""moto in either order and with stops out of order; nothing left behind by a stopped mock;
the user's profile, region and account settings honoured."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import boto3
import botocore.endpoint
import botocore.session
import botocore.signers
import pytest
import requests

from cases_mock import mock_connectcases

moto = pytest.importorskip("moto")

REAL = {"AWS_ACCESS_KEY_ID": "AKIAUSERSREALKEY0000", "AWS_SECRET_ACCESS_KEY": "users-real-secret"}
CASES_URL = "https://cases.us-east-1.amazonaws.com/domains-list"


def _patched_places() -> list[Any]:
    return [
        requests.Session.get_adapter,
        botocore.endpoint.Endpoint._send,
        botocore.signers.RequestSigner.sign,
        botocore.session.Session.get_credentials,
    ]


@pytest.fixture
def real_looking_credentials(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for name, value in REAL.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)
    return _aws_environment()


def _aws_environment() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name.startswith(("AWS_", "MOTO_"))}


@pytest.mark.parametrize("cases_first", [True, False], ids=["cases-then-moto", "moto-then-cases"])
@pytest.mark.parametrize("lifo", [True, False], ids=["lifo", "out-of-order"])
def test_moto_in_either_order_and_any_stop_order_leaves_everything_as_it_was(
    cases_first: bool, lifo: bool, real_looking_credentials: dict[str, str]
) -> None:
    places = _patched_places()
    cases, aws = mock_connectcases(), moto.mock_aws()
    order = [cases, aws] if cases_first else [aws, cases]
    for mock in order:
        mock.start()
    try:
        listed = requests.post(CASES_URL, timeout=5)  # answered by cases_mock, not moto's 400
        assert listed.status_code == 200
        assert listed.json() == {"domains": []}
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="beside-cases")
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["beside-cases"]
        boto3.client("connectcases", region_name="us-east-1").create_domain(name="d")
        assert len(cases.backend().domains) == 1
    finally:
        for mock in reversed(order) if lifo else order:
            mock.stop()
    assert _aws_environment() == real_looking_credentials
    assert _patched_places() == places


def test_a_stopped_mock_stops_answering_while_moto_started_inside_it_goes_on() -> None:
    cases, aws = mock_connectcases(), moto.mock_aws()
    cases.start()
    aws.start()
    try:
        cases.stop()
        answered = requests.post(CASES_URL, timeout=5)
        assert answered.status_code != 200  # moto's answer, not a stopped cases_mock's
        assert cases.calls == []
    finally:
        aws.stop()
        if cases.active:
            cases.stop()


def test_after_stop_the_default_session_signs_with_the_users_own_credentials(
    real_looking_credentials: dict[str, str],
) -> None:
    with mock_connectcases():
        boto3.client("connectcases", region_name="us-east-1").list_domains()
    later = boto3.client("connectcases", region_name="us-east-1")
    assert later._request_signer._credentials.access_key == REAL["AWS_ACCESS_KEY_ID"]


def _profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, marker: Path) -> None:
    config = tmp_path / "config"
    config.write_text(
        f"[profile developer]\nregion = eu-west-3\ncredential_process = sh -c 'touch {marker}; exit 1'\n"
    )
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("AWS_PROFILE", "developer")
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION", "AWS_REGION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)


def test_aws_profile_is_kept_its_region_honoured_and_its_credentials_never_resolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "credential-process-ran"
    _profile(tmp_path, monkeypatch, marker)
    with mock_connectcases() as mock:
        assert os.environ["AWS_PROFILE"] == "developer"
        client = boto3.client("connectcases")
        assert client.meta.region_name == "eu-west-3"
        arn = client.create_domain(name="profiled")["domainArn"]
        assert arn.startswith("arn:aws:cases:eu-west-3:")
        assert mock.calls[-1].region == "eu-west-3"
    assert not marker.exists()  # the profile's credential process never ran


@pytest.mark.parametrize(
    ("given", "cases_env", "moto_env", "expected"),
    [
        ("111111111111", "222222222222", "333333333333", "111111111111"),
        (None, "222222222222", "333333333333", "222222222222"),
        (None, None, "333333333333", "333333333333"),
        (None, None, None, "123456789012"),
    ],
    ids=["argument", "CASES_MOCK_ACCOUNT_ID", "MOTO_ACCOUNT_ID", "default"],
)
def test_the_account_follows_argument_then_cases_then_moto_variables(
    monkeypatch: pytest.MonkeyPatch,
    given: str | None,
    cases_env: str | None,
    moto_env: str | None,
    expected: str,
) -> None:
    for name, value in (("CASES_MOCK_ACCOUNT_ID", cases_env), ("MOTO_ACCOUNT_ID", moto_env)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    with mock_connectcases(account_id=given):
        arn = boto3.client("connectcases", region_name="us-east-1").create_domain(name="a")["domainArn"]
    assert arn.split(":")[4] == expected


def test_moto_account_id_is_the_account_sts_and_cases_both_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "444455556666")
    monkeypatch.delenv("CASES_MOCK_ACCOUNT_ID", raising=False)
    with moto.mock_aws(), mock_connectcases():
        account = boto3.client("sts", region_name="us-east-1").get_caller_identity()["Account"]
        arn = boto3.client("connectcases", region_name="us-east-1").create_domain(name="a")["domainArn"]
    assert account == arn.split(":")[4] == "444455556666"
