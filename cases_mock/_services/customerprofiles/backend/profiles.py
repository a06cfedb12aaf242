"""Standard profiles: create, update, delete, batch get, keys and attribute values.

A profile's fields are the standard profile's (the model's ``Profile`` shape, less ProfileId and
FoundByItems). UpdateProfile: an empty string removes a value, an absent member keeps it
(API:UpdateProfile); the same holds inside an address and for each Attributes entry (pages
silent on maps: mock choice, docs/behaviour.md#customer-profiles).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from cases_mock._services.customerprofiles.backend import history
from cases_mock._services.customerprofiles.backend.keys import STANDARD_KEY_TYPES
from cases_mock._services.customerprofiles.backend.records import Domain, Profile
from cases_mock._services.customerprofiles.backend.state import ProfilesBackend
from cases_mock._services.customerprofiles.errors import bad_request, not_found
from cases_mock._services.customerprofiles.ids import new_hex_id, profile_arn
from cases_mock._services.customerprofiles.model import service_model


@cache
def standard_fields() -> tuple[str, ...]:
    """The standard profile's field names, from the model's ``Profile`` shape."""
    members = service_model().shape_for("Profile").members
    return tuple(name for name in members if name not in ("ProfileId", "FoundByItems"))


def profile(domain: Domain, profile_id: str) -> Profile:
    """The profile ``profile_id`` of ``domain``; ResourceNotFoundException naming both if none."""
    found = domain.profiles.get(profile_id)
    if found is None:
        raise not_found("Profile", profile_id, f"domain {domain.name!r}")
    return found


def arn_of(backend: ProfilesBackend, domain: Domain, profile_id: str) -> str:
    """The profile's ARN, the form Connect Cases' ``customer_id`` takes."""
    return profile_arn(backend.region, backend.account, f"domains/{domain.name}/profiles/{profile_id}")


def new_profile(backend: ProfilesBackend, domain: Domain, fields: dict[str, Any]) -> Profile:
    """Stores a profile with ``fields`` (no history record: callers say why it was made)."""
    created = Profile(
        profile_id=new_hex_id(),
        seq=backend.next_seq(),
        created_at=backend.clock.now(),
        fields={name: value for name, value in fields.items() if value not in (None, "", {})},
    )
    domain.profiles[created.profile_id] = created
    return created


def create_profile(
    backend: ProfilesBackend, domain_name: str, fields: dict[str, Any], *, performed_by: str | None
) -> Profile:
    with backend.lock:
        domain = backend.domain(domain_name)
        created = new_profile(backend, domain, fields)
        history.record(
            backend, domain, created.profile_id, "CREATED", created.fields, performed_by=performed_by
        )
        return created


def _apply(current: dict[str, Any], changes: dict[str, Any]) -> None:
    for name, value in changes.items():
        if isinstance(value, dict) and name != "EngagementPreferences":
            merged = dict(current.get(name) or {})
            _apply(merged, value)
            if merged:
                current[name] = merged
            else:
                current.pop(name, None)
        elif value == "":
            current.pop(name, None)
        else:
            current[name] = value


def update_profile(
    backend: ProfilesBackend,
    domain_name: str,
    profile_id: str,
    changes: dict[str, Any],
    *,
    performed_by: str | None,
) -> Profile:
    with backend.lock:
        domain = backend.domain(domain_name)
        found = profile(domain, profile_id)
        _apply(found.fields, changes)
        history.record(backend, domain, profile_id, "UPDATED", found.fields, performed_by=performed_by)
        return found


def delete_profile(
    backend: ProfilesBackend, domain_name: str, profile_id: str, *, performed_by: str | None
) -> None:
    """Deletes the profile and all data pertaining to it (its keys and objects)."""
    with backend.lock:
        domain = backend.domain(domain_name)
        found = profile(domain, profile_id)
        remove_profile(domain, found.profile_id)
        history.record(
            backend, domain, profile_id, "DELETED_BY_CUSTOMER", found.fields, performed_by=performed_by
        )


def remove_profile(domain: Domain, profile_id: str) -> None:
    """Removes a profile and its objects from ``domain`` (no checks, no history)."""
    del domain.profiles[profile_id]
    for key in [k for k, obj in domain.objects.items() if obj.profile_id == profile_id]:
        del domain.objects[key]


def batch_get(
    backend: ProfilesBackend, domain_name: str, profile_ids: list[str]
) -> tuple[list[Profile], list[str]]:
    """The profiles found, in the order asked, and the ids of those that are not there."""
    domain = backend.domain(domain_name)
    found = [domain.profiles[pid] for pid in profile_ids if pid in domain.profiles]
    missing = [pid for pid in profile_ids if pid not in domain.profiles]
    return found, missing


def _check_key_name(key_name: str) -> None:
    if key_name in STANDARD_KEY_TYPES:
        raise bad_request(
            "KeyName",
            f"{key_name!r} is a standard key, set from the profile's fields; use UpdateProfile",
        )


def add_profile_key(
    backend: ProfilesBackend,
    domain_name: str,
    profile_id: str,
    key_name: str,
    values: list[str],
    *,
    performed_by: str | None,
) -> None:
    """Adds ``values`` to the profile's key ``key_name`` (a value already there is kept once)."""
    _check_key_name(key_name)
    with backend.lock:
        domain = backend.domain(domain_name)
        found = profile(domain, profile_id)
        stored = found.keys.setdefault(key_name, [])
        stored.extend(value for value in values if value not in stored)
        history.record(
            backend,
            domain,
            profile_id,
            "ADDED_PROFILE_KEY",
            {"KeyName": key_name, "Values": values},
            performed_by=performed_by,
        )


def delete_profile_key(
    backend: ProfilesBackend,
    domain_name: str,
    profile_id: str,
    key_name: str,
    values: list[str],
    *,
    performed_by: str | None,
) -> None:
    """Removes ``values`` from the key; BadRequestException naming a value the profile lacks."""
    _check_key_name(key_name)
    with backend.lock:
        domain = backend.domain(domain_name)
        found = profile(domain, profile_id)
        stored = found.keys.get(key_name, [])
        missing = [value for value in values if value not in stored]
        if missing:
            raise bad_request(
                "Values", f"profile {profile_id!r} has no key {key_name!r} with value {missing[0]!r}"
            )
        kept = [value for value in stored if value not in values]
        if kept:
            found.keys[key_name] = kept
        else:
            found.keys.pop(key_name, None)
        history.record(
            backend,
            domain,
            profile_id,
            "DELETED_PROFILE_KEY",
            {"KeyName": key_name, "Values": values},
            performed_by=performed_by,
        )


def attribute_values(backend: ProfilesBackend, domain_name: str, attribute: str) -> list[str]:
    """The distinct values of a standard field across the domain's profiles, sorted.

    ``attribute`` is a standard field (``FirstName``), a member of an address
    (``Address.City``) or an Attributes entry (``Attributes.tier``); anything else is a
    BadRequestException naming it (which names are valid is undocumented: mock choice).
    """
    domain = backend.domain(domain_name)
    head, _, rest = attribute.partition(".")
    if head not in standard_fields():
        raise bad_request("AttributeName", f"{attribute!r} is not a field of the standard profile")
    values: set[str] = set()
    for found in domain.profiles.values():
        value: Any = found.fields.get(head)
        if rest:
            value = value.get(rest) if isinstance(value, dict) else None
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            values.add(str(value))
    return sorted(values)
