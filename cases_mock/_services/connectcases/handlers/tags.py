"""TagResource, UntagResource, ListTagsForResource."""

from __future__ import annotations

from cases_mock._services.connectcases.handlers import Call, Output, Params, handles


@handles("TagResource")
def tag_resource(call: Call, params: Params) -> Output:
    call.backend.tags.tag(params["arn"], params["tags"])
    return {}


@handles("UntagResource")
def untag_resource(call: Call, params: Params) -> Output:
    call.backend.tags.untag(params["arn"], list(params["tagKeys"]))
    return {}


@handles("ListTagsForResource")
def list_tags_for_resource(call: Call, params: Params) -> Output:
    return {"tags": call.backend.tags.of(params["arn"])}
