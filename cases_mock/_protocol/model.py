"""Loads the botocore model of a mocked service, once per service, and exposes its operations.

Every function takes the botocore service name (``connectcases``); the registry
(``_services/registry.py``) says which services are mocked and checks, on first use, that the
installed model has the newest operation the service's handlers rely on (``check_model``): the
usual cause of a model too old is a shell where the project's virtualenv is not active, so the
system Python's older botocore is imported.
"""

from __future__ import annotations

import os
import re
from functools import cache

import botocore
import botocore.loaders
from botocore.model import OperationModel, ServiceModel, Shape

# Used only when the package metadata cannot be read (a checkout that was never installed).
FALLBACK_REQUIREMENT = ">=1.36.15"


class BotocoreTooOldError(RuntimeError):
    """The installed botocore's model of a mocked service lacks operations the mock needs."""


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


def check_model(model: ServiceModel, newest_required_operation: str) -> ServiceModel:
    """Returns ``model``, or raises BotocoreTooOldError when it lacks the newest operation used."""
    if newest_required_operation in model.operation_names:
        return model
    raise BotocoreTooOldError(
        f"cases_mock needs botocore{required_botocore()}, whose {model.service_name} model has "
        f"{newest_required_operation}; the botocore imported is {botocore.__version__} "
        f"({botocore.__file__}). Activate the virtualenv cases_mock is installed in "
        f"(`. .venv/bin/activate`), or upgrade it: pip install -U botocore boto3"
    )


@cache
def service_model(service: str) -> ServiceModel:
    """The newest installed botocore model of ``service`` (loaded once per process).

    Read through botocore's loader directly, not a session: a session would read the AWS
    config files and fail on an ``AWS_PROFILE`` that names no profile, which the mock does not
    need. ``AWS_DATA_PATH`` is honoured as botocore does.
    """
    loader = botocore.loaders.create_loader(os.environ.get("AWS_DATA_PATH"))
    description = loader.load_service_model(service, "service-2")
    return ServiceModel(description, service_name=service)


@cache
def operation_names(service: str) -> tuple[str, ...]:
    return tuple(service_model(service).operation_names)


@cache
def operation(service: str, name: str) -> OperationModel:
    return service_model(service).operation_model(name)


@cache
def error_shape(service: str, name: str) -> Shape | None:
    """The modeled error shape called ``name``, or None when the model has no such error."""
    model = service_model(service)
    if name not in model.shape_names:
        return None
    shape = model.shape_for(name)
    return shape if shape.metadata.get("exception") else None


def is_union(shape: Shape) -> bool:
    return bool(shape.metadata.get("union"))
