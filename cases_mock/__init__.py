"""cases_mock: an in-memory mock of the AWS Amazon Connect Cases API (boto3 ``connectcases``)."""

from __future__ import annotations

from .client_types import AsyncCasesClient, CasesClient
from .configured_endpoint import ConfiguredEndpointWarning
from .errors import CasesError
from .mock import CasesMock, MockNotActiveError, mock_connectcases

__all__ = [
    "AsyncCasesClient",
    "CasesClient",
    "CasesError",
    "CasesMock",
    "ConfiguredEndpointWarning",
    "MockNotActiveError",
    "mock_connectcases",
]
__version__ = "0.1.0"
