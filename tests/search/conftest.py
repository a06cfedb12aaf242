"""A domain with three cases holding low, middle and high values of every field type, and one
holding none: the fixture of the search tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from cases_mock import mock_connectcases
from tests.builders import a_client
from tests.rules.domain import RuleDomain, a_rule_domain, wire

AGENT = "arn:aws:connect:us-east-1:123456789012:instance/i-1/agent/"
VALUES: dict[str, tuple[Any, Any, Any]] = {
    "note": ("apple", "banana split", "cherry"),
    "link": ("https://a.example/1", "https://b.example/2", "https://c.example/3"),
    "priority": (1, 2.5, 3),
    "urgent": (False, True, True),
    "due": ("2026-01-01T00:00:00Z", "2026-02-01T00:00:00+00:00", "2026-03-01T12:00:00Z"),
    "owner": (AGENT + "a", AGENT + "b", AGENT + "c"),
    "country": ("ca", "mx", "us"),
}


@dataclass
class Searchable:
    domain: RuleDomain
    ids: list[str]  # case ids: low, middle, high, none

    def search(self, **params: Any) -> dict[str, Any]:
        return dict(self.domain.client.search_cases(domainId=self.domain.domain_id, **params))

    def found(self, case_filter: dict[str, Any] | None = None, **params: Any) -> set[str]:
        """The letters (A, B, C, D) of the cases a search returns, walking every page."""
        letters = dict(zip(self.ids, "ABCD", strict=True))
        found: list[str] = []
        token = None
        while True:
            page = self.search(
                **({"filter": case_filter} if case_filter else {}),
                **params,
                **({"nextToken": token} if token else {}),
            )
            found.extend(letters[item["caseId"]] for item in page["cases"])
            token = page.get("nextToken")
            if not token:
                assert len(found) == len(set(found))
                return set(found)

    def field(self, name: str, operator: str, value: Any) -> dict[str, Any]:
        return {"field": {operator: {"id": self.domain.ids.get(name, name), "value": wire(value)}}}


@pytest.fixture
def searchable() -> Iterator[Searchable]:
    with mock_connectcases():
        domain = a_rule_domain(a_client(), "search-domain")
        template_id = domain.template()
        ids = [
            domain.create_case(template_id, title=f"case {letter}", **{k: v[i] for k, v in VALUES.items()})
            for i, letter in enumerate("ABC")
        ]
        ids.append(domain.create_case(template_id, title="case D"))
        yield Searchable(domain, ids)
