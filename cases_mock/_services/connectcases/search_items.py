"""SearchCases' answer for one case (a ``SearchCasesResponseItem``), built once and reused.

A page of SearchCases names each case with its projected fields and tags. Building those forms
again for every search, and keeping a new copy of each in every call record, cost more than the
search itself (docs/performance.md#searchcases-answers-built-once), so each domain keeps the
item it last answered for each case (``DomainData.search_items``, never exported) and answers
with it again while the case is unchanged: the same values dict (the backend replaces
``Case.values`` on every write, never changes it in place), the same template and tags, and the
same projection (each field id with its values' union member, so a field made again under the
same id with another type does not match). No write path has to say what it changed, so
merges, field deletions and the search delay's lagging view (whose cases carry the values
searches saw) are covered alike. An item is shared by the call records of the searches that
answered it (records are read-only) and copied by the parsed-response converter for the
caller; every other reader of the output leaves it as it is (the dashboard reads it written and
parsed back: ``tests/dashboard/test_endpoints.py`` searches there twice, then through boto3).
At most ``LIMIT`` items are kept a domain: past that the domain's items are dropped and
built again as searches need them. With ``CASES_MOCK_STRICT_OUTPUT=1`` (the test suite) every
reused item is checked against one built afresh.
"""

from __future__ import annotations

import os
from typing import Any

from cases_mock._services.connectcases.backend.records import Case, DomainData
from cases_mock._services.connectcases.backend.scalar import Scalar
from cases_mock._services.connectcases.backend.values import member_wire, wire_member
from cases_mock._services.connectcases.wire_forms import field_type

LIMIT = 1024  # items kept a domain (about 0.7 KB each with one projected field, 1.4 KB with three)
_CHECK = os.environ.get("CASES_MOCK_STRICT_OUTPUT") == "1"

Projection = tuple[tuple[str, str], ...]
"""The projected field ids, each once in the request's order, with their values' union member."""


def projection(data: DomainData, fields: list[dict[str, Any]] | None) -> Projection:
    """SearchCases' ``fields`` as a projection: each id once, with its values' union member."""
    ids = dict.fromkeys(str(entry["id"]) for entry in fields or [])
    return tuple((field_id, wire_member(field_type(data, field_id))) for field_id in ids)


class SearchItems:
    """A domain's last ``SearchCasesResponseItem`` per case (see the module's docstring)."""

    __slots__ = ("entries",)

    def __init__(self) -> None:
        self.entries: dict[str, tuple[dict[str, Scalar], Projection, dict[str, Any]]] = {}

    def item(self, case: Case, shown: Projection) -> dict[str, Any]:
        """``case``'s item under ``shown``: the one kept if the case is unchanged, else a new one."""
        entry = self.entries.get(case.case_id)
        if entry is not None:
            values, kept_projection, kept = entry
            if (
                values is case.values
                and kept_projection == shown
                and kept["templateId"] == case.template_id
                and kept["tags"] == case.tags
            ):
                if _CHECK and kept != build(case, shown):
                    raise RuntimeError(f"SearchCases reused a stale answer for case {case.case_id}")
                return kept
        if len(self.entries) >= LIMIT:
            self.entries.clear()
        kept = build(case, shown)
        self.entries[case.case_id] = (case.values, shown, kept)
        return kept


def items_of(data: DomainData) -> SearchItems:
    """The domain's kept items (made on first need)."""
    found = data.search_items
    if found is None:
        found = data.search_items = SearchItems()
    items: SearchItems = found
    return items


def build(case: Case, shown: Projection) -> dict[str, Any]:
    """A ``SearchCasesResponseItem``: the projected fields the case has, in the request's order."""
    values = case.values
    fields = [
        {"id": field_id, "value": member_wire(member, values[field_id])}
        for field_id, member in shown
        if field_id in values
    ]
    return {"caseId": case.case_id, "templateId": case.template_id, "fields": fields, "tags": dict(case.tags)}
