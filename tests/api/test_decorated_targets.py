"""The decorator keeps the mock active for the whole body of every kind of target."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from cases_mock import mock_connectcases
from tests.builders import a_client, a_domain

pytest_plugins = ["pytester"]


def names() -> list[str]:
    return [d["name"] for d in a_client().list_domains()["domains"]]


def active() -> bool:
    """Whether any mock is active: a client call is answered (the suite blocks the network)."""
    from cases_mock._interception import activation

    return bool(activation.active_mocks())


def test_a_generator_stays_mocked_across_every_next_send_and_throw() -> None:
    @mock_connectcases
    def steps() -> Iterator[list[str]]:
        a_domain(a_client(), "first")
        received = yield names()
        a_domain(a_client(), str(received))
        try:
            yield names()
        except KeyError:
            yield [*names(), "caught"]

    generator = steps()
    assert not active()  # nothing runs before the first next()
    assert next(generator) == ["first"]
    assert generator.send("sent") == ["first", "sent"]
    assert generator.throw(KeyError("x")) == ["first", "sent", "caught"]
    with pytest.raises(StopIteration):
        next(generator)
    assert not active()


def test_closing_a_generator_early_stops_its_mock() -> None:
    @mock_connectcases
    def endless() -> Iterator[int]:
        while True:
            yield len(names())

    generator = endless()
    assert next(generator) == 0
    assert active()
    generator.close()
    assert not active()


def test_an_async_generator_stays_mocked_across_asend_and_athrow() -> None:
    @mock_connectcases
    async def steps() -> AsyncIterator[list[str]]:
        a_domain(a_client(), "a")
        received = yield names()
        await asyncio.sleep(0)
        a_domain(a_client(), str(received))
        try:
            yield names()
        except ValueError:
            yield ["thrown", *names()]

    async def drive() -> list[Any]:
        agen = steps()
        seen: list[Any] = [await agen.__anext__(), await agen.asend("b"), await agen.athrow(ValueError())]
        with pytest.raises(StopAsyncIteration):
            await agen.__anext__()
        seen.append(active())
        return seen

    assert asyncio.run(drive()) == [["a"], ["a", "b"], ["thrown", "a", "b"], False]


def test_a_wrapper_that_hides_a_coroutine_still_runs_it_mocked() -> None:
    async def body() -> list[str]:
        await asyncio.sleep(0)
        a_domain(a_client(), "hidden")
        return names()

    @functools.wraps(body)
    def hides(*args: Any) -> Any:  # a plain function returning a coroutine
        return body(*args)

    decorated = mock_connectcases(hides)
    assert asyncio.run(decorated()) == ["hidden"]
    assert not active()


def test_classmethods_and_staticmethods_of_a_decorated_class_run_mocked() -> None:
    @mock_connectcases
    class Suite:
        @classmethod
        def test_class(cls) -> list[str]:
            a_domain(a_client(), cls.__name__)
            return names()

        @staticmethod
        def test_static() -> list[str]:
            a_domain(a_client(), "static")
            return names()

    assert Suite.test_class() == ["Suite"]
    assert Suite.test_static() == ["static"]
    assert Suite().test_static() == ["static"]


def test_a_classmethod_object_can_be_decorated_directly() -> None:
    class Holder:
        @mock_connectcases  # type: ignore[misc]
        @classmethod
        def make(cls) -> list[str]:
            a_domain(a_client(), "direct")
            return names()

    assert Holder.make() == ["direct"]


def test_what_cannot_be_wrapped_is_refused_when_decorated() -> None:
    with pytest.raises(TypeError, match="cannot decorate"):
        mock_connectcases(property(lambda self: 1))  # type: ignore[call-overload]


@pytest.mark.slow  # a pytest run in a subprocess
def test_plain_pytest_class_runs_xunit_methods_inside_the_mock(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3
        from cases_mock import CasesMock, mock_connectcases

        def names():
            client = boto3.client("connectcases", region_name="us-east-1")
            return sorted(d["name"] for d in client.list_domains()["domains"])

        def make(name):
            boto3.client("connectcases", region_name="us-east-1").create_domain(name=name)

        seen = {}

        @mock_connectcases
        class TestPlain:
            @classmethod
            def setup_class(cls):
                make("class")

            @classmethod
            def teardown_class(cls):
                seen["teardown_class"] = names()

            def setup_method(self, method):
                make("setup-" + method.__name__)

            def teardown_method(self, method):
                seen["teardown-" + method.__name__] = names()

            def test_a(self):
                make("a")
                assert names() == ["a", "class", "setup-test_a"]
                CasesMock().inject_fault("ListFields", times=None)  # rolled back with the data
                CasesMock().quotas.domains_per_account = 1

            def test_b(self):
                assert names() == ["class", "setup-test_b"]
                assert CasesMock().quotas.domains_per_account == 5
                client = boto3.client("connectcases", region_name="us-east-1")
                domain_id = client.list_domains()["domains"][0]["domainId"]
                assert client.list_fields(domainId=domain_id)["fields"]

            @classmethod
            def test_c(cls):
                assert names() == ["class", "setup-test_c"]

        @mock_connectcases
        class TestNoClassSetup:
            def setup_method(self):
                make("only-setup")

            def test_fresh(self):
                assert names() == ["only-setup"]

            def test_fresh_again(self):
                make("more")
                assert names() == ["more", "only-setup"]

        def test_afterwards():
            assert seen == {
                "teardown-test_a": ["a", "class", "setup-test_a"],
                "teardown-test_b": ["class", "setup-test_b"],
                "teardown-test_c": ["class", "setup-test_c"],
                "teardown_class": ["class"],
            }
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=6)


@pytest.mark.slow  # a pytest run in a subprocess
def test_a_decorated_generator_fixture_keeps_the_mock_for_the_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3, pytest
        from cases_mock import mock_connectcases

        @pytest.fixture
        @mock_connectcases
        def domain():
            client = boto3.client("connectcases", region_name="us-east-1")
            yield client.create_domain(name="from-fixture")["domainId"]

        def test_uses_it(domain):
            client = boto3.client("connectcases", region_name="us-east-1")
            assert client.get_domain(domainId=domain)["name"] == "from-fixture"
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
