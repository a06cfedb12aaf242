"""CreateTemplate, GetTemplate, UpdateTemplate, DeleteTemplate, ListTemplates."""

from __future__ import annotations

from typing import Any

from cases_mock._services.connectcases.backend.configuration import TEMPLATES
from cases_mock._services.connectcases.backend.records import Template
from cases_mock._services.connectcases.backend.templates import (
    TemplateAttributes,
    shown_required_fields,
    shown_rules,
)
from cases_mock._services.connectcases.handlers import Call, Output, Params, handles
from cases_mock._services.connectcases.handlers.configuration import created, listed, named
from cases_mock._services.connectcases.wire_forms import (
    layout_configuration,
    layout_configuration_wire,
    present,
    tag_propagation,
    tag_propagation_wire,
    template_rules,
    template_rules_wire,
)


def _attributes(params: Params) -> TemplateAttributes:
    """The template's attributes as the backend takes them (None: not given)."""
    layout = params.get("layoutConfiguration")
    required = params.get("requiredFields")
    rules = params.get("rules")
    propagation = params.get("tagPropagationConfigurations")
    return TemplateAttributes(
        description=params.get("description"),
        layout_configuration=None if layout is None else layout_configuration(layout),
        required_fields=None if required is None else [entry["fieldId"] for entry in required],
        status=params.get("status"),
        rules=None if rules is None else template_rules(rules),
        tag_propagation=None if propagation is None else tag_propagation(propagation),
    )


def _summary(template: Template) -> dict[str, Any]:
    return {
        **named(TEMPLATES, template),
        "status": template.status,
        "tagPropagationConfigurations": tag_propagation_wire(template.tag_propagation),
    }


@handles("CreateTemplate")
def create_template(call: Call, params: Params) -> Output:
    template = call.backend.templates.create(params["domainId"], params["name"], _attributes(params))
    return created(TEMPLATES, template)


@handles("GetTemplate")
def get_template(call: Call, params: Params) -> Output:
    domain_id = params["domainId"]
    template = call.backend.templates.get(domain_id, params["templateId"])
    data = call.backend.domain(domain_id).data
    layout = template.layout_configuration
    return {
        **named(TEMPLATES, template),
        "requiredFields": shown_required_fields(data, template),
        "tags": dict(template.tags),
        "status": template.status,
        "deleted": template.deleted,
        "createdTime": template.created_time,
        "lastModifiedTime": template.last_modified_time,
        "rules": template_rules_wire(shown_rules(data, template)),
        "tagPropagationConfigurations": tag_propagation_wire(template.tag_propagation),
        **present(
            description=template.description,
            layoutConfiguration=None if layout is None else layout_configuration_wire(layout),
        ),
    }


@handles("UpdateTemplate")
def update_template(call: Call, params: Params) -> Output:
    call.backend.templates.update(
        params["domainId"], params["templateId"], params.get("name"), _attributes(params)
    )
    return {}


@handles("DeleteTemplate")
def delete_template(call: Call, params: Params) -> Output:
    call.backend.templates.delete(params["domainId"], params["templateId"])
    return {}


@handles("ListTemplates")
def list_templates(call: Call, params: Params) -> Output:
    statuses = params.get("status")
    live = call.backend.templates.live(params["domainId"], statuses)
    return listed(call, params, live, "templates", _summary, scope=f"/{','.join(sorted(statuses or []))}")
