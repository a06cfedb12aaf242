"""The ``domain`` fixture: a mocked domain with a custom field of every type."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cases_mock import mock_connectcases
from tests.builders import a_client
from tests.rules.domain import RuleDomain, a_rule_domain


@pytest.fixture
def domain() -> Iterator[RuleDomain]:
    with mock_connectcases():
        yield a_rule_domain(a_client())
