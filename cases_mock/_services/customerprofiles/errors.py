"""Every error Customer Profiles answers with: one class per modeled error shape.

The service models five errors, each with one member, ``Message`` (capital M). The HTTP status
of each comes from its shape in the installed model, never from this file. There is no
ValidationException or ConflictException: malformed input, duplicates and key-rule violations
are BadRequestException, as the API Reference's pages list only these five
(docs/behaviour.md#customer-profiles).
"""

from __future__ import annotations

from typing import ClassVar

from cases_mock._protocol.errors import CasesError, by_code
from cases_mock._services.customerprofiles.model import error_shape


class _ModelStatus:
    """A class attribute reading the error's ``httpStatusCode`` from its shape in the model."""

    def __get__(self, instance: object, owner: type[ProfilesError]) -> int:
        shape = error_shape(owner.code)
        if shape is None:
            raise LookupError(f"the customer-profiles model has no error {owner.code}")
        return int(shape.metadata["error"]["httpStatusCode"])


class ProfilesError(CasesError):
    """Base of every Customer Profiles error (a ``CasesError``, the core's base: the request path
    answers it). ``code`` is the wire error type; its status is its shape's in the model; the
    body's message member is the model's ``Message``."""

    code: ClassVar[str] = "InternalServerException"
    fallback_status = _ModelStatus()

    def __init__(self, message: str) -> None:
        super().__init__(message)


class BadRequestException(ProfilesError):
    code = "BadRequestException"


class AccessDeniedException(ProfilesError):
    code = "AccessDeniedException"


class ResourceNotFoundException(ProfilesError):
    code = "ResourceNotFoundException"


class ThrottlingException(ProfilesError):
    code = "ThrottlingException"


class InternalServerException(ProfilesError):
    code = "InternalServerException"


class NotMockedYet(BadRequestException):
    """A modeled operation cases_mock routes but does not mock: a BadRequestException (400, never
    retried) naming it (docs/behaviour.md#customer-profiles, "Operations not mocked yet")."""

    def __init__(self, operation: str) -> None:
        super().__init__(f"cases_mock does not mock Customer Profiles {operation} yet (see docs/coverage.md)")
        self.operation = operation


MODELED_ERRORS: dict[str, type[ProfilesError]] = by_code(
    BadRequestException,
    AccessDeniedException,
    ResourceNotFoundException,
    ThrottlingException,
    InternalServerException,
)


def not_found(resource_type: str, resource_id: str, where: str = "") -> ResourceNotFoundException:
    """The ResourceNotFoundException for a missing resource, naming it (and where it was looked for)."""
    place = f" in {where}" if where else ""
    return ResourceNotFoundException(f"{resource_type} {resource_id!r} does not exist{place}")


def bad_request(member: str, problem: str) -> BadRequestException:
    """A BadRequestException naming the offending member."""
    return BadRequestException(f"{member}: {problem}")
