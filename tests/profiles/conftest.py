"""Drives Customer Profiles as a user does: a boto3 ``customer-profiles`` client under
``mock_connectcases``, on both in-process paths (answered at before-call, and the full path
after signing). ``invoke("CreateDomain", **params)`` is the client's method for that operation,
its answer without ``ResponseMetadata``; ``refused(code, match)`` expects the ClientError a user
catches. Every output is checked against its shape (the dispatcher's strict_output)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import boto3
import pytest
from botocore import xform_name
from botocore.exceptions import ClientError

from cases_mock import CasesMock, mock_connectcases

ACCOUNT = "123456789012"
REGION = "us-east-1"
Invoke = Callable[..., dict[str, Any]]


@pytest.fixture(params=[False, True], ids=["before-call", "full-path"])
def mock(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[CasesMock]:
    with mock_connectcases(full_path=bool(request.param)) as active:
        monkeypatch.setattr(active.engine.dispatcher, "strict_output", True)
        yield active


@pytest.fixture
def store(mock: CasesMock) -> Any:
    """The mock's Customer Profiles state (for the Cases side's ``cases_link`` calls)."""
    return mock.engine.stores["customer-profiles"]


@pytest.fixture
def invoke(mock: CasesMock) -> Invoke:
    client = boto3.client("customer-profiles", region_name=REGION)

    def call(operation: str, **params: Any) -> dict[str, Any]:
        answer = dict(getattr(client, xform_name(operation))(**params))
        answer.pop("ResponseMetadata", None)
        return answer

    return call


@contextmanager
def refused(code: str, match: str | None = None) -> Iterator[None]:
    """Expects the call inside to fail with the ClientError ``code``, its message matching ``match``."""
    with pytest.raises(ClientError) as raised:
        yield
    error = raised.value.response["Error"]
    assert error["Code"] == code, error
    if match is not None:
        assert re.search(match, error["Message"]), error


@pytest.fixture
def domain(invoke: Invoke) -> str:
    invoke("CreateDomain", DomainName="shop", DefaultExpirationDays=365)
    return "shop"
