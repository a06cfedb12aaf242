"""CreateCaseRule, UpdateCaseRule, DeleteCaseRule, BatchGetCaseRule, ListCaseRules."""

from __future__ import annotations

from typing import Any

from cases_mock._services.connectcases.backend.configuration import CASE_RULES
from cases_mock._services.connectcases.backend.records import CaseRule
from cases_mock._services.connectcases.backend.rule_structure import rule_type
from cases_mock._services.connectcases.handlers import Call, Output, Params, handles
from cases_mock._services.connectcases.handlers.configuration import batch_got, created, listed, named
from cases_mock._services.connectcases.wire_forms import case_rule_details, case_rule_wire, present


def _named(rule: CaseRule) -> dict[str, Any]:
    """What a rule's summary and its detail both show."""
    return {**named(CASE_RULES, rule), **present(description=rule.description)}


def _detail(rule: CaseRule) -> dict[str, Any]:
    return {
        **_named(rule),
        "rule": case_rule_wire(rule.rule),
        "deleted": rule.deleted,
        "createdTime": rule.created_time,
        "lastModifiedTime": rule.last_modified_time,
        "tags": dict(rule.tags),
    }


def _summary(rule: CaseRule) -> dict[str, Any]:
    return {**_named(rule), "ruleType": rule_type(rule.rule)}


@handles("CreateCaseRule")
def create_case_rule(call: Call, params: Params) -> Output:
    rule = call.backend.case_rules.create(
        params["domainId"],
        params["name"],
        case_rule_details(params["rule"]),
        description=params.get("description"),
    )
    return created(CASE_RULES, rule)


@handles("UpdateCaseRule")
def update_case_rule(call: Call, params: Params) -> Output:
    rule = params.get("rule")
    call.backend.case_rules.update(
        params["domainId"],
        params["caseRuleId"],
        name=params.get("name"),
        description=params.get("description"),
        rule=None if rule is None else case_rule_details(rule),
    )
    return {}


@handles("DeleteCaseRule")
def delete_case_rule(call: Call, params: Params) -> Output:
    call.backend.case_rules.delete(params["domainId"], params["caseRuleId"])
    return {}


@handles("BatchGetCaseRule")
def batch_get_case_rule(call: Call, params: Params) -> Output:
    return {**batch_got(call.backend.case_rules, params, "caseRules", _detail), "unprocessedCaseRules": []}


@handles("ListCaseRules")
def list_case_rules(call: Call, params: Params) -> Output:
    return listed(call, params, call.backend.case_rules.live(params["domainId"]), "caseRules", _summary)
