"""Fixtures of the event tests: a mock on a frozen clock, a domain with a custom field and a
template, and helpers to configure the event stream."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import pytest

from cases_mock import CasesMock, mock_connectcases
from tests.builders import a_client, a_domain

FROZEN = datetime(2026, 3, 16, 23, 16, 57, 893000, tzinfo=timezone.utc)
ACCOUNT, REGION = "123456789012", "us-east-1"
AGENT = "arn:aws:connect:us-east-1:123456789012:instance/i-1/agent/a-1"
PRINCIPAL = "arn:aws:iam::123456789012:user/cases-mock"
CONTACT = "arn:aws:connect:us-east-1:123456789012:instance/i-1/contact/c-1"


@dataclass
class Stream:
    mock: CasesMock
    client: Any
    domain_id: str
    template_id: str
    reason_id: str  # a custom Text field

    @property
    def domain_arn(self) -> str:
        return f"arn:aws:cases:{REGION}:{ACCOUNT}:domain/{self.domain_id}"

    def configure(self, *field_ids: str, content: bool | None = None, enabled: bool = True) -> None:
        """PutCaseEventConfiguration with ``field_ids`` in caseData and ``includeContent``."""
        included: dict[str, Any] = {}
        if field_ids:
            included["caseData"] = {"fields": [{"id": field_id} for field_id in field_ids]}
        if content is not None:
            included["relatedItemData"] = {"includeContent": content}
        bridge: dict[str, Any] = {"enabled": enabled}
        if included:
            bridge["includedData"] = included
        self.client.put_case_event_configuration(domainId=self.domain_id, eventBridge=bridge)

    def create_case(self, title: str = "Shipment lost", **extra: Any) -> str:
        fields = [{"id": "title", "value": {"stringValue": title}}, *extra.pop("fields", [])]
        answer = self.client.create_case(
            domainId=self.domain_id, templateId=self.template_id, fields=fields, **extra
        )
        return str(answer["caseId"])

    def update_case(self, case_id: str, **values: str | None) -> None:
        fields = [
            {"id": key, "value": {"stringValue": value} if value is not None else {"emptyValue": {}}}
            for key, value in values.items()
        ]
        self.client.update_case(domainId=self.domain_id, caseId=case_id, fields=fields)

    def comment(self, case_id: str, body: str = "Gave a $5 refund", **extra: Any) -> dict[str, Any]:
        return dict(
            self.client.create_related_item(
                domainId=self.domain_id,
                caseId=case_id,
                type="Comment",
                content={"comment": {"body": body, "contentType": "Text/Plain"}},
                **extra,
            )
        )


@pytest.fixture
def stream() -> Iterator[Stream]:
    with mock_connectcases() as mock:
        mock.clock.freeze(FROZEN)
        client = a_client()
        domain_id = a_domain(client, "events")
        reason_id = client.create_field(domainId=domain_id, name="Reason", type="Text")["fieldId"]
        template_id = client.create_template(domainId=domain_id, name="default")["templateId"]
        yield Stream(mock, client, domain_id, template_id, reason_id)
