"""CreateTemplate, GetTemplate, UpdateTemplate, DeleteTemplate, ListTemplates."""

from __future__ import annotations

import copy
from typing import Any

from cases_mock._services.connectcases.backend.pagination import paginate
from cases_mock._services.connectcases.backend.templates import shown_required_fields, shown_rules
from cases_mock._services.connectcases.handlers import Call, Output, Params, handles


def _attributes(params: Params) -> dict[str, Any]:
    return {
        "description": params.get("description"),
        "layout_configuration": params.get("layoutConfiguration"),
        "required_fields": params.get("requiredFields"),
        "status": params.get("status"),
        "rules": params.get("rules"),
        "tag_propagation": params.get("tagPropagationConfigurations"),
    }


@handles("CreateTemplate")
def create_template(call: Call, params: Params) -> Output:
    template = call.backend.templates.create(params["domainId"], params["name"], **_attributes(params))
    return {"templateId": template.template_id, "templateArn": template.arn}


@handles("GetTemplate")
def get_template(call: Call, params: Params) -> Output:
    domain_id = params["domainId"]
    template = call.backend.templates.get(domain_id, params["templateId"])
    data = call.backend.domain(domain_id).data
    output: dict[str, Any] = {
        "templateId": template.template_id,
        "templateArn": template.arn,
        "name": template.name,
        "requiredFields": shown_required_fields(data, template),
        "tags": dict(template.tags),
        "status": template.status,
        "deleted": template.deleted,
        "createdTime": template.created_time,
        "lastModifiedTime": template.last_modified_time,
        "rules": shown_rules(data, template),
        "tagPropagationConfigurations": copy.deepcopy(template.tag_propagation),
    }
    if template.description is not None:
        output["description"] = template.description
    if template.layout_configuration is not None:
        output["layoutConfiguration"] = copy.deepcopy(template.layout_configuration)
    return output


@handles("UpdateTemplate")
def update_template(call: Call, params: Params) -> Output:
    call.backend.templates.update(
        params["domainId"], params["templateId"], name=params.get("name"), **_attributes(params)
    )
    return {}


@handles("DeleteTemplate")
def delete_template(call: Call, params: Params) -> Output:
    call.backend.templates.delete(params["domainId"], params["templateId"])
    return {}


@handles("ListTemplates")
def list_templates(call: Call, params: Params) -> Output:
    domain_id = params["domainId"]
    statuses = params.get("status")
    page, token = paginate(
        call.backend.templates.live(domain_id, statuses),
        lambda template: template.seq,
        operation="ListTemplates",
        scope=f"{call.account}/{domain_id}/{','.join(sorted(statuses or []))}",
        max_results=params.get("maxResults"),
        default_page=100,
        next_token=params.get("nextToken"),
    )
    return {
        "templates": [
            {
                "templateId": t.template_id,
                "templateArn": t.arn,
                "name": t.name,
                "status": t.status,
                "tagPropagationConfigurations": copy.deepcopy(t.tag_propagation),
            }
            for t in page
        ],
        "nextToken": token,
    }
