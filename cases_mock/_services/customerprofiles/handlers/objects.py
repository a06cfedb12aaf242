"""PutProfileObject, DeleteProfileObject, ListProfileObjects."""

from __future__ import annotations

import json

from cases_mock._services.customerprofiles.backend import objects
from cases_mock._services.customerprofiles.backend.pagination import paginate
from cases_mock._services.customerprofiles.handlers import Call, Output, Params, handles


@handles("PutProfileObject")
def put_profile_object(call: Call, params: Params) -> Output:
    key = objects.put_profile_object(
        call.backend,
        params["DomainName"],
        params["ObjectTypeName"],
        params["Object"],
        performed_by=call.principal_arn,
    )
    return {"ProfileObjectUniqueKey": key}


@handles("DeleteProfileObject")
def delete_profile_object(call: Call, params: Params) -> Output:
    objects.delete_profile_object(
        call.backend,
        params["DomainName"],
        params["ProfileId"],
        params["ProfileObjectUniqueKey"],
        params["ObjectTypeName"],
    )
    return {"Message": "Deleted"}


@handles("ListProfileObjects")
def list_profile_objects(call: Call, params: Params) -> Output:
    given = params.get("ObjectFilter")
    key_filter = (given["KeyName"], list(given["Values"])) if given else None
    found = objects.list_profile_objects(
        call.backend, params["DomainName"], params["ProfileId"], params["ObjectTypeName"], key_filter
    )
    page, token = paginate(
        params,
        found,
        lambda o: o.seq,
        operation="ListProfileObjects",
        scope=repr([params["DomainName"], params["ProfileId"], params["ObjectTypeName"], key_filter]),
    )
    items = [
        {
            "ObjectTypeName": o.object_type,
            "ProfileObjectUniqueKey": o.unique_key,
            "Object": json.dumps(o.content),
        }
        for o in page
    ]
    return {"Items": items, "NextToken": token}
