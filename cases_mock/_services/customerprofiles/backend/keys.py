"""Search keys: which values a profile is found by, and how values are compared.

A profile is found by its standard keys (``_phone``, ``_email``, ``_account``, ``_profileId``,
``_fullName``, from its standard fields: AG:standard-profile-definition), by the keys added with
AddProfileKey or stored by ingestion, and by the keys of its objects (``_caseId`` of its
``_case`` objects). Values are compared after normalising by content type (mock choices,
docs/behaviour.md#customer-profiles): PHONE_NUMBER by its digits, a leading country code 1
dropped from 11 digits; EMAIL_ADDRESS and NAME case-insensitively, NAME with runs of spaces
made one; STRING and NUMBER exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cases_mock._services.customerprofiles.backend.records import Domain, Profile

PHONE_FIELDS = ("PhoneNumber", "MobilePhoneNumber", "HomePhoneNumber", "BusinessPhoneNumber")
EMAIL_FIELDS = ("EmailAddress", "PersonalEmailAddress", "BusinessEmailAddress")
NAME_FIELDS = ("FirstName", "MiddleName", "LastName")
STANDARD_KEY_TYPES = {
    "_phone": "PHONE_NUMBER",
    "_email": "EMAIL_ADDRESS",
    "_fullName": "NAME",
    "_account": "STRING",
    "_profileId": "STRING",
}
_NOT_DIGIT = re.compile(r"\D")
_SPACES = re.compile(r"\s+")


def normalise(content_type: str, value: str) -> str:
    """``value`` as compared for a key of ``content_type``."""
    if content_type == "PHONE_NUMBER":
        digits = _NOT_DIGIT.sub("", value)
        return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits
    if content_type == "EMAIL_ADDRESS":
        return value.strip().lower()
    if content_type == "NAME":
        return _SPACES.sub(" ", value.strip()).lower()
    return value


def key_type(domain: Domain, key_name: str) -> str:
    """The content type values of ``key_name`` are compared by."""
    return STANDARD_KEY_TYPES.get(key_name) or domain.key_types.get(key_name, "STRING")


def standard_keys(profile: Profile) -> dict[str, list[str]]:
    """The standard keys of a profile, from its standard fields."""
    fields = profile.fields
    keys: dict[str, list[str]] = {"_profileId": [profile.profile_id]}
    phones = [fields[name] for name in PHONE_FIELDS if fields.get(name)]
    emails = [fields[name] for name in EMAIL_FIELDS if fields.get(name)]
    if phones:
        keys["_phone"] = phones
    if emails:
        keys["_email"] = emails
    if fields.get("AccountNumber"):
        keys["_account"] = [fields["AccountNumber"]]
    full_name = " ".join(fields[name] for name in NAME_FIELDS if fields.get(name))
    if full_name:
        keys["_fullName"] = [full_name]
    return keys


def profile_keys(domain: Domain, profile: Profile) -> dict[str, list[str]]:
    """Every key of ``profile``: standard, added or ingested, and those of its objects."""
    keys = standard_keys(profile)
    for name, values in profile.keys.items():
        keys.setdefault(name, []).extend(values)
    for obj in domain.objects.values():
        if obj.profile_id == profile.profile_id:
            for name, values in obj.index.items():
                keys.setdefault(name, []).extend(values)
    return keys


def matches(domain: Domain, key_name: str, have: Iterable[str], wanted: Iterable[str]) -> bool:
    """Whether any of ``wanted`` equals any of ``have`` for a key called ``key_name``."""
    content_type = key_type(domain, key_name)
    stored = {normalise(content_type, value) for value in have}
    return any(normalise(content_type, value) in stored for value in wanted)


def profiles_with(domain: Domain, key_name: str, values: Iterable[str]) -> list[Profile]:
    """The profiles a key value finds, in creation order."""
    wanted = list(values)
    return [
        profile
        for profile in sorted(domain.profiles.values(), key=lambda p: p.seq)
        if matches(domain, key_name, profile_keys(domain, profile).get(key_name, ()), wanted)
    ]
