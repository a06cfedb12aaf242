"""A support domain whose template hides, requires and narrows fields by case rules, made through boto3."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.builders import a_case_rule, equal_to, hidden_rule, options_rule, required_rule

AGENT = "arn:aws:connect:us-east-1:123456789012:instance/demo/agent/jo"


def text(value: str) -> dict[str, Any]:
    return {"stringValue": value}


@dataclass
class SupportDomain:
    client: Any
    domain: str
    template: str
    layout: str
    reason: str  # SingleSelect: billing | outage
    detail: str  # SingleSelect, narrowed by reason
    refund: str  # Number: hidden unless billing, required when billing
    priority: str  # Number: required by the template
    rules: dict[str, str]

    def a_case(self, title: str, **values: dict[str, Any]) -> str:
        fields = [{"id": "title", "value": text(title)}]
        fields += [{"id": getattr(self, name), "value": value} for name, value in values.items()]
        created = self.client.create_case(domainId=self.domain, templateId=self.template, fields=fields)
        return str(created["caseId"])


def a_support_domain(client: Any, name: str = "support") -> SupportDomain:
    domain = str(client.create_domain(name=name)["domainId"])

    def field(label: str, kind: str, options: tuple[str, ...] = ()) -> str:
        field_id = str(client.create_field(domainId=domain, name=label, type=kind)["fieldId"])
        if options:
            client.batch_put_field_options(
                domainId=domain,
                fieldId=field_id,
                options=[{"name": o.title(), "value": o, "active": True} for o in options],
            )
        return field_id

    reason = field("Reason", "SingleSelect", ("billing", "outage"))
    detail = field("Sub-reason", "SingleSelect", ("refund", "overcharge", "fibre"))
    refund = field("Refund amount", "Number")
    priority = field("Priority", "Number")
    top = {"fieldGroup": {"name": "Triage", "fields": [{"id": reason}, {"id": priority}]}}
    more = {"fieldGroup": {"name": "Details", "fields": [{"id": detail}, {"id": refund}]}}
    layout = str(
        client.create_layout(
            domainId=domain,
            name="Support form",
            content={"basic": {"topPanel": {"sections": [top]}, "moreInfo": {"sections": [more]}}},
        )["layoutId"]
    )
    rules = {
        "hide refund": a_case_rule(
            client,
            domain,
            hidden_rule(equal_to(reason, text("billing"), False), default=True),
            name="Refund only for billing",
        ),
        "need refund": a_case_rule(
            client, domain, required_rule(equal_to(reason, text("billing"))), name="Refund needed for billing"
        ),
        "sub-reasons": a_case_rule(
            client,
            domain,
            options_rule(reason, detail, {"billing": ["refund", "overcharge"], "outage": ["fibre"]}),
            name="Sub-reasons by reason",
        ),
    }
    template = str(
        client.create_template(
            domainId=domain,
            name="Customer support",
            layoutConfiguration={"defaultLayout": layout},
            requiredFields=[{"fieldId": priority}],
            rules=[
                {"caseRuleId": rules["hide refund"], "fieldId": refund},
                {"caseRuleId": rules["need refund"], "fieldId": refund},
                {"caseRuleId": rules["sub-reasons"]},
            ],
        )["templateId"]
    )
    return SupportDomain(client, domain, template, layout, reason, detail, refund, priority, rules)
