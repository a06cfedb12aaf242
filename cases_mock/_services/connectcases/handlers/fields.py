"""CreateField, UpdateField, DeleteField, BatchGetField, ListFields, BatchPutFieldOptions,
ListFieldOptions."""

from __future__ import annotations

from typing import Any

from cases_mock._services.connectcases.backend.configuration import FIELDS
from cases_mock._services.connectcases.backend.pagination import paginate
from cases_mock._services.connectcases.backend.records import Field
from cases_mock._services.connectcases.backend.settings_records import FieldAttributes
from cases_mock._services.connectcases.handlers import Call, Output, Params, handles
from cases_mock._services.connectcases.handlers.configuration import batch_got, created, listed, named
from cases_mock._services.connectcases.wire_forms import field_attributes, field_attributes_wire, present


def _attributes(params: Params) -> FieldAttributes | None:
    given = params.get("attributes")
    return field_attributes(given) if given is not None else None


def _summary(field: Field) -> dict[str, Any]:
    attributes = field.attributes
    return {
        **named(FIELDS, field),
        "type": field.type,
        "namespace": field.namespace,
        **present(attributes=None if attributes is None else field_attributes_wire(attributes)),
    }


def _detail(field: Field) -> dict[str, Any]:
    return {
        **_summary(field),
        "tags": dict(field.tags),
        "deleted": field.deleted,
        "createdTime": field.created_time,
        "lastModifiedTime": field.last_modified_time,
        **present(description=field.description),
    }


@handles("CreateField")
def create_field(call: Call, params: Params) -> Output:
    field = call.backend.fields.create(
        params["domainId"],
        params["name"],
        params["type"],
        description=params.get("description"),
        attributes=_attributes(params),
    )
    return created(FIELDS, field)


@handles("UpdateField")
def update_field(call: Call, params: Params) -> Output:
    call.backend.fields.update(
        params["domainId"],
        params["fieldId"],
        name=params.get("name"),
        description=params.get("description"),
        attributes=_attributes(params),
    )
    return {}


@handles("DeleteField")
def delete_field(call: Call, params: Params) -> Output:
    call.backend.fields.delete(params["domainId"], params["fieldId"])
    return {}


@handles("BatchGetField")
def batch_get_field(call: Call, params: Params) -> Output:
    return batch_got(call.backend.fields, params, "fields", _detail)


@handles("ListFields")
def list_fields(call: Call, params: Params) -> Output:
    return listed(call, params, call.backend.fields.live(params["domainId"]), "fields", _summary)


@handles("BatchPutFieldOptions")
def batch_put_field_options(call: Call, params: Params) -> Output:
    errors = call.backend.fields.put_options(params["domainId"], params["fieldId"], params["options"])
    return {"errors": [{"message": e.message, "errorCode": e.code, "value": e.value} for e in errors]}


@handles("ListFieldOptions")
def list_field_options(call: Call, params: Params) -> Output:
    domain_id, field_id = params["domainId"], params["fieldId"]
    values = params.get("values")
    pairs = call.backend.fields.list_options(domain_id, field_id, values)
    page, token = paginate(
        params,
        pairs,
        lambda pair: pair[0],
        operation="ListFieldOptions",
        scope=f"{call.account}/{domain_id}/{field_id}/{','.join(values or [])}",
    )
    return {
        "options": [{"name": o.name, "value": o.value, "active": o.active} for _, o in page],
        "nextToken": token,
    }
