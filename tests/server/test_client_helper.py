"""``CasesServer.client()`` and the ``cases_server`` fixture need no AWS configuration at all."""

from __future__ import annotations

import os

import pytest

TEST_FILE = """
def test_a_ready_client(cases_server):
    client = cases_server.client()
    client.create_domain(name="zero-config")
    assert [d["name"] for d in client.list_domains()["domains"]] == ["zero-config"]
    assert cases_server.client(region_name="eu-west-2").list_domains()["domains"] == []
"""


def test_the_fixture_runs_alone_without_aws_environment_or_home(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    home = pytester.mkdir("empty-home")
    monkeypatch.setenv("HOME", str(home))
    pytester.makepyfile(test_zero_config=TEST_FILE)

    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")

    result.assert_outcomes(passed=1)
