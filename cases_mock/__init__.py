"""cases_mock: an in-memory mock of the AWS Amazon Connect Cases API (boto3 ``connectcases``),
and beside it Amazon Connect Customer Profiles (``customer-profiles``)."""

from __future__ import annotations

from cases_mock._interception.configured_endpoint import ConfiguredEndpointWarning
from cases_mock._services.connectcases.errors import CasesError
from cases_mock.client_types import AsyncCasesClient, AsyncProfilesClient, CasesClient, ProfilesClient
from cases_mock.mock import CasesMock, MockNotActiveError, mock_connectcases

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
