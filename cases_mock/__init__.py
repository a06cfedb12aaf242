"""cases_mock: an in-memory mock of the AWS Amazon Connect Cases API (boto3 ``connectcases``),
and beside it Amazon Connect Customer Profiles (``customer-profiles``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cases_mock._interception.configured_endpoint import ConfiguredEndpointWarning
from cases_mock._services.connectcases.errors import CasesError
from cases_mock.mock import CasesMock, MockNotActiveError, mock_connectcases

if TYPE_CHECKING:
    from cases_mock.client_types import AsyncCasesClient, AsyncProfilesClient, CasesClient, ProfilesClient

_CLIENT_TYPES = ("AsyncCasesClient", "AsyncProfilesClient", "CasesClient", "ProfilesClient")

__all__ = [
    "AsyncCasesClient",
    "AsyncProfilesClient",
    "CasesClient",
    "CasesError",
    "CasesMock",
    "ConfiguredEndpointWarning",
    "MockNotActiveError",
    "ProfilesClient",
    "mock_connectcases",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """The client types (``client_types.py``, for annotations) load on first use, not with the package."""
    if name in _CLIENT_TYPES:
        from cases_mock import client_types

        return getattr(client_types, name)
    raise AttributeError(f"module 'cases_mock' has no attribute {name!r}")
