"""Builders shared by the tests: clients and resources made the way a boto3 user makes them."""

from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config

NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})
UNCHECKED = Config(parameter_validation=False, retries={"total_max_attempts": 1, "mode": "standard"})


def a_client(region: str = "us-east-1", config: Config | None = None) -> Any:
    return boto3.client("connectcases", region_name=region, config=config or NO_RETRIES)


def an_unchecked_client(region: str = "us-east-1") -> Any:
    """A client that skips botocore's own validation, as other SDKs and raw HTTP do."""
    return boto3.client("connectcases", region_name=region, config=UNCHECKED)


def a_domain(client: Any, name: str = "test-domain") -> str:
    return str(client.create_domain(name=name)["domainId"])


def error_of(excinfo: Any) -> dict[str, Any]:
    """The parsed error response of a ``pytest.raises(ClientError)``."""
    return dict(excinfo.value.response)


# Case rules ---------------------------------------------------------------------------------


def equal_to(field_id: str, operand: dict[str, Any], result: bool = True) -> dict[str, Any]:
    """An ``equalTo`` condition: when ``field_id`` equals ``operand``, the rule is ``result``."""
    return {"equalTo": {"operandOne": {"fieldId": field_id}, "operandTwo": operand, "result": result}}


def not_equal_to(field_id: str, operand: dict[str, Any], result: bool = True) -> dict[str, Any]:
    return {"notEqualTo": {"operandOne": {"fieldId": field_id}, "operandTwo": operand, "result": result}}


def and_all(*conditions: dict[str, Any]) -> dict[str, Any]:
    return {"andAll": {"conditions": list(conditions)}}


def or_all(*conditions: dict[str, Any]) -> dict[str, Any]:
    return {"orAll": {"conditions": list(conditions)}}


def required_rule(*conditions: dict[str, Any], default: bool = False) -> dict[str, Any]:
    return {"required": {"defaultValue": default, "conditions": list(conditions)}}


def hidden_rule(*conditions: dict[str, Any], default: bool = False) -> dict[str, Any]:
    return {"hidden": {"defaultValue": default, "conditions": list(conditions)}}


def options_rule(parent: str, child: str, mapping: dict[str, list[str]]) -> dict[str, Any]:
    """A ``fieldOptions`` rule: for each parent value, the child values it allows."""
    return {
        "fieldOptions": {
            "parentFieldId": parent,
            "childFieldId": child,
            "parentChildFieldOptionsMappings": [
                {"parentFieldOptionValue": value, "childFieldOptionValues": allowed}
                for value, allowed in mapping.items()
            ],
        }
    }


ALWAYS_REQUIRED = {"required": {"defaultValue": True, "conditions": []}}


def a_case_rule(
    client: Any, domain_id: str, rule: dict[str, Any] | None = None, name: str = "rule", **extra: Any
) -> str:
    """Creates a case rule (by default one that needs no field) and returns its id."""
    created = client.create_case_rule(domainId=domain_id, name=name, rule=rule or ALWAYS_REQUIRED, **extra)
    return str(created["caseRuleId"])


def case_rule_detail(client: Any, domain_id: str, case_rule_id: str) -> dict[str, Any]:
    """The BatchGetCaseRule entry of one rule."""
    answer = client.batch_get_case_rule(domainId=domain_id, caseRules=[{"id": case_rule_id}])
    return dict(answer["caseRules"][0])
