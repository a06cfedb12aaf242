"""SearchProfiles: up to five keys, each true when the profile has any of its values, joined by
AND or OR (the default), per API:SearchProfiles. Results are in creation order (pages silent:
mock choice); a key no profile has finds nothing (200 with no items, as clients expect)."""

from __future__ import annotations

from dataclasses import dataclass

from cases_mock._services.customerprofiles.backend.keys import matches, profile_keys
from cases_mock._services.customerprofiles.backend.records import Profile
from cases_mock._services.customerprofiles.backend.state import ProfilesBackend


@dataclass(frozen=True, slots=True)
class SearchKey:
    name: str
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Found:
    """A profile found, and the keys (with their values asked for) that found it."""

    profile: Profile
    found_by: tuple[SearchKey, ...]


def search_profiles(
    backend: ProfilesBackend, domain_name: str, keys: list[SearchKey], logical_operator: str = "OR"
) -> list[Found]:
    domain = backend.domain(domain_name)
    results: list[Found] = []
    for profile in sorted(domain.profiles.values(), key=lambda p: p.seq):
        have = profile_keys(domain, profile)
        true_keys = tuple(
            key for key in keys if matches(domain, key.name, have.get(key.name, ()), key.values)
        )
        wanted_all = logical_operator == "AND"
        if (wanted_all and len(true_keys) == len(keys)) or (not wanted_all and true_keys):
            results.append(Found(profile, true_keys))
    return results
