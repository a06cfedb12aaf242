"""A domain's life in random order, checked against a small reference model.

Fields, field options, templates, case rules and cases are created, updated and deleted in
any order; after every step ListFields, ListTemplates, ListCaseRules, GetCase and SearchCases
must say what the model predicts.
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, precondition, rule

from cases_mock import CasesMock
from tests.builders import a_client

NAMES = st.text(alphabet="abcdefgh", min_size=1, max_size=4)


class DomainLife(RuleBasedStateMachine):
    fields = Bundle("fields")
    cases = Bundle("cases")

    def __init__(self) -> None:
        super().__init__()
        self.mock = CasesMock().start()
        self.client = a_client()
        self.domain_id = self.client.create_domain(name="life")["domainId"]
        self.template_id = self.client.create_template(domainId=self.domain_id, name="base")["templateId"]
        self.model_fields: dict[str, str] = {}  # id -> name (custom, live)
        self.model_templates: dict[str, str] = {self.template_id: "base"}
        self.model_rules: dict[str, str] = {}
        self.model_cases: dict[str, dict[str, str]] = {}  # id -> {field id: value}

    def teardown(self) -> None:
        self.mock.stop()

    def _attempt(self, action: Any) -> tuple[Any, str | None]:
        """(the answer, None) or (None, the error code)."""
        try:
            return action(), None
        except ClientError as error:
            return None, str(error.response["Error"]["Code"])

    def _conflict(self, action: Any) -> str | None:
        return self._attempt(action)[1]

    @initialize()
    def nothing_yet(self) -> None:
        assert self.client.list_domains()["domains"]

    @rule(target=fields, name=NAMES)
    def create_field(self, name: str) -> str:
        created, code = self._attempt(
            lambda: self.client.create_field(domainId=self.domain_id, name=name, type="Text")
        )
        assert (code == "ConflictException") == (name in self.model_fields.values())
        if created is None:
            return "missing"
        self.model_fields[created["fieldId"]] = name
        return str(created["fieldId"])

    @rule(field_id=fields)
    def delete_field(self, field_id: str) -> None:
        code = self._conflict(lambda: self.client.delete_field(domainId=self.domain_id, fieldId=field_id))
        if field_id in self.model_fields:
            assert code is None
            del self.model_fields[field_id]  # values stored on cases survive the deletion
        else:
            assert code in ("ValidationException", "ResourceNotFoundException")

    @rule(name=NAMES, active=st.booleans())
    def create_template(self, name: str, active: bool) -> None:
        before = set(self.model_templates.values())
        created, code = self._attempt(
            lambda: self.client.create_template(
                domainId=self.domain_id, name=name, status="Active" if active else "Inactive"
            )
        )
        assert (code == "ConflictException") == (name in before)
        if created is not None:
            self.model_templates[created["templateId"]] = name

    @rule(name=NAMES)
    def create_rule(self, name: str) -> None:
        rule_body = {"required": {"defaultValue": False, "conditions": []}}
        before = set(self.model_rules.values())
        created, code = self._attempt(
            lambda: self.client.create_case_rule(domainId=self.domain_id, name=name, rule=rule_body)
        )
        assert (code == "ConflictException") == (name in before)
        if created is not None:
            self.model_rules[created["caseRuleId"]] = name

    @rule(target=cases, title=NAMES)
    def create_case(self, title: str) -> str:
        case_id = self.client.create_case(
            domainId=self.domain_id,
            templateId=self.template_id,
            fields=[{"id": "title", "value": {"stringValue": title}}],
        )["caseId"]
        self.model_cases[case_id] = {"title": title}
        return str(case_id)

    @precondition(lambda self: bool(self.model_fields))
    @rule(case_id=cases, value=NAMES, data=st.data())
    def update_case(self, case_id: str, value: str, data: st.DataObject) -> None:
        field_id = data.draw(st.sampled_from(sorted(self.model_fields)))
        code = self._conflict(
            lambda: self.client.update_case(
                domainId=self.domain_id,
                caseId=case_id,
                fields=[{"id": field_id, "value": {"stringValue": value}}],
            )
        )
        if case_id in self.model_cases:
            assert code is None
            self.model_cases[case_id][field_id] = value
        else:
            assert code == "ResourceNotFoundException"

    @rule(case_id=cases, title=NAMES)
    def retitle_case(self, case_id: str, title: str) -> None:
        code = self._conflict(
            lambda: self.client.update_case(
                domainId=self.domain_id,
                caseId=case_id,
                fields=[{"id": "title", "value": {"stringValue": title}}],
            )
        )
        assert (code is None) == (case_id in self.model_cases)
        if case_id in self.model_cases:
            self.model_cases[case_id]["title"] = title

    @rule(case_id=cases)
    def delete_case(self, case_id: str) -> None:
        code = self._conflict(lambda: self.client.delete_case(domainId=self.domain_id, caseId=case_id))
        assert (code is None) == (case_id in self.model_cases)
        self.model_cases.pop(case_id, None)

    @invariant()
    def lists_match(self) -> None:
        listed = self.client.list_fields(domainId=self.domain_id)["fields"]
        assert {f["fieldId"]: f["name"] for f in listed if f["namespace"] == "Custom"} == self.model_fields
        templates = self.client.list_templates(domainId=self.domain_id)["templates"]
        assert {t["templateId"]: t["name"] for t in templates} == self.model_templates
        rules = self.client.list_case_rules(domainId=self.domain_id)["caseRules"]
        assert {r["caseRuleId"]: r["name"] for r in rules} == self.model_rules

    @invariant()
    def cases_match(self) -> None:
        found = self.client.search_cases(domainId=self.domain_id, maxResults=100)
        assert found["totalCount"] == len(self.model_cases)
        for title in sorted({values["title"] for values in self.model_cases.values()})[:3]:
            by_title = {"field": {"equalTo": {"id": "title", "value": {"stringValue": title}}}}
            answer = self.client.search_cases(domainId=self.domain_id, filter=by_title, maxResults=100)
            expected = {cid for cid, values in self.model_cases.items() if values["title"] == title}
            assert {c["caseId"] for c in answer["cases"]} == expected
        ordered = self.client.search_cases(
            domainId=self.domain_id, sorts=[{"fieldId": "title", "sortOrder": "Asc"}], maxResults=100
        )
        assert [c["caseId"] for c in ordered["cases"]] == sorted(
            self.model_cases, key=lambda cid: (self.model_cases[cid]["title"], cid)
        )
        for case_id, values in list(self.model_cases.items())[:5]:
            got = self.client.get_case(
                domainId=self.domain_id, caseId=case_id, fields=[{"id": k} for k in values]
            )
            assert {f["id"]: f["value"]["stringValue"] for f in got["fields"]} == values


DomainLife.TestCase.settings = settings(
    max_examples=15, stateful_step_count=20, deadline=None, suppress_health_check=list(HealthCheck)
)
test_domain_life = pytest.mark.needs_model(
    "DeleteCase", "SearchCasesResponse.totalCount", "SearchCasesRequestMaxResultsInteger:max=100"
)(DomainLife.TestCase)
