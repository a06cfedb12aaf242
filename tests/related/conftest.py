"""Fixtures of the related-item tests: the mock, a domain with a field per type, a case."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from cases_mock import CasesMock, mock_connectcases
from tests.builders import a_client
from tests.rules.domain import RuleDomain, a_rule_domain

CONTACT = "arn:aws:connect:us-east-1:123456789012:instance/i-1/contact/c-1"
FILE = "arn:aws:connect:us-east-1:123456789012:instance/i-1/file/f-1"


@dataclass
class Related:
    mock: CasesMock
    domain: RuleDomain
    template_id: str
    case_id: str

    @property
    def client(self) -> Any:
        return self.domain.client

    def create(
        self, item_type: str, content: dict[str, Any], case_id: str | None = None, **extra: Any
    ) -> str:
        answer = self.client.create_related_item(
            domainId=self.domain.domain_id,
            caseId=case_id or self.case_id,
            type=item_type,
            content=content,
            **extra,
        )
        return str(answer["relatedItemId"])

    def items(self, case_id: str | None = None, **params: Any) -> list[dict[str, Any]]:
        return list(
            self.client.search_related_items(
                domainId=self.domain.domain_id, caseId=case_id or self.case_id, **params
            )["relatedItems"]
        )

    def events(self, case_id: str | None = None) -> list[dict[str, Any]]:
        return list(
            self.client.get_case_audit_events(domainId=self.domain.domain_id, caseId=case_id or self.case_id)[
                "auditEvents"
            ]
        )


@pytest.fixture
def related() -> Iterator[Related]:
    with mock_connectcases() as mock:
        domain = a_rule_domain(a_client(), "related-domain")
        template_id = domain.template()
        yield Related(mock, domain, template_id, domain.create_case(template_id, title="owner"))


def sla(
    minutes: int, field_id: str | None = "status", target: str = "closed", name: str = "resolve"
) -> dict[str, Any]:
    configuration: dict[str, Any] = {"name": name, "type": "CaseField", "targetSlaMinutes": minutes}
    if field_id is not None:
        configuration.update(fieldId=field_id, targetFieldValues=[{"stringValue": target}])
    return {"sla": {"slaInputConfiguration": configuration}}
