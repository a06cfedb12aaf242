"""CreateLayout, GetLayout, UpdateLayout, DeleteLayout, ListLayouts."""

from __future__ import annotations

from typing import Any

from cases_mock._services.connectcases.backend.configuration import LAYOUTS
from cases_mock._services.connectcases.backend.layouts import without_deleted_fields
from cases_mock._services.connectcases.backend.records import Layout
from cases_mock._services.connectcases.handlers import Call, Output, Params, handles
from cases_mock._services.connectcases.handlers.configuration import created, listed, named
from cases_mock._services.connectcases.wire_forms import layout_content, layout_content_wire


def _summary(layout: Layout) -> dict[str, Any]:
    return named(LAYOUTS, layout)


@handles("CreateLayout")
def create_layout(call: Call, params: Params) -> Output:
    layout = call.backend.layouts.create(
        params["domainId"], params["name"], layout_content(params["content"])
    )
    return created(LAYOUTS, layout)


@handles("GetLayout")
def get_layout(call: Call, params: Params) -> Output:
    domain_id = params["domainId"]
    layout = call.backend.layouts.get(domain_id, params["layoutId"])
    return {
        **named(LAYOUTS, layout),
        "content": layout_content_wire(
            without_deleted_fields(call.backend.domain(domain_id).data, layout.content)
        ),
        "tags": dict(layout.tags),
        "deleted": layout.deleted,
        "createdTime": layout.created_time,
        "lastModifiedTime": layout.last_modified_time,
    }


@handles("UpdateLayout")
def update_layout(call: Call, params: Params) -> Output:
    content = params.get("content")
    call.backend.layouts.update(
        params["domainId"],
        params["layoutId"],
        name=params.get("name"),
        content=None if content is None else layout_content(content),
    )
    return {}


@handles("DeleteLayout")
def delete_layout(call: Call, params: Params) -> Output:
    call.backend.layouts.delete(params["domainId"], params["layoutId"])
    return {}


@handles("ListLayouts")
def list_layouts(call: Call, params: Params) -> Output:
    return listed(call, params, call.backend.layouts.live(params["domainId"]), "layouts", _summary)
