"""Every way of switching the mock on and off, as a user writes it."""

from __future__ import annotations

import asyncio
import inspect
import io
import os
import unittest
from datetime import datetime, timedelta, timezone
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from cases_mock import CasesMock, MockNotActiveError, mock_connectcases
from tests.builders import a_client, a_domain


def domain_names() -> list[str]:
    return [d["name"] for d in a_client().list_domains()["domains"]]


def test_plain_decorator_answers_inside_the_function() -> None:
    @mock_connectcases
    def body() -> list[str]:
        a_domain(a_client(), "one")
        return domain_names()

    assert body() == ["one"]


def test_decorator_with_arguments_uses_the_given_account() -> None:
    @mock_connectcases(account_id="111122223333")
    def body() -> str:
        return str(a_client().create_domain(name="d")["domainArn"])

    assert body().startswith("arn:aws:cases:us-east-1:111122223333:domain/")


def test_account_id_can_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASES_MOCK_ACCOUNT_ID", "444455556666")
    with mock_connectcases():
        arn = a_client().create_domain(name="d")["domainArn"]
    assert ":444455556666:domain/" in arn


def test_each_decorated_call_starts_from_empty_state() -> None:
    @mock_connectcases
    def body() -> list[str]:
        before = domain_names()
        a_domain(a_client(), "only")
        return before

    assert body() == []
    assert body() == []


def test_decorator_keeps_signature_and_docstring() -> None:
    def original(tmp_path: Any, number: int = 3) -> int:
        """Original docstring."""
        return number

    decorated = mock_connectcases(original)
    assert inspect.signature(decorated) == inspect.signature(original)
    assert decorated.__doc__ == "Original docstring."
    assert decorated.__name__ == "original"


@mock_connectcases
def test_pytest_fixtures_are_still_injected_through_the_decorator(tmp_path: Any) -> None:
    assert tmp_path.exists()
    a_domain(a_client(), "with-fixture")
    assert domain_names() == ["with-fixture"]


def test_async_function_runs_inside_the_mock() -> None:
    @mock_connectcases
    async def body() -> list[str]:
        await asyncio.sleep(0)
        a_domain(a_client(), "async")
        return domain_names()

    assert inspect.iscoroutinefunction(body)
    assert asyncio.run(body()) == ["async"]


def test_async_context_manager() -> None:
    async def body() -> list[str]:
        async with mock_connectcases():
            a_domain(a_client(), "async-with")
            return domain_names()

    assert asyncio.run(body()) == ["async-with"]


def test_decorated_method_gets_self_and_arguments() -> None:
    class Service:
        prefix = "svc"

        @mock_connectcases
        def make(self, suffix: str) -> list[str]:
            a_domain(a_client(), f"{self.prefix}-{suffix}")
            return domain_names()

    assert Service().make("a") == ["svc-a"]


def test_decorated_plain_class_gives_each_test_method_fresh_state() -> None:
    @mock_connectcases
    class Suite:
        def test_one(self) -> list[str]:
            a_domain(a_client(), "one")
            return domain_names()

        def test_two(self) -> list[str]:
            return domain_names()

        def helper(self) -> bool:
            return CasesMock().active

    suite = Suite()
    assert suite.test_one() == ["one"]
    assert suite.test_two() == []
    assert suite.helper() is False


def test_unittest_class_keeps_setupclass_data_and_rolls_back_each_test() -> None:
    seen: dict[str, list[str]] = {}

    @mock_connectcases
    class Suite(unittest.TestCase):
        @classmethod
        def setUpClass(cls) -> None:
            a_domain(a_client(), "from-setup-class")

        def setUp(self) -> None:
            a_domain(a_client(), f"from-setup-{self._testMethodName}")

        def tearDown(self) -> None:
            seen[f"teardown-{self._testMethodName}"] = domain_names()

        def test_a(self) -> None:
            a_domain(a_client(), "from-test-a")
            seen["a"] = domain_names()

        def test_b(self) -> None:
            seen["b"] = domain_names()

    result = unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(
        unittest.defaultTestLoader.loadTestsFromTestCase(Suite)
    )
    assert result.wasSuccessful(), result.errors + result.failures
    assert seen["a"] == ["from-setup-class", "from-setup-test_a", "from-test-a"]
    assert seen["b"] == ["from-setup-class", "from-setup-test_b"]
    assert seen["teardown-test_a"] == seen["a"]
    assert not CasesMock().active
    with mock_connectcases():
        assert domain_names() == []


