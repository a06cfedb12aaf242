"""MergeProfiles (API:MergeProfiles): keys and objects of the merged profiles move to the main
one; standard fields are unioned, the main profile's value winning a conflict unless
FieldSourceProfileIds names the profile to take it from (even an empty value); the merged
profiles are then deleted. Synchronous in the mock. History: MERGED on the main profile,
DELETED_BY_MERGE on each merged one."""

from __future__ import annotations

from typing import Any

from cases_mock._services.customerprofiles.backend import history
from cases_mock._services.customerprofiles.backend.profiles import profile
from cases_mock._services.customerprofiles.backend.state import ProfilesBackend
from cases_mock._services.customerprofiles.errors import bad_request


def _check_sources(field_sources: dict[str, Any], allowed: set[str]) -> None:
    for field, source in field_sources.items():
        sources = source.values() if isinstance(source, dict) else [source]
        for profile_id in sources:
            if profile_id not in allowed:
                raise bad_request(
                    f"FieldSourceProfileIds.{field}",
                    f"{profile_id!r} is neither the main profile nor one being merged",
                )


def merge_profiles(
    backend: ProfilesBackend,
    domain_name: str,
    main_id: str,
    merged_ids: list[str],
    field_sources: dict[str, Any],
    *,
    performed_by: str | None,
) -> None:
    """``field_sources``: standard field name -> profile id, and ``Attributes`` -> {key: id}."""
    with backend.lock:
        domain = backend.domain(domain_name)
        main = profile(domain, main_id)
        if main_id in merged_ids:
            raise bad_request("ProfileIdsToBeMerged", f"holds the main profile {main_id!r}")
        merged = [profile(domain, pid) for pid in dict.fromkeys(merged_ids)]
        by_id = {p.profile_id: p for p in [main, *merged]}
        _check_sources(field_sources, set(by_id))
        fields = dict(main.fields)
        attributes = dict(main.fields.get("Attributes") or {})
        for other in merged:
            for name, value in other.fields.items():
                if name == "Attributes":
                    for key, item in value.items():
                        attributes.setdefault(key, item)
                else:
                    fields.setdefault(name, value)
        for name, source in field_sources.items():
            if name == "Attributes":
                for key, pid in source.items():
                    item = (by_id[pid].fields.get("Attributes") or {}).get(key)
                    if item is None:
                        attributes.pop(key, None)
                    else:
                        attributes[key] = item
            elif by_id[source].fields.get(name) is None:
                fields.pop(name, None)
            else:
                fields[name] = by_id[source].fields[name]
        if attributes:
            fields["Attributes"] = attributes
        else:
            fields.pop("Attributes", None)
        main.fields = fields
        for other in merged:
            for key, values in other.keys.items():
                stored = main.keys.setdefault(key, [])
                stored.extend(v for v in values if v not in stored)
            for obj in domain.objects.values():
                if obj.profile_id == other.profile_id:
                    obj.profile_id = main_id
            del domain.profiles[other.profile_id]
            history.record(
                backend,
                domain,
                other.profile_id,
                "DELETED_BY_MERGE",
                {"MainProfileId": main_id},
                performed_by=performed_by,
            )
        history.record(
            backend,
            domain,
            main_id,
            "MERGED",
            {"ProfileIdsMerged": [p.profile_id for p in merged]},
            performed_by=performed_by,
        )
