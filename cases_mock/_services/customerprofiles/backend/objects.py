"""Profile objects: PutProfileObject's ingestion and matching, DeleteProfileObject, and
ListProfileObjects with its ObjectFilter (AG:how-object-type-mapping-works, AG:profile-matching).

Ingestion: each field's value is read from the object at its ``_source.<path>``; a key's value is
its fields' values joined by a space. The UNIQUE key names the object (the same value replaces
it, keeping its ProfileObjectUniqueKey). PROFILE keys without SECONDARY are tried first, then
SECONDARY ones; a key finding exactly one profile attaches the object; none found creates an
inferred profile when the type allows it, else BadRequestException (the service's dead-letter
queue is not simulated). The object's keys other than LOOKUP_ONLY (and NEW_ONLY on an existing
profile) find the profile in SearchProfiles while the object exists. ``_profile.`` targets fill
standard fields the profile does not have yet; ``_case.``/``_asset.``/``_order.`` targets
accumulate into that standard object, named by the key carrying its identifier.
"""

from __future__ import annotations

import json
from typing import Any

from cases_mock._services.customerprofiles.backend import history
from cases_mock._services.customerprofiles.backend.keys import key_type, normalise, profiles_with
from cases_mock._services.customerprofiles.backend.object_types import STANDARD_OBJECTS, object_type
from cases_mock._services.customerprofiles.backend.profiles import new_profile, profile
from cases_mock._services.customerprofiles.backend.records import (
    Domain,
    ObjectType,
    Profile,
    ProfileObject,
)
from cases_mock._services.customerprofiles.backend.state import ProfilesBackend
from cases_mock._services.customerprofiles.errors import bad_request, not_found
from cases_mock._services.customerprofiles.ids import new_hex_id

# The index key of each standard object's id (AG:standard-objects).
STANDARD_ID_KEYS = {
    "_case": ("CaseId", "_caseId"),
    "_asset": ("AssetId", "_assetId"),
    "_order": ("OrderId", "_orderId"),
}


def _read(document: Any, source: str) -> str | None:
    value = document
    for part in source.removeprefix("_source.").split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return text or None


def _key_values(kind: ObjectType, values: dict[str, str | None]) -> dict[str, tuple[str | None, set[str]]]:
    """Key name -> (its value or None, the identifiers of its definitions)."""
    keys: dict[str, tuple[str | None, set[str]]] = {}
    for name, definitions in kind.spec.keys.items():
        value: str | None = None
        identifiers: set[str] = set()
        for definition in definitions:
            identifiers.update(definition.identifiers)
            parts = [values[f] for f in definition.field_names if values.get(f)]
            value = value or (" ".join(p for p in parts if p) or None)
        keys[name] = (value, identifiers)
    return keys


def _match(domain: Domain, keys: dict[str, tuple[str | None, set[str]]]) -> Profile | None:
    profile_keys = [(n, v, ids) for n, (v, ids) in keys.items() if v and "PROFILE" in ids]
    ordered = [k for k in profile_keys if "SECONDARY" not in k[2]] + [
        k for k in profile_keys if "SECONDARY" in k[2]
    ]
    for name, value, _ in ordered:
        if name == "_profileId":
            found = domain.profiles.get(value or "")
            candidates = [found] if found else []
        else:
            candidates = profiles_with(domain, name, [value or ""])
        if len(candidates) == 1:
            return candidates[0]
    return None


def _targets(kind: ObjectType, values: dict[str, str | None]) -> dict[str, dict[str, Any]]:
    """Standard object -> {field path: value} from the type's targets."""
    found: dict[str, dict[str, Any]] = {}
    for name, definition in kind.spec.fields.items():
        value = values.get(name)
        if definition.target and value:
            head, _, path = definition.target.partition(".")
            found.setdefault(head, {})[path] = value
    return found


def _fill_profile(target: Profile, fields: dict[str, Any]) -> None:
    for path, value in fields.items():
        head, _, rest = path.partition(".")
        if rest:
            container = target.fields.setdefault(head, {})
            container.setdefault(rest, value)
        else:
            target.fields.setdefault(head, value)