def test_unittest_class_rolls_back_each_tests_settings_faults_calls_events_and_clock() -> None:
    """A test's quotas, throttling, faults, clock, calls and events do not reach the next test;
    what setUpClass set does."""
    seen: dict[str, Any] = {}
    start = datetime(2030, 1, 1, tzinfo=timezone.utc)

    def observe() -> dict[str, Any]:
        mock = CasesMock()
        return {
            "domains per account": mock.quotas.domains_per_account,
            "throttling": mock.limits.throttling,
            "now": mock.clock.now(),
            "calls": [call.operation for call in mock.calls],
            "events": len(mock.events),
        }

    title = [{"id": "title", "value": {"stringValue": "t"}}]

    @mock_connectcases
    class Suite(unittest.TestCase):
        @classmethod
        def setUpClass(cls) -> None:
            mock = CasesMock()
            mock.clock.freeze(start)
            mock.quotas.domains_per_account = 3
            client = a_client()
            cls.domain_id = a_domain(client, "from-setup-class")
            client.put_case_event_configuration(domainId=cls.domain_id, eventBridge={"enabled": True})
            cls.template_id = client.create_template(domainId=cls.domain_id, name="T", status="Active")[
                "templateId"
            ]
            client.create_case(domainId=cls.domain_id, templateId=cls.template_id, fields=title)

        def test_a_changes_everything(self) -> None:
            mock = CasesMock()
            mock.quotas.domains_per_account = 1
            mock.limits.throttling = True
            mock.clock.advance(hours=5)
            a_client().create_case(domainId=self.domain_id, templateId=self.template_id, fields=title)
            mock.inject_fault("ListDomains", "InternalServerException", times=None)
            with pytest.raises(ClientError):
                a_client().list_domains()
            seen["a"] = observe()

        def test_b_sees_the_class_as_set_up(self) -> None:
            seen["b"] = observe()
            seen["b domains"] = domain_names()  # no fault left: answers

    result = unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(
        unittest.defaultTestLoader.loadTestsFromTestCase(Suite)
    )

    assert result.wasSuccessful(), result.errors + result.failures
    class_calls = ["CreateDomain", "PutCaseEventConfiguration", "CreateTemplate", "CreateCase"]
    assert seen["a"] == {
        "domains per account": 1,
        "throttling": True,
        "now": start + timedelta(hours=5),
        "calls": [*class_calls, "CreateCase", "ListDomains"],
        "events": 2,
    }
    assert seen["b"] == {
        "domains per account": 3,
        "throttling": False,
        "now": start,
        "calls": class_calls,
        "events": 1,  # the CASE.CREATED of setUpClass
    }
    assert seen["b domains"] == ["from-setup-class"]


def test_context_manager_and_start_stop() -> None:
    with mock_connectcases() as mock:
        assert mock.active
        a_domain(a_client(), "ctx")
        assert domain_names() == ["ctx"]
    mock = mock_connectcases().start()
    try:
        assert domain_names() == []
    finally:
        mock.stop()
    assert not mock.active


def test_inner_context_exit_keeps_outer_mock_active_and_its_data() -> None:
    with mock_connectcases():
        a_domain(a_client(), "outer")
        with mock_connectcases():
            a_domain(a_client(), "inner")
            assert domain_names() == ["outer", "inner"]
        assert domain_names() == ["outer", "inner"]
    with mock_connectcases():
        assert domain_names() == []


def test_overlapping_start_stop_is_reference_counted() -> None:
    first = mock_connectcases().start()
    second = mock_connectcases().start()
    a_domain(a_client(), "shared")
    first.stop()
    assert second.active
    assert domain_names() == ["shared"]
    second.stop()
    with pytest.raises(MockNotActiveError, match="it was already stopped"):
        first.stop()
    with mock_connectcases():
        assert domain_names() == []


def test_keep_state_survives_the_outermost_stop_until_reset() -> None:
    with mock_connectcases(keep_state=True) as mock:
        a_domain(a_client(), "kept")
    with mock_connectcases(keep_state=True):
        assert domain_names() == ["kept"]
    mock.reset()
    with mock_connectcases():
        assert domain_names() == []


def test_mock_state_is_inspectable_as_python_objects() -> None:
    with mock_connectcases() as mock:
        domain_id = a_domain(a_client(region="eu-west-2"), "inspect-me")
        backend = mock.backend("eu-west-2")
        assert backend.domains[domain_id].name == "inspect-me"
        assert mock.backend("us-east-1").domains == {}


def test_clients_get_fake_credentials_while_active_and_the_environment_is_untouched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAREALLOOKINGKEY00")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "real-secret")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "real-token")
    before = dict(os.environ)
    with mock_connectcases() as mock:
        assert dict(os.environ) == before
        session = boto3.Session(region_name="us-east-1")
        credentials = session.get_credentials()
        assert credentials.access_key != "AKIAREALLOOKINGKEY00"
        assert credentials.token is None
        session.client("connectcases").list_domains()
        assert mock.calls[-1].operation == "ListDomains"
    assert dict(os.environ) == before
    assert session.get_credentials().access_key == "AKIAREALLOOKINGKEY00"


def test_client_created_before_activation_is_answered() -> None:
    client = a_client()
    with mock_connectcases():
        a_domain(client, "early-client")
        assert [d["name"] for d in client.list_domains()["domains"]] == ["early-client"]


def test_any_region_is_answered_and_regions_are_isolated() -> None:
    with mock_connectcases():
        a_domain(a_client("ap-southeast-7"), "far")
        arn = a_client("cn-north-1").create_domain(name="china")["domainArn"]
        assert [d["name"] for d in a_client("ap-southeast-7").list_domains()["domains"]] == ["far"]
        assert arn.startswith("arn:aws-cn:cases:cn-north-1:")


def test_a_stopped_mock_no_longer_answers() -> None:
    client = a_client()
    with mock_connectcases():
        a_domain(client)
    with pytest.raises(Exception) as excinfo:  # noqa: PT011 - any network failure will do
        client.list_domains()
    assert not isinstance(excinfo.value, ClientError)


def test_decorating_something_that_is_not_callable_is_refused() -> None:
    with pytest.raises(TypeError):
        mock_connectcases(42)  # type: ignore[call-overload]


def test_boto3_default_session_client_is_answered() -> None:
    with mock_connectcases():
        boto3.client("connectcases", region_name="us-west-2").create_domain(name="default-session")
        assert [d["name"] for d in a_client("us-west-2").list_domains()["domains"]] == ["default-session"]
