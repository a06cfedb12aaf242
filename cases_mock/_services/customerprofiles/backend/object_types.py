"""Object types (PutProfileObjectType and friends) and the mapping rules checked on them.

Rules from the Administrator Guide, each a BadRequestException naming the member
(docs/behaviour.md#customer-profiles): a name may not start with ``_`` (standard object types);
with a TemplateId, no Fields, Keys, AllowProfileCreation or SourceLastUpdatedTimestampFormat;
otherwise exactly one UNIQUE key and at least one PROFILE key, at most 10 keys, each naming
fields of the type; UNIQUE not with LOOKUP_ONLY or NEW_ONLY; ``_profileId``, ``_caseId``,
``_orderId`` and ``_assetId`` LOOKUP_ONLY; an underscore key name one the domain predefines;
``Tags``/``tags`` neither a key nor a field; a key's content type the same as the domain's;
targets a standard field that is not a system id. Sources are ``_source.<path>`` (the mock
evaluates no Handlebars). An object type named like a template is usable without being put
(an implicit type); it is listed once the domain holds objects of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cases_mock._services.customerprofiles.backend.keys import STANDARD_KEY_TYPES
from cases_mock._services.customerprofiles.backend.records import Domain, ObjectType, ObjectTypeSpec
from cases_mock._services.customerprofiles.backend.state import ProfilesBackend
from cases_mock._services.customerprofiles.backend.templates import TEMPLATES
from cases_mock._services.customerprofiles.errors import bad_request, not_found
from cases_mock._services.customerprofiles.ids import profile_arn

KEYS_PER_OBJECT_TYPE = 10
# Standard object types and the identifier a key must carry to fill each (AG:standard-objects).
STANDARD_OBJECTS = {"_profile": "PROFILE", "_case": "CASE", "_asset": "ASSET", "_order": "ORDER"}
SYSTEM_IDS = {"_profile.ProfileId", "_case.CaseId", "_asset.AssetId", "_order.OrderId"}
LOOKUP_ONLY_KEYS = {"_profileId", "_caseId", "_orderId", "_assetId"}
# The predefined key names of SearchProfiles' KeyName documentation (API:SearchProfiles).
PREDEFINED_KEYS = {
    *STANDARD_KEY_TYPES,
    *LOOKUP_ONLY_KEYS,
    "_ctrContactId",
    "_marketoLeadId",
    "_salesforceAccountId",
    "_salesforceContactId",
    "_salesforceAssetId",
    "_zendeskUserId",
    "_zendeskExternalId",
    "_zendeskTicketId",
    "_serviceNowSystemId",
    "_serviceNowIncidentId",
    "_segmentUserId",
    "_shopifyCustomerId",
    "_shopifyOrderId",
}
_RESERVED_NAMES = {"Tags", "tags"}


@dataclass(slots=True)
class ObjectTypeInput:
    """PutProfileObjectType's members, as plain values."""

    description: str
    spec: ObjectTypeSpec
    template_id: str | None = None
    expiration_days: int | None = None
    encryption_key: str | None = None
    max_profile_object_count: int | None = None
    source_priority: int | None = None
    tags: dict[str, str] = field(default_factory=dict)
    spec_given: bool = False  # whether Fields, Keys, AllowProfileCreation or a format came


def _check_spec(domain: Domain, spec: ObjectTypeSpec) -> dict[str, str]:
    """Checks the mapping rules; returns the content types of the keys it defines."""
    for name, field_def in spec.fields.items():
        where = f"Fields.{name}"
        if name in _RESERVED_NAMES:
            raise bad_request(where, "Tags and tags can't be field names")
        if not field_def.source.startswith("_source."):
            raise bad_request(f"{where}.Source", "cases_mock reads only _source.<path> sources")
        target = field_def.target
        if target:
            head = target.split(".", 1)[0]
            if head not in STANDARD_OBJECTS or "." not in target:
                raise bad_request(f"{where}.Target", f"{target!r} is not a standard object field")
            if target in SYSTEM_IDS:
                raise bad_request(f"{where}.Target", f"{target} is assigned by Customer Profiles")
    if len(spec.keys) > KEYS_PER_OBJECT_TYPE:
        raise bad_request("Keys", f"at most {KEYS_PER_OBJECT_TYPE} keys per object type")
    unique = [name for name, defs in spec.keys.items() if any("UNIQUE" in d.identifiers for d in defs)]
    if len(unique) != 1:
        raise bad_request("Keys", f"exactly one key must be UNIQUE, found {len(unique)}")
    if not any("PROFILE" in d.identifiers for defs in spec.keys.values() for d in defs):
        raise bad_request("Keys", "at least one key must carry the PROFILE identifier")
    content_types: dict[str, str] = {}
    for name, definitions in spec.keys.items():
        where = f"Keys.{name}"
        if name in _RESERVED_NAMES:
            raise bad_request(where, "Tags and tags can't be key names")
        if name.startswith("_") and name not in PREDEFINED_KEYS:
            raise bad_request(where, f"{name!r} is not a key the domain defines")
        for definition in definitions:
            ids = set(definition.identifiers)
            if "UNIQUE" in ids and ids & {"LOOKUP_ONLY", "NEW_ONLY"}:
                raise bad_request(where, "UNIQUE can't be combined with LOOKUP_ONLY or NEW_ONLY")
            if name in LOOKUP_ONLY_KEYS and "LOOKUP_ONLY" not in ids:
                raise bad_request(where, f"{name} must be declared LOOKUP_ONLY")
            if not definition.field_names:
                raise bad_request(where, "a key must reference at least one field")
            for field_name in definition.field_names:
                if field_name not in spec.fields:
                    raise bad_request(where, f"field {field_name!r} is not defined in Fields")
            first = spec.fields[definition.field_names[0]].content_type
            known = STANDARD_KEY_TYPES.get(name) or domain.key_types.get(name)
            if known is not None and known != first:
                raise bad_request(where, f"the domain's {name} key is {known}, not {first}")
            content_types[name] = first
    return content_types


