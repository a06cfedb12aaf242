"""CreateCaseRule, UpdateCaseRule, DeleteCaseRule, BatchGetCaseRule, ListCaseRules."""

from __future__ import annotations

from typing import Any

from cases_mock._services.connectcases.backend.pagination import paginate
from cases_mock._services.connectcases.backend.records import CaseRule
from cases_mock._services.connectcases.backend.rule_structure import rule_type
from cases_mock._services.connectcases.handlers import Call, Output, Params, handles
from cases_mock._services.connectcases.wire_forms import case_rule_details, case_rule_wire


def _detail(rule: CaseRule) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "caseRuleId": rule.case_rule_id,
        "name": rule.name,
        "caseRuleArn": rule.arn,
        "rule": case_rule_wire(rule.rule),
        "deleted": rule.deleted,
        "createdTime": rule.created_time,
        "lastModifiedTime": rule.last_modified_time,
        "tags": dict(rule.tags),
    }
    if rule.description is not None:
        detail["description"] = rule.description
    return detail


def _summary(rule: CaseRule) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "caseRuleId": rule.case_rule_id,
        "name": rule.name,
        "caseRuleArn": rule.arn,
        "ruleType": rule_type(rule.rule),
    }
    if rule.description is not None:
        summary["description"] = rule.description
    return summary


@handles("CreateCaseRule")
def create_case_rule(call: Call, params: Params) -> Output:
    rule = call.backend.case_rules.create(
        params["domainId"],
        params["name"],
        case_rule_details(params["rule"]),
        description=params.get("description"),
    )
    return {"caseRuleId": rule.case_rule_id, "caseRuleArn": rule.arn}


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
    ids = [str(entry["id"]) for entry in params["caseRules"]]
    found, missing = call.backend.case_rules.batch_get(params["domainId"], ids)
    return {
        "caseRules": [_detail(rule) for rule in found],
        "errors": [
            {
                "id": case_rule_id,
                "errorCode": "ResourceNotFoundException",
                "message": f"CaseRule {case_rule_id!r} does not exist",
            }
            for case_rule_id in missing
        ],
        "unprocessedCaseRules": [],
    }


@handles("ListCaseRules")
def list_case_rules(call: Call, params: Params) -> Output:
    domain_id = params["domainId"]
    page, token = paginate(
        params,
        call.backend.case_rules.live(domain_id),
        lambda rule: rule.seq,
        operation="ListCaseRules",
        scope=f"{call.account}/{domain_id}",
    )
    return {"caseRules": [_summary(rule) for rule in page], "nextToken": token}
