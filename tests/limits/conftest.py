"""Fixtures of the limits tests: an active mock on a frozen clock, and a domain with a template."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import pytest

from cases_mock import CasesMock, mock_connectcases
from tests.builders import a_client, a_domain

START = datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc)


@dataclass
class Desk:
    mock: CasesMock
    client: Any
    domain_id: str
    template_id: str

    def create_case(self, title: str) -> str:
        created = self.client.create_case(
            domainId=self.domain_id,
            templateId=self.template_id,
            fields=[{"id": "title", "value": {"stringValue": title}}],
        )
        return str(created["caseId"])

    def titles_found(self, title: str | None = None) -> list[str]:
        """The titles of the cases SearchCases returns (those titled ``title`` when given)."""
        params: dict[str, Any] = {"domainId": self.domain_id, "fields": [{"id": "title"}]}
        if title is not None:
            params["filter"] = {"field": {"equalTo": {"id": "title", "value": {"stringValue": title}}}}
        cases = self.client.search_cases(**params)["cases"]
        return sorted(str(c["fields"][0]["value"]["stringValue"]) for c in cases)


@pytest.fixture
def desk() -> Iterator[Desk]:
    with mock_connectcases() as mock:
        mock.clock.freeze(START)
        client = a_client()
        domain_id = a_domain(client, "limits")
        template_id = str(client.create_template(domainId=domain_id, name="t")["templateId"])
        yield Desk(mock, client, domain_id, template_id)
