"""CreateProfile, UpdateProfile, DeleteProfile, BatchGetProfile, AddProfileKey, DeleteProfileKey,
ListProfileAttributeValues."""

from __future__ import annotations

from cases_mock._services.customerprofiles.backend import profiles
from cases_mock._services.customerprofiles.backend.records import Profile
from cases_mock._services.customerprofiles.handlers import Call, Output, Params, handles

_NOT_FIELDS = ("DomainName", "ProfileId")


def profile_wire(profile: Profile) -> Output:
    return {"ProfileId": profile.profile_id, **profile.fields}


@handles("CreateProfile")
def create_profile(call: Call, params: Params) -> Output:
    fields = {k: v for k, v in params.items() if k not in _NOT_FIELDS}
    created = profiles.create_profile(
        call.backend, params["DomainName"], fields, performed_by=call.principal_arn
    )
    return {"ProfileId": created.profile_id}


@handles("UpdateProfile")
def update_profile(call: Call, params: Params) -> Output:
    changes = {k: v for k, v in params.items() if k not in _NOT_FIELDS}
    updated = profiles.update_profile(
        call.backend,
        params["DomainName"],
        params["ProfileId"],
        changes,
        performed_by=call.principal_arn,
    )
    return {"ProfileId": updated.profile_id}


@handles("DeleteProfile")
def delete_profile(call: Call, params: Params) -> Output:
    profiles.delete_profile(
        call.backend, params["DomainName"], params["ProfileId"], performed_by=call.principal_arn
    )
    return {"Message": "Deleted"}


@handles("BatchGetProfile")
def batch_get_profile(call: Call, params: Params) -> Output:
    found, missing = profiles.batch_get(call.backend, params["DomainName"], params["ProfileIds"])
    errors = [{"Code": "404", "Message": f"Profile {pid!r} not found", "ProfileId": pid} for pid in missing]
    return {"Profiles": [profile_wire(p) for p in found], "Errors": errors}


@handles("AddProfileKey")
def add_profile_key(call: Call, params: Params) -> Output:
    profiles.add_profile_key(
        call.backend,
        params["DomainName"],
        params["ProfileId"],
        params["KeyName"],
        list(params["Values"]),
        performed_by=call.principal_arn,
    )
    return {"KeyName": params["KeyName"], "Values": list(params["Values"])}


@handles("DeleteProfileKey")
def delete_profile_key(call: Call, params: Params) -> Output:
    profiles.delete_profile_key(
        call.backend,
        params["DomainName"],
        params["ProfileId"],
        params["KeyName"],
        list(params["Values"]),
        performed_by=call.principal_arn,
    )
    return {"Message": "Deleted"}


@handles("ListProfileAttributeValues")
def list_profile_attribute_values(call: Call, params: Params) -> Output:
    values = profiles.attribute_values(call.backend, params["DomainName"], params["AttributeName"])
    return {
        "DomainName": params["DomainName"],
        "AttributeName": params["AttributeName"],
        "Items": [{"Value": value} for value in values],
        "StatusCode": 200,
    }
