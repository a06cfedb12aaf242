"""A mock a test starts and leaves active is reported at that test and stopped, so later tests
start clean; mocks meant to outlive a test (wider-scoped fixtures, setup_class, decorated
classes) are not leaks."""

from __future__ import annotations

import textwrap

import pytest

pytest_plugins = ["pytester"]

# slow: a pytest run of its own in a subprocess per test (the plugin as a user's suite loads it)
pytestmark = pytest.mark.slow

LATER_TESTS = """
import boto3
import pytest
from botocore.exceptions import EndpointConnectionError, NoCredentialsError
from cases_mock import mock_connectcases

@mock_connectcases
def test_b_decorated_starts_empty():
    assert boto3.client("connectcases", region_name="us-east-1").list_domains()["domains"] == []

def test_c_fixture_starts_empty(cases_client):
    assert cases_client.list_domains()["domains"] == []

def test_d_no_mock_is_not_answered(monkeypatch):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    client = boto3.Session().client("connectcases", region_name="us-east-1")
    with pytest.raises(NoCredentialsError):
        client.list_domains()
"""


def test_a_mock_started_and_never_stopped_is_reported_and_stopped(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_leak=textwrap.dedent(
            """
        import boto3
        from cases_mock import mock_connectcases

        def test_a_leaks():
            mock_connectcases().start()
            boto3.client("connectcases", region_name="us-east-1").create_domain(name="leaked")
        """
        )
        + LATER_TESTS
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly", "-W", "default")
    result.assert_outcomes(passed=4, warnings=1)
    result.stdout.fnmatch_lines(
        [
            "*LeakedMockWarning: test_leak.py::test_a_leaks started 1 cases_mock activation(s)*",
        ]
    )


def test_the_ini_option_makes_a_leak_an_error_of_that_test(pytester: pytest.Pytester) -> None:
    pytester.makeini(
        """
        [pytest]
        cases_mock_leaked = error
        """
    )
    pytester.makepyfile(
        test_leak=textwrap.dedent(
            """
        import pytest
        from cases_mock import MockNotActiveError, mock_connectcases

        leaked = []

        def test_a_leaks():
            leaked.append(mock_connectcases().start())

        def test_a_second_stop_says_the_plugin_stopped_it():
            with pytest.raises(MockNotActiveError, match="the cases_mock pytest plugin stopped it"):
                leaked[0].stop()
        """
        )
        + LATER_TESTS
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(passed=5, errors=1)
    result.stdout.fnmatch_lines(["*ERROR at teardown of test_a_leaks*", "*LeakedMockError: *test_a_leaks*"])


def test_a_bad_value_of_the_ini_option_fails_the_run(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ncases_mock_leaked = loud\n")
    pytester.makepyfile("def test_nothing(): pass")
    result = pytester.runpytest_subprocess()
    assert result.ret != 0
    result.stderr.fnmatch_lines(["*cases_mock_leaked: 'loud' is not one of warn, error, ignore*"])


def test_mocks_meant_to_outlive_a_test_are_not_leaks(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ncases_mock_leaked = error\n")
    pytester.makepyfile(
        test_kept="""
        import unittest
        import boto3
        import pytest
        from cases_mock import mock_connectcases

        def names():
            client = boto3.client("connectcases", region_name="us-east-1")
            return [d["name"] for d in client.list_domains()["domains"]]

        class TestSetupClass:
            @classmethod
            def setup_class(cls):
                cls.mock = mock_connectcases().start()

            @classmethod
            def teardown_class(cls):
                cls.mock.stop()

            def test_one(self):
                assert self.mock.active

        @mock_connectcases
        class TestDecorated:
            @classmethod
            def setup_class(cls):
                boto3.client("connectcases", region_name="us-east-1").create_domain(name="class")

            def test_one(self):
                assert "class" in names()

        @mock_connectcases
        class TestCaseDecorated(unittest.TestCase):
            def test_one(self):
                self.assertEqual(names(), [])

        @pytest.fixture(scope="module")
        def module_mock():
            with mock_connectcases() as mock:
                yield mock

        @pytest.fixture(scope="session")
        def session_mock():
            mock = mock_connectcases().start()  # stopped when the session ends, or never: its choice
            yield mock
            mock.stop()

        def test_module_one(module_mock):
            boto3.client("connectcases", region_name="us-east-1").create_domain(name="module")

        def test_module_two(module_mock):
            assert names() == ["module"]

        def test_session(session_mock):
            assert session_mock.active

        def test_stopped_by_a_finalizer(request):
            request.addfinalizer(mock_connectcases().start().stop)
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(passed=7)
