"""An endpoint from the environment or ~/.aws/config never takes a mocked call elsewhere: the
mock answers it in memory and says so once; an endpoint_url given in code, or one that is a
CasesServer of this process, is left alone (docs/troubleshooting.md)."""

from __future__ import annotations

import re
import uuid
import warnings
from pathlib import Path

import boto3
import pytest

from cases_mock import mock_connectcases
from cases_mock._interception.configured_endpoint import ConfiguredEndpointWarning
from cases_mock._server import CasesServer

pytest_plugins = ["pytester"]


@pytest.fixture
def nowhere() -> str:
    """A URL nothing listens on, new for each test (the warning is given once per URL)."""
    return f"http://127.0.0.1:1/{uuid.uuid4().hex}"


@pytest.fixture
def no_configured_endpoints(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in ("AWS_ENDPOINT_URL_CONNECTCASES", "AWS_ENDPOINT_URL", "AWS_PROFILE", "AWS_DEFAULT_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    config = tmp_path / "config"
    config.write_text("")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    return config


def _names(client: object) -> list[str]:
    return [d["name"] for d in client.list_domains()["domains"]]  # type: ignore[attr-defined]


@pytest.mark.parametrize("variable", ["AWS_ENDPOINT_URL_CONNECTCASES", "AWS_ENDPOINT_URL"])
def test_an_endpoint_variable_is_answered_in_memory_with_one_warning_naming_it(
    monkeypatch: pytest.MonkeyPatch, no_configured_endpoints: Path, nowhere: str, variable: str
) -> None:
    monkeypatch.setenv(variable, nowhere)

    @mock_connectcases
    def a_decorated_test() -> list[str]:
        client = boto3.Session().client("connectcases", region_name="us-east-1")
        client.create_domain(name="in-memory")
        again = boto3.Session().client("connectcases", region_name="us-east-1")
        return _names(again)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert a_decorated_test() == ["in-memory"]
    said = [str(w.message) for w in caught if issubclass(w.category, ConfiguredEndpointWarning)]
    assert len(said) == 1, said
    assert f"the environment variable {variable} points it at {nowhere}" in said[0]
    assert caught[0].filename == __file__  # shown at the line that made the client


@pytest.mark.parametrize(
    ("config", "named"),
    [
        ("[default]\nendpoint_url = {url}\n", "the profile's endpoint_url in the shared config file"),
        (
            "[default]\nservices = local\n\n[services local]\nconnectcases =\n  endpoint_url = {url}\n",
            "connectcases' endpoint_url in the [services local] section of the shared config file",
        ),
    ],
    ids=["profile", "services-section"],
)
def test_an_endpoint_of_the_shared_config_file_is_answered_in_memory_naming_the_key(
    no_configured_endpoints: Path, nowhere: str, config: str, named: str
) -> None:
    no_configured_endpoints.write_text(config.format(url=nowhere))
    assert boto3.Session().client("connectcases", region_name="us-east-1").meta.endpoint_url == nowhere
    with mock_connectcases():
        with pytest.warns(ConfiguredEndpointWarning, match=f"although {re.escape(named)}"):
            client = boto3.Session().client("connectcases", region_name="us-east-1")
        assert _names(client) == []


def test_other_services_keep_their_configured_endpoint(
    monkeypatch: pytest.MonkeyPatch, no_configured_endpoints: Path, nowhere: str
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", nowhere)
    with mock_connectcases():
        assert boto3.Session().client("s3", region_name="us-east-1").meta.endpoint_url == nowhere
        with pytest.warns(ConfiguredEndpointWarning):
            boto3.Session().client("connectcases", region_name="us-east-1")


def test_an_endpoint_url_given_in_code_and_a_configured_cases_server_of_this_process_are_left_alone(
    monkeypatch: pytest.MonkeyPatch, no_configured_endpoints: Path
) -> None:
    with CasesServer(quiet=True) as server, mock_connectcases() as mock:  # warnings are errors here
        server.client().create_domain(name="given-in-code")
        monkeypatch.setenv("AWS_ENDPOINT_URL_CONNECTCASES", server.url.replace("127.0.0.1", "localhost"))
        configured = boto3.Session().client(
            "connectcases", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
        )
        configured.create_domain(name="configured")
        assert mock.backend().domains == {}
        assert sorted(_names(server.client())) == ["configured", "given-in-code"]


@pytest.mark.slow  # a pytest run in a subprocess
def test_a_decorated_test_and_a_fixture_test_in_a_shell_with_the_readme_line(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, no_configured_endpoints: Path, nowhere: str
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL_CONNECTCASES", nowhere)
    pytester.makepyfile(
        """
        import boto3
        from cases_mock import mock_connectcases

        @mock_connectcases
        def test_decorated():
            client = boto3.client("connectcases", region_name="us-east-1")
            client.create_domain(name="support")
            assert len(client.list_domains()["domains"]) == 1

        def test_fixture(cases_client):
            cases_client.create_domain(name="support")  # no ConflictException: nothing is shared
            assert len(cases_client.list_domains()["domains"]) == 1
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(passed=2)
    shown = result.stdout.str()
    assert (
        shown.count("ConfiguredEndpointWarning: cases_mock answers this connectcases client in memory") == 1
    )
    assert f"AWS_ENDPOINT_URL_CONNECTCASES points it at {nowhere}" in shown
