"""Each registered service's modeled errors declare the status its model's error shape gives."""

from __future__ import annotations

import pytest

from cases_mock._protocol.model import error_shape
from cases_mock._services import registry

ERRORS = [(service.name, cls) for service in registry.services() for cls in service.modeled_errors.values()]


@pytest.mark.parametrize(("service", "cls"), ERRORS, ids=[f"{s}:{c.code}" for s, c in ERRORS])
def test_a_modeled_errors_class_status_is_its_models(service: str, cls: type) -> None:
    shape = error_shape(service, cls.code)
    assert shape is not None
    assert cls.fallback_status == shape.metadata["error"]["httpStatusCode"]
