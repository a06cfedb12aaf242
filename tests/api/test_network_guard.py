"""The suite's own no-network guard fails a test that tries to leave loopback while a mock is
active, even when the test swallows the error."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]
ROOT = Path(__file__).resolve().parents[2]


def test_a_swallowed_attempt_to_reach_the_network_fails_the_test(pytester: pytest.Pytester) -> None:
    pytester.makeconftest((ROOT / "conftest.py").read_text())
    pytester.makepyfile(
        """
        import socket, pytest
        from cases_mock import mock_connectcases

        def reach():
            try:
                socket.create_connection(("192.0.2.10", 443), timeout=1)
            except OSError:
                pass  # swallowed: the guard still sees it

        def test_swallows_it():
            with mock_connectcases():
                reach()

        @pytest.mark.network_attempt_expected
        def test_says_it_expects_one():
            with mock_connectcases():
                reach()

        def test_outside_a_mock_is_refused_but_not_failed():
            reach()
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:randomly", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, errors=1)
    result.stdout.fnmatch_lines(["*tried to reach the network while a mock was active*192.0.2.10*"])
