"""Fixtures of the domain-configuration tests: a mocked client and a fresh domain."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from cases_mock import CasesMock, mock_connectcases
from tests.builders import a_client, a_domain


@pytest.fixture
def mock() -> Iterator[CasesMock]:
    with mock_connectcases() as active:
        yield active


@pytest.fixture
def client(mock: CasesMock) -> Any:
    return a_client()


@pytest.fixture
def domain_id(client: Any) -> str:
    return a_domain(client)
