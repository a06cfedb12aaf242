"""Loads the ``connectcases`` service model once and exposes its operations."""

from __future__ import annotations

from functools import cache

import botocore.session
from botocore.model import OperationModel, ServiceModel, Shape

SERVICE_NAME = "connectcases"


@cache
def service_model() -> ServiceModel:
    """The newest installed botocore model of Connect Cases (loaded once per process)."""
    return botocore.session.get_session().get_service_model(SERVICE_NAME)


@cache
def operation_names() -> tuple[str, ...]:
    return tuple(service_model().operation_names)


@cache
def operation(name: str) -> OperationModel:
    return service_model().operation_model(name)


@cache
def error_shape(name: str) -> Shape | None:
    """The modeled error shape called ``name``, or None when the model has no such error."""
    model = service_model()
    if name not in model.shape_names:
        return None
    shape = model.shape_for(name)
    return shape if shape.metadata.get("exception") else None


def is_union(shape: Shape) -> bool:
    return bool(shape.metadata.get("union"))
