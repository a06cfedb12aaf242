"""Every error the mock can answer with: one class per modeled error shape, plus routing errors.

The HTTP status and the extra members come from the model's error shapes, so a handler only
says *what* went wrong; ``protocol.serialize.error_response`` turns it into the rest-json wire
format (status, ``x-amzn-ErrorType`` header, JSON body with ``message`` and extra members).
"""

from __future__ import annotations

from typing import Any, ClassVar

from cases_mock._protocol.model import error_shape


class CasesError(Exception):
    """Base of every error the mock answers with. ``code`` is the wire error type."""

    code: ClassVar[str] = "InternalServerException"
    fallback_status: ClassVar[int] = 500

    def __init__(self, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.message = message
        self.extra = {key: value for key, value in extra.items() if value is not None}

    @property
    def status(self) -> int:
        shape = error_shape(self.code)
        if shape is None:
            return self.fallback_status
        return int(shape.metadata.get("error", {}).get("httpStatusCode", self.fallback_status))


class ValidationException(CasesError):
    code = "ValidationException"
    fallback_status = 400


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


class ThrottlingException(CasesError):
    code = "ThrottlingException"
    fallback_status = 429


class InternalServerException(CasesError):
    code = "InternalServerException"
    fallback_status = 500

    def __init__(self, message: str, *, retry_after_seconds: int | None = None) -> None:
        super().__init__(message, retryAfterSeconds=retry_after_seconds)


class UnknownOperationException(CasesError):
    """No operation of the model answers this method and path (not a modeled error)."""

    code = "UnknownOperationException"
    fallback_status = 404


class UnsupportedOperationException(CasesError):
    """The operation is routed but cases_mock has no handler for it yet (not a modeled error)."""

    code = "UnsupportedOperationException"
    fallback_status = 501


MODELED_ERRORS: dict[str, type[CasesError]] = {
    cls.code: cls
    for cls in (
        ValidationException,
        ResourceNotFoundException,
        ConflictException,
        ServiceQuotaExceededException,
        AccessDeniedException,
        ThrottlingException,
        InternalServerException,
    )
}


def not_found(resource_type: str, resource_id: str) -> ResourceNotFoundException:
    """The ResourceNotFoundException for a missing resource, with a message naming it."""
    return ResourceNotFoundException(
        f"{resource_type} {resource_id!r} does not exist",
        resource_id=resource_id,
        resource_type=resource_type,
    )