def put_object_type(
    backend: ProfilesBackend, domain_name: str, name: str, given: ObjectTypeInput
) -> ObjectType:
    """Creates or replaces the object type ``name`` (created-at kept on a replace)."""
    if name.startswith("_"):
        raise bad_request("ObjectTypeName", f"{name!r}: names starting with _ are standard object types")
    with backend.lock:
        domain = backend.domain(domain_name)
        spec = given.spec
        if given.template_id is not None:
            template = TEMPLATES.get(given.template_id)
            if template is None:
                raise bad_request("TemplateId", f"no template {given.template_id!r}")
            if given.spec_given:
                raise bad_request(
                    "TemplateId",
                    "with a template, Fields, Keys, AllowProfileCreation and "
                    "SourceLastUpdatedTimestampFormat come from it and can't be given",
                )
            spec = template.spec
        content_types = _check_spec(domain, spec)
        now = backend.clock.now()
        previous = domain.object_types.get(name)
        object_type = ObjectType(
            name=name,
            arn=profile_arn(backend.region, backend.account, f"domains/{domain_name}/object-types/{name}"),
            description=given.description,
            created_at=previous.created_at if previous else now,
            last_updated_at=now,
            spec=spec,
            template_id=given.template_id,
            expiration_days=given.expiration_days,
            encryption_key=given.encryption_key,
            max_profile_object_count=given.max_profile_object_count,
            source_priority=given.source_priority,
            tags=dict(given.tags) if given.tags or previous is None else previous.tags,
        )
        domain.object_types[name] = object_type
        domain.key_types.update({k: v for k, v in content_types.items() if k not in STANDARD_KEY_TYPES})
        return object_type


def implicit_type(domain: Domain, name: str) -> ObjectType | None:
    """The implicit object type of a template called ``name``, or None if there is no template."""
    template = TEMPLATES.get(name)
    if template is None:
        return None
    return ObjectType(
        name=name,
        arn=domain.arn + f"/object-types/{name}",
        description=f"{template.source_name} {template.source_object} (template {name})",
        created_at=domain.created_at,
        last_updated_at=domain.created_at,
        spec=template.spec,
        template_id=name,
    )


def object_type(domain: Domain, name: str) -> ObjectType:
    """The explicit or implicit object type ``name``; ResourceNotFoundException if neither."""
    found = domain.object_types.get(name) or implicit_type(domain, name)
    if found is None:
        raise not_found("Object type", name, f"domain {domain.name!r}")
    return found


def list_object_types(domain: Domain) -> list[ObjectType]:
    """The explicit types, and the implicit ones the domain holds objects of, by name."""
    types = dict(domain.object_types)
    for obj in domain.objects.values():
        if obj.object_type not in types:
            implicit = implicit_type(domain, obj.object_type)
            if implicit is not None:
                types[obj.object_type] = implicit
    return [types[name] for name in sorted(types)]


def delete_object_type(backend: ProfilesBackend, domain_name: str, name: str) -> None:
    """Deletes an explicit object type and every object of it."""
    with backend.lock:
        domain = backend.domain(domain_name)
        if name not in domain.object_types:
            raise not_found("Object type", name, f"domain {domain_name!r}")
        del domain.object_types[name]
        for key in [k for k, obj in domain.objects.items() if obj.object_type == name]:
            del domain.objects[key]
