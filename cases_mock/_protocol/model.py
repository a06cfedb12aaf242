"""Loads the ``connectcases`` service model once and exposes its operations.

A botocore whose model predates case rules (no ``CreateCaseRule``) is refused with one clear
error naming the installed and the required versions: the usual cause is a shell where the
project's virtualenv is not active, so the system Python's older botocore is imported.
"""

from __future__ import annotations

import os
import re
from functools import cache

import botocore
import botocore.loaders
from botocore.model import OperationModel, ServiceModel, Shape

SERVICE_NAME = "connectcases"
# The newest operation the mock relies on; its absence marks a model too old to mock.
NEWEST_REQUIRED_OPERATION = "CreateCaseRule"
# Used only when the package metadata cannot be read (a checkout that was never installed).
FALLBACK_REQUIREMENT = ">=1.36.15"


class BotocoreTooOldError(RuntimeError):
    """The installed botocore's ``connectcases`` model lacks operations the mock needs."""


def required_botocore() -> str:
    """The botocore requirement of the installed cases-mock (``pyproject.toml``), e.g. ``>=1.36.15``."""
    from importlib import metadata

    try:
        requirements = metadata.requires("cases-mock") or []
    except metadata.PackageNotFoundError:
        return FALLBACK_REQUIREMENT
    for requirement in requirements:
        found = re.match(r"^botocore\s*([<>=!~][^;]*)", requirement)
        if found:
            return found.group(1).strip()
    return FALLBACK_REQUIREMENT


def check_model(model: ServiceModel) -> ServiceModel:
    """Returns ``model``, or raises BotocoreTooOldError when it lacks the newest operation used."""
    if NEWEST_REQUIRED_OPERATION in model.operation_names:
        return model
    raise BotocoreTooOldError(
        f"cases_mock needs botocore{required_botocore()}, whose connectcases model has "
        f"{NEWEST_REQUIRED_OPERATION}; the botocore imported is {botocore.__version__} "
        f"({botocore.__file__}). Activate the virtualenv cases_mock is installed in "
        f"(`. .venv/bin/activate`), or upgrade it: pip install -U botocore boto3"
    )


@cache
def service_model() -> ServiceModel:
    """The newest installed botocore model of Connect Cases (loaded once per process).

    Read through botocore's loader directly, not a session: a session would read the AWS
    config files and fail on an ``AWS_PROFILE`` that names no profile, which the mock does not
    need. ``AWS_DATA_PATH`` is honoured as botocore does. Raises BotocoreTooOldError when the
    model predates case rules.
    """
    loader = botocore.loaders.create_loader(os.environ.get("AWS_DATA_PATH"))
    description = loader.load_service_model(SERVICE_NAME, "service-2")
    return check_model(ServiceModel(description, service_name=SERVICE_NAME))


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
