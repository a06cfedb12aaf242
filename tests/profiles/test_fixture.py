"""The ``profiles_client`` fixture is a customer-profiles client on the ``cases_mock`` fixture."""

from __future__ import annotations

from typing import Any


def test_profiles_client_shares_the_cases_mock(cases_mock: Any, profiles_client: Any) -> None:
    profiles_client.create_domain(DomainName="shop", DefaultExpirationDays=1)
    assert [call.operation for call in cases_mock.calls] == ["CreateDomain"]
    assert profiles_client.meta.region_name == cases_mock.region
