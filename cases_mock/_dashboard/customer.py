"""A case's customer on the dashboard: the Customer Profiles profile its ``customer_id`` ARN names,
read through the engine's ``invoke`` (SearchProfiles by ``_profileId``, unrecorded) from the
case's own account and region, or why there is none (docs/server.md#dashboard)."""

from __future__ import annotations

from typing import Any

from cases_mock._dashboard.reads import Reader
from cases_mock._protocol.errors import CasesError
from cases_mock._services import registry
from cases_mock._services.customerprofiles.ids import parse_profile_arn
from cases_mock._services.customerprofiles.model import SERVICE_NAME as PROFILES


def _none(arn: str | None, reason: str) -> dict[str, Any]:
    return {"found": False, "arn": arn, "reason": reason}


def customer(reader: Reader, arn: str | None) -> dict[str, Any]:
    """``found``, the ARN and the profile's id, domain, name, phone, e-mail and account number;
    or ``found: False`` with the ``reason`` there is no profile to show."""
    if not arn:
        return _none(None, "The case has no customer_id.")
    ref = parse_profile_arn(arn)
    if ref is None:
        return _none(arn, "The customer_id is not a Customer Profiles profile ARN.")
    account, region = reader.backend.account, reader.backend.region
    if (ref.account, ref.region) != (account, region):
        return _none(arn, f"The profile is in account {ref.account}, region {ref.region}, not the case's.")
    store = reader.engine.stores.get(PROFILES)
    if registry.by_name(PROFILES) is None or store is None:
        return _none(arn, "Customer Profiles is not mocked here.")
    if store.get(account, region) is None:  # a read must not make an empty backend
        return _none(
            arn, f"No Customer Profiles domain {ref.domain_name!r} in account {account}, region {region}."
        )
    search = {"DomainName": ref.domain_name, "KeyName": "_profileId", "Values": [ref.profile_id]}
    try:
        items = reader.read("SearchProfiles", search, PROFILES).get("Items") or []
    except CasesError as error:
        return _none(arn, error.message)
    if not items:
        return _none(arn, f"No profile {ref.profile_id} in Customer Profiles domain {ref.domain_name!r}.")
    profile = items[0]
    names = (profile.get(part) for part in ("FirstName", "MiddleName", "LastName"))
    return {
        "found": True,
        "arn": arn,
        "profileId": profile["ProfileId"],
        "domain": ref.domain_name,
        "name": " ".join(name for name in names if name) or profile.get("BusinessName"),
        "phone": profile.get("PhoneNumber")
        or profile.get("MobilePhoneNumber")
        or profile.get("HomePhoneNumber"),
        "email": profile.get("EmailAddress") or profile.get("PersonalEmailAddress"),
        "accountNumber": profile.get("AccountNumber"),
    }
