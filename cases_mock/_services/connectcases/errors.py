"""Connect Cases' modeled errors: one class per error shape of its model, ``MODELED_ERRORS`` by code.

The base class and the errors the request path raises itself (validation, unknown or unsupported
operation, internal error) are the core's (``_protocol/errors.py``), re-exported here so the
service's modules import every error from one place. The HTTP status and the extra members come
from the model's error shapes, so a handler only says *what* went wrong;
``_protocol.serialize.error_response`` writes the rest-json wire form.
"""

from __future__ import annotations

from cases_mock._protocol.errors import (
    CasesError,
    InternalServerException,
    ThrottlingException,
    UnknownOperationException,
    UnsupportedOperationException,
    ValidationException,
    by_code,
)

__all__ = [
    "MODELED_ERRORS",
    "AccessDeniedException",
    "CasesError",
    "ConflictException",
    "InternalServerException",
    "ResourceNotFoundException",
    "ServiceQuotaExceededException",
    "ThrottlingException",
    "UnknownOperationException",
    "UnsupportedOperationException",
    "ValidationException",
    "not_found",
]


class ResourceNotFoundException(CasesError):
    code = "ResourceNotFoundException"
    fallback_status = 404

    def __init__(self, message: str, *, resource_id: str, resource_type: str) -> None:
        super().__init__(message, resourceId=resource_id, resourceType=resource_type)
        self.resource_id = resource_id
        self.resource_type = resource_type


class ConflictException(CasesError):
    code = "ConflictException"
    fallback_status = 409


class ServiceQuotaExceededException(CasesError):
    code = "ServiceQuotaExceededException"
    fallback_status = 402


class AccessDeniedException(CasesError):
    code = "AccessDeniedException"
    fallback_status = 403


MODELED_ERRORS: dict[str, type[CasesError]] = by_code(
    ValidationException,
    ResourceNotFoundException,
    ConflictException,
    ServiceQuotaExceededException,
    AccessDeniedException,
    ThrottlingException,
    InternalServerException,
)


def not_found(resource_type: str, resource_id: str) -> ResourceNotFoundException:
    """The ResourceNotFoundException for a missing resource, with a message naming it."""
    return ResourceNotFoundException(
        f"{resource_type} {resource_id!r} does not exist",
        resource_id=resource_id,
        resource_type=resource_type,
    )
