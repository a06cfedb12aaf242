"""TagResource, UntagResource, ListTagsForResource."""

from __future__ import annotations

from cases_mock._services.customerprofiles.backend import tags
from cases_mock._services.customerprofiles.handlers import Call, Output, Params, handles


@handles("TagResource")
def tag_resource(call: Call, params: Params) -> Output:
    tags.tag_resource(call.backend, params["resourceArn"], params["tags"])
    return {}


@handles("UntagResource")
def untag_resource(call: Call, params: Params) -> Output:
    tags.untag_resource(call.backend, params["resourceArn"], list(params["tagKeys"]))
    return {}


@handles("ListTagsForResource")
def list_tags_for_resource(call: Call, params: Params) -> Output:
    """A resource without tags answers no ``tags`` member: the model's map has at least one entry
    (docs/behaviour.md#customer-profiles)."""
    found = tags.list_tags(call.backend, params["resourceArn"])
    return {"tags": found} if found else {}
