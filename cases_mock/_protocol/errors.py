"""The errors every mocked service shares: the base class and those the request path raises itself.

``CasesError`` (named after the package, public as ``cases_mock.CasesError``) is the base of every
error the mock answers with, whatever the service. The protocol raises ``ValidationException``
(a request outside its input shape), ``UnknownOperationException`` (no operation answers the
method and path) and ``UnsupportedOperationException`` (no handler yet); the dispatcher answers a
bug in the mock with ``InternalServerException``. A service's own modeled errors subclass
``CasesError`` in its folder (``_services/<service>/errors.py``); a service that answers invalid
input with another error (Customer Profiles' BadRequestException) names it as
``Service.invalid_input``, and the dispatcher answers the protocol's ValidationException as that
error, same message. The answer's status and extra
members come from the service model's error shape (``serialize.error_response``); the class's
``status`` is the one it declares, which agrees with the model (a test checks).
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar


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
        """The HTTP status of this error (the model's error shape agrees: a test checks)."""
        return self.fallback_status


class ValidationException(CasesError):
    code = "ValidationException"
    fallback_status = 400


class ThrottlingException(CasesError):
    """A rate quota's bucket is empty (``_engine/limits.py``) or a fault chose it."""

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


E = TypeVar("E", bound=CasesError)


def by_code(*classes: type[E]) -> dict[str, type[E]]:
    """The error classes by their wire code: a service's ``MODELED_ERRORS``."""
    return {cls.code: cls for cls in classes}
