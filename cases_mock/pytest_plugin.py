"""pytest fixtures, registered through the ``pytest11`` entry point ``cases_mock``.

* ``cases_mock``: an active ``CasesMock`` for the test (fresh state, reset afterwards).
* ``cases_client``: a ready boto3 ``connectcases`` client in ``us-east-1`` on that mock.
* ``cases_server``: a ``CasesServer`` serving HTTP on a free loopback port in a background
  thread, with its own state (for clients that cannot be patched in-process).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .mock import CasesMock


@pytest.fixture
def cases_mock() -> Iterator[CasesMock]:
    with CasesMock() as mock:
        yield mock


@pytest.fixture
def cases_client(cases_mock: CasesMock) -> Any:
    import boto3

    return boto3.client("connectcases", region_name="us-east-1")


@pytest.fixture
def cases_server() -> Iterator[Any]:
    from .server import CasesServer

    with CasesServer(quiet=True) as server:
        yield server
