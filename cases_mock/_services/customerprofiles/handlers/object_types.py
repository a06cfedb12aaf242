"""PutProfileObjectType, GetProfileObjectType, DeleteProfileObjectType, ListProfileObjectTypes,
ListProfileObjectTypeTemplates, GetProfileObjectTypeTemplate."""

from __future__ import annotations

from typing import Any

from cases_mock._services.customerprofiles.backend import object_types
from cases_mock._services.customerprofiles.backend.pagination import paginate
from cases_mock._services.customerprofiles.backend.records import (
    FieldDef,
    KeyDef,
    ObjectType,
    ObjectTypeSpec,
)
from cases_mock._services.customerprofiles.backend.templates import TEMPLATES
from cases_mock._services.customerprofiles.errors import not_found
from cases_mock._services.customerprofiles.handlers import Call, Output, Params, handles

_SPEC_MEMBERS = ("Fields", "Keys", "AllowProfileCreation", "SourceLastUpdatedTimestampFormat")


def spec_of(params: Params) -> ObjectTypeSpec:
    fields = {
        name: FieldDef(f.get("Source", ""), f.get("Target"), f.get("ContentType", "STRING"))
        for name, f in (params.get("Fields") or {}).items()
    }
    keys = {
        name: [
            KeyDef(tuple(k.get("StandardIdentifiers", ())), tuple(k.get("FieldNames", ())))
            for k in definitions
        ]
        for name, definitions in (params.get("Keys") or {}).items()
    }
    return ObjectTypeSpec(
        allow_profile_creation=bool(params.get("AllowProfileCreation", False)),
        timestamp_format=params.get("SourceLastUpdatedTimestampFormat"),
        fields=fields,
        keys=keys,
    )


def spec_wire(spec: ObjectTypeSpec) -> Output:
    fields: dict[str, Any] = {}
    for name, f in spec.fields.items():
        fields[name] = {"Source": f.source, "ContentType": f.content_type}
        if f.target:
            fields[name]["Target"] = f.target
    keys = {
        name: [{"StandardIdentifiers": list(k.identifiers), "FieldNames": list(k.field_names)} for k in defs]
        for name, defs in spec.keys.items()
    }
    wire: Output = {"AllowProfileCreation": spec.allow_profile_creation, "Fields": fields, "Keys": keys}
    if spec.timestamp_format:
        wire["SourceLastUpdatedTimestampFormat"] = spec.timestamp_format
    return wire


def object_type_wire(kind: ObjectType) -> Output:
    return {
        "ObjectTypeName": kind.name,
        "Description": kind.description,
        "TemplateId": kind.template_id,
        "ExpirationDays": kind.expiration_days,
        "EncryptionKey": kind.encryption_key,
        "MaxProfileObjectCount": kind.max_profile_object_count,
        "SourcePriority": kind.source_priority,
        **spec_wire(kind.spec),
        "CreatedAt": kind.created_at,
        "LastUpdatedAt": kind.last_updated_at,
        "Tags": dict(kind.tags) or None,
    }


@handles("PutProfileObjectType")
def put_profile_object_type(call: Call, params: Params) -> Output:
    given = object_types.ObjectTypeInput(
        description=params["Description"],
        spec=spec_of(params),
        template_id=params.get("TemplateId"),
        expiration_days=params.get("ExpirationDays"),
        encryption_key=params.get("EncryptionKey"),
        max_profile_object_count=params.get("MaxProfileObjectCount"),
        source_priority=params.get("SourcePriority"),
        tags=dict(params.get("Tags") or {}),
        spec_given=any(member in params for member in _SPEC_MEMBERS),
    )
    kind = object_types.put_object_type(call.backend, params["DomainName"], params["ObjectTypeName"], given)
    return object_type_wire(kind)


@handles("GetProfileObjectType")
def get_profile_object_type(call: Call, params: Params) -> Output:
    domain = call.backend.domain(params["DomainName"])
    return object_type_wire(object_types.object_type(domain, params["ObjectTypeName"]))


@handles("DeleteProfileObjectType")
def delete_profile_object_type(call: Call, params: Params) -> Output:
    object_types.delete_object_type(call.backend, params["DomainName"], params["ObjectTypeName"])
    return {"Message": "Deleted"}


@handles("ListProfileObjectTypes")
def list_profile_object_types(call: Call, params: Params) -> Output:
    domain = call.backend.domain(params["DomainName"])
    page, token = paginate(
        params,
        object_types.list_object_types(domain),
        lambda t: t.name,
        operation="ListProfileObjectTypes",
        scope=domain.name,
    )
    items = [
        {
            "ObjectTypeName": t.name,
            "Description": t.description,
            "CreatedAt": t.created_at,
            "LastUpdatedAt": t.last_updated_at,
            "MaxProfileObjectCount": t.max_profile_object_count,
            "SourcePriority": t.source_priority,
            "Tags": dict(t.tags) or None,
        }
        for t in page
    ]
    return {"Items": items, "NextToken": token}


@handles("ListProfileObjectTypeTemplates")
def list_templates(call: Call, params: Params) -> Output:
    page, token = paginate(
        params,
        sorted(TEMPLATES.values(), key=lambda t: t.template_id),
        lambda t: t.template_id,
        operation="ListProfileObjectTypeTemplates",
        scope="",
    )
    items = [
        {"TemplateId": t.template_id, "SourceName": t.source_name, "SourceObject": t.source_object}
        for t in page
    ]
    return {"Items": items, "NextToken": token}


@handles("GetProfileObjectTypeTemplate")
def get_template(call: Call, params: Params) -> Output:
    template = TEMPLATES.get(params["TemplateId"])
    if template is None:
        raise not_found("Template", params["TemplateId"])
    return {
        "TemplateId": template.template_id,
        "SourceName": template.source_name,
        "SourceObject": template.source_object,
        **spec_wire(template.spec),
    }
