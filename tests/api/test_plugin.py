"""The pytest plugin, registered by entry point, as a user's test suite sees it."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]


def test_fixtures_give_an_active_mock_and_a_ready_client(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_client(cases_client, cases_mock):
            created = cases_client.create_domain(name="from-fixture")
            assert cases_mock.backend("us-east-1").domains[created["domainId"]].name == "from-fixture"
            assert cases_client.meta.region_name == "us-east-1"

        def test_fresh_state(cases_client):
            assert cases_client.list_domains()["domains"] == []
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(passed=2)