def put_profile_object(
    backend: ProfilesBackend, domain_name: str, type_name: str, text: str, *, performed_by: str | None
) -> str:
    """Ingests one object; returns its ProfileObjectUniqueKey."""
    if type_name.startswith("_"):
        raise bad_request(
            "ObjectTypeName",
            f"{type_name!r} is a standard object type; put objects of a type that targets it",
        )
    try:
        document = json.loads(text)
    except ValueError:
        raise bad_request("Object", "is not valid JSON") from None
    if not isinstance(document, dict):
        raise bad_request("Object", "is not a JSON object")
    with backend.lock:
        domain = backend.domain(domain_name)
        kind = object_type(domain, type_name)
        values = {name: _read(document, d.source) for name, d in kind.spec.fields.items()}
        keys = _key_values(kind, values)
        unique = next((v for v, ids in keys.values() if "UNIQUE" in ids), None)
        if unique is None:
            raise bad_request("Object", f"every field of the UNIQUE key of {type_name!r} is empty")
        previous = next(
            (o for o in domain.objects.values() if o.object_type == type_name and o.identity == unique), None
        )
        owner = _match(domain, keys) or (domain.profiles.get(previous.profile_id) if previous else None)
        created = owner is None
        if owner is None:
            if not kind.spec.allow_profile_creation:
                raise bad_request(
                    "Object",
                    f"matches no profile of domain {domain_name!r}, and {type_name!r} "
                    "does not allow profile creation",
                )
            inferred = {
                ("EmailAddress" if d.content_type == "EMAIL_ADDRESS" else "PhoneNumber"): values[n]
                for n, d in kind.spec.fields.items()
                if d.content_type in ("EMAIL_ADDRESS", "PHONE_NUMBER") and values.get(n)
            }
            owner = new_profile(backend, domain, inferred)
            history.record(
                backend, domain, owner.profile_id, "CREATED", owner.fields, performed_by=performed_by
            )
        index = {
            name: [value]
            for name, (value, ids) in keys.items()
            if value and "LOOKUP_ONLY" not in ids and (created or "NEW_ONLY" not in ids)
        }
        stored = ProfileObject(
            unique_key=previous.unique_key if previous else new_hex_id(),
            object_type=type_name,
            profile_id=owner.profile_id,
            seq=previous.seq if previous else backend.next_seq(),
            content=document,
            index=index,
            identity=unique,
        )
        domain.objects[stored.unique_key] = stored
        for standard, fields in _targets(kind, values).items():
            if standard == "_profile":
                _fill_profile(owner, fields)
            else:
                _accumulate(backend, domain, owner, standard, keys, fields)
        history.record(
            backend,
            domain,
            owner.profile_id,
            "INGESTED",
            document,
            performed_by=performed_by,
            object_type=type_name,
            unique_key=stored.unique_key,
        )
        return stored.unique_key


def _accumulate(
    backend: ProfilesBackend,
    domain: Domain,
    owner: Profile,
    standard: str,
    keys: dict[str, tuple[str | None, set[str]]],
    fields: dict[str, Any],
) -> None:
    identifier = STANDARD_OBJECTS[standard]
    lookup = next((v for v, ids in keys.values() if v and identifier in ids), None)
    if lookup is None:
        return
    identity = f"{identifier}:{lookup}"
    existing = next(
        (o for o in domain.objects.values() if o.object_type == standard and o.identity == identity), None
    )
    id_field, id_key = STANDARD_ID_KEYS[standard]
    if existing is None:
        standard_id = new_hex_id()
        existing = ProfileObject(
            unique_key=new_hex_id(),
            object_type=standard,
            profile_id=owner.profile_id,
            seq=backend.next_seq(),
            content={id_field: standard_id},
            index={id_key: [standard_id]},
            identity=identity,
        )
        domain.objects[existing.unique_key] = existing
    for path, value in fields.items():
        head, _, rest = path.partition(".")
        if rest:
            existing.content.setdefault(head, {})[rest] = value
        else:
            existing.content[head] = value


def delete_profile_object(
    backend: ProfilesBackend, domain_name: str, profile_id: str, unique_key: str, type_name: str
) -> None:
    with backend.lock:
        domain = backend.domain(domain_name)
        profile(domain, profile_id)
        found = domain.objects.get(unique_key)
        if found is None or found.profile_id != profile_id or found.object_type != type_name:
            raise not_found(
                "Profile object", unique_key, f"profile {profile_id!r}, object type {type_name!r}"
            )
        del domain.objects[unique_key]


def list_profile_objects(
    backend: ProfilesBackend,
    domain_name: str,
    profile_id: str,
    type_name: str,
    key_filter: tuple[str, list[str]] | None,
) -> list[ProfileObject]:
    """The profile's objects of ``type_name`` (standard ``_case`` and the like included), oldest
    first, kept to those having any of the filter's values for its key."""
    domain = backend.domain(domain_name)
    profile(domain, profile_id)
    if type_name not in STANDARD_OBJECTS:
        object_type(domain, type_name)
    found = [o for o in domain.objects.values() if o.profile_id == profile_id and o.object_type == type_name]
    if key_filter is not None:
        name, wanted = key_filter
        content_type = key_type(domain, name)
        normalised = {normalise(content_type, v) for v in wanted}
        found = [
            o for o in found if any(normalise(content_type, v) in normalised for v in o.index.get(name, ()))
        ]
    return sorted(found, key=lambda o: o.seq)
