"""A domain with one custom field of every type, made through boto3, for the rule tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from tests.builders import a_domain

FIELD_TYPES = {
    "note": "Text",
    "link": "Url",
    "priority": "Number",
    "urgent": "Boolean",
    "due": "DateTime",
    "owner": "User",
    "country": "SingleSelect",
    "state": "SingleSelect",
    "reason": "Text",
}
OPTIONS = {"country": ["us", "ca", "mx"], "state": ["wa", "or", "tx", "on", "qc"]}


@dataclass
class RuleDomain:
    client: Any
    domain_id: str
    ids: dict[str, str]  # field name -> field id

    def rule(self, rule: dict[str, Any]) -> str:
        """A new case rule (named uniquely) with the given ``CaseRuleDetails``."""
        created = self.client.create_case_rule(
            domainId=self.domain_id, name=f"rule-{uuid.uuid4().hex[:8]}", rule=rule
        )
        return str(created["caseRuleId"])

    def template(self, *rules: tuple[str, str | None], required: tuple[str, ...] = ()) -> str:
        """An Active template carrying ``rules`` as (case rule id, field name or None)."""
        created = self.client.create_template(
            domainId=self.domain_id,
            name=f"template-{uuid.uuid4().hex[:8]}",
            requiredFields=[{"fieldId": self.ids.get(name, name)} for name in required],
            rules=[
                {"caseRuleId": rule_id, **({"fieldId": self.ids.get(name, name)} if name else {})}
                for rule_id, name in rules
            ],
        )
        return str(created["templateId"])

    def fields(self, **values: Any) -> list[dict[str, Any]]:
        """CreateCase/UpdateCase ``fields`` from field names and Python values (None = emptyValue)."""
        return [{"id": self.ids.get(name, name), "value": wire(value)} for name, value in values.items()]

    def create_case(self, template_id: str, **values: Any) -> str:
        values.setdefault("title", "a case")
        created = self.client.create_case(
            domainId=self.domain_id, templateId=template_id, fields=self.fields(**values)
        )
        return str(created["caseId"])

    def update_case(self, case_id: str, **values: Any) -> None:
        self.client.update_case(domainId=self.domain_id, caseId=case_id, fields=self.fields(**values))

    def case_values(self, case_id: str, *names: str) -> dict[str, Any]:
        """The named fields' values of a case, by name, unwrapped (absent when unset)."""
        ids = {self.ids.get(name, name): name for name in names}
        answer = self.client.get_case(
            domainId=self.domain_id, caseId=case_id, fields=[{"id": field_id} for field_id in ids]
        )
        return {ids[f["id"]]: next(iter(f["value"].values())) for f in answer["fields"]}


def a_rule_domain(client: Any, name: str = "rules-domain") -> RuleDomain:
    """A domain whose custom fields are named as in FIELD_TYPES, with the OPTIONS above."""
    domain_id = a_domain(client, name)
    ids: dict[str, str] = {}
    for field_name, field_type in FIELD_TYPES.items():
        created = client.create_field(domainId=domain_id, name=field_name, type=field_type)
        ids[field_name] = str(created["fieldId"])
    for field_name, values in OPTIONS.items():
        client.batch_put_field_options(
            domainId=domain_id,
            fieldId=ids[field_name],
            options=[{"name": value.upper(), "value": value, "active": True} for value in values],
        )
    return RuleDomain(client, domain_id, ids)


def wire(value: Any) -> dict[str, Any]:
    if value is None:
        return {"emptyValue": {}}
    if isinstance(value, bool):
        return {"booleanValue": value}
    if isinstance(value, (int, float)):
        return {"doubleValue": value}
    if isinstance(value, str) and value.startswith("arn:aws:connect:"):
        return {"userArnValue": value}
    return {"stringValue": value}
