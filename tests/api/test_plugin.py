"""The pytest plugin, registered by entry point, as a user's test suite sees it."""

from __future__ import annotations

import pytest

# slow: a pytest run of its own in a subprocess per test (the plugin as a user's suite loads it)
pytestmark = pytest.mark.slow

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


def test_marker_chooses_the_region_and_account_of_the_fixtures(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.cases_mock(region="eu-west-2", account_id="111122223333")
        def test_marked(cases_client, cases_mock):
            arn = cases_client.create_domain(name="marked")["domainArn"]
            assert arn.startswith("arn:aws:cases:eu-west-2:111122223333:domain/")
            assert cases_client.meta.region_name == "eu-west-2"
            assert len(cases_mock.backend().domains) == 1
            assert cases_mock.seed(cases=1).domain_id in cases_mock.backend("eu-west-2").domains

        def test_unmarked(cases_client):
            arn = cases_client.create_domain(name="plain")["domainArn"]
            assert arn.startswith("arn:aws:cases:us-east-1:123456789012:domain/")
        """
    )
    result = pytester.runpytest_subprocess()
    result.assert_outcomes(passed=2)


def test_ini_options_set_the_default_region_and_account(pytester: pytest.Pytester) -> None:
    pytester.makeini(
        """
        [pytest]
        cases_mock_region = ap-southeast-2
        cases_mock_account_id = 444455556666
        """
    )
    pytester.makepyfile(
        """
        import pytest

        def test_from_ini(cases_client):
            arn = cases_client.create_domain(name="ini")["domainArn"]
            assert arn.startswith("arn:aws:cases:ap-southeast-2:444455556666:domain/")

        @pytest.mark.cases_mock(region="us-west-2")
        def test_marker_wins(cases_client):
            arn = cases_client.create_domain(name="ini")["domainArn"]
            assert arn.startswith("arn:aws:cases:us-west-2:444455556666:domain/")
        """
    )
    result = pytester.runpytest_subprocess("--strict-markers")
    result.assert_outcomes(passed=2)


def test_a_misspelt_marker_argument_is_an_error_naming_it(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.cases_mock(regoin="eu-west-2")
        def test_typo(cases_client):
            pass
        """
    )
    result = pytester.runpytest_subprocess()
    result.assert_outcomes(errors=1)
    assert "takes region= and account_id= only, not ['regoin']" in result.stdout.str()


def test_every_fixture_has_a_docstring(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_nothing(): pass")
    result = pytester.runpytest_subprocess("--fixtures")
    out = result.stdout.str()
    for name in ("cases_mock", "cases_client", "cases_server", "cases_mock_settings"):
        section = out.split(f"\n{name} ", 1)[1].split("\n\n", 1)[0]
        assert "no docstring available" not in section, section
    assert "An active ``CasesMock``" in out


def test_the_marker_is_registered(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess("--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.cases_mock(region=None, account_id=None):*"])
