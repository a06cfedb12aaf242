"""CreateTemplate, GetTemplate, UpdateTemplate, DeleteTemplate, ListTemplates."""

from __future__ import annotations

from typing import Any

from cases_mock._services.connectcases.backend.pagination import paginate
from cases_mock._services.connectcases.backend.templates import shown_required_fields, shown_rules
from cases_mock._services.connectcases.handlers import Call, Output, Params, handles
from cases_mock._services.connectcases.wire_forms import (
    layout_configuration,
    layout_configuration_wire,
    tag_propagation,
    tag_propagation_wire,
    template_rules,
    template_rules_wire,
)


def _attributes(params: Params) -> dict[str, Any]:
    """The template's attributes as the backend takes them (None: not given)."""
    layout = params.get("layoutConfiguration")
    required = params.get("requiredFields")
    rules = params.get("rules")
    propagation = params.get("tagPropagationConfigurations")
    return {
        "description": params.get("description"),
        "layout_configuration": None if layout is None else layout_configuration(layout),
        "required_fields": None if required is None else [entry["fieldId"] for entry in required],
        "status": params.get("status"),
        "rules": None if rules is None else template_rules(rules),
        "tag_propagation": None if propagation is None else tag_propagation(propagation),
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
        "rules": template_rules_wire(shown_rules(data, template)),
        "tagPropagationConfigurations": tag_propagation_wire(template.tag_propagation),
    }
    if template.description is not None:
        output["description"] = template.description
    if template.layout_configuration is not None:
        output["layoutConfiguration"] = layout_configuration_wire(template.layout_configuration)
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
        params,
        call.backend.templates.live(domain_id, statuses),
        lambda template: template.seq,
        operation="ListTemplates",
        scope=f"{call.account}/{domain_id}/{','.join(sorted(statuses or []))}",
    )
    return {
        "templates": [
            {
                "templateId": t.template_id,
                "templateArn": t.arn,
                "name": t.name,
                "status": t.status,
                "tagPropagationConfigurations": tag_propagation_wire(t.tag_propagation),
            }
            for t in page
        ],
        "nextToken": token,
    }
