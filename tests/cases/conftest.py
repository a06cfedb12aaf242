"""Fixtures of the case tests: the active mock and a domain with one custom field per type."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cases_mock import CasesMock, mock_connectcases
from tests.builders import a_client
from tests.rules.domain import RuleDomain, a_rule_domain


@pytest.fixture
def mock() -> Iterator[CasesMock]:
    with mock_connectcases() as active:
        yield active


@pytest.fixture
def domain(mock: CasesMock) -> RuleDomain:
    return a_rule_domain(a_client(), "cases-domain")


def stored_cases(mock: CasesMock, domain: RuleDomain) -> dict[str, dict[str, object]]:
    """Every stored case's values, by case id, read through the mock's inspection API."""
    cases = mock.backend().domain(domain.domain_id).data.cases
    return {case_id: dict(case.values) for case_id, case in cases.items()}
