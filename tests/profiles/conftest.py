"""Drives Customer Profiles' handlers the way the request path will once the service is
registered with the core: input validated against the model, the handler called, its output
(None members dropped, as the serialiser does) checked against the output shape."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from cases_mock._protocol.validate import problems
from cases_mock._services.customerprofiles.backend.state import ProfilesStore
from cases_mock._services.customerprofiles.handlers import Call, load_all, not_mocked
from cases_mock._services.customerprofiles.model import service_model

ACCOUNT = "123456789012"
REGION = "us-east-1"
Invoke = Callable[..., dict[str, Any]]


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


@pytest.fixture
def store() -> ProfilesStore:
    return ProfilesStore()


@pytest.fixture
def invoke(store: ProfilesStore) -> Invoke:
    handlers = load_all()

    def call(operation: str, **params: Any) -> dict[str, Any]:
        model = service_model().operation_model(operation)
        found = problems(model.input_shape, params)
        assert not found, found
        handler = handlers.get(operation, not_mocked)
        context = Call(operation, store.backend(ACCOUNT, REGION), ACCOUNT, REGION, "request-1")
        output = _drop_none(handler(context, params))
        if model.output_shape is not None:
            assert not problems(model.output_shape, output), problems(model.output_shape, output)
        return output

    return call


@pytest.fixture
def domain(invoke: Invoke) -> str:
    invoke("CreateDomain", DomainName="shop", DefaultExpirationDays=365)
    return "shop"
