"""A case written with a ``customer_id`` naming a profile is found from the profile: its
``_case`` object (``SearchProfiles(KeyName="_caseId")``, ``ListProfileObjects``); updated with
the case, gone with it."""

from __future__ import annotations

import json
from typing import Any

import boto3

from tests.profiles.conftest import ACCOUNT, REGION, Invoke


def test_a_customers_cases_are_found_from_the_profile(invoke: Invoke, domain: str) -> None:
    cases = boto3.client("connectcases", region_name=REGION)
    pid = invoke("CreateProfile", DomainName=domain, FirstName="Ana")["ProfileId"]
    arn = f"arn:aws:profile:{REGION}:{ACCOUNT}:domains/{domain}/profiles/{pid}"
    domain_id = cases.create_domain(name="care")["domainId"]
    template_id = cases.create_template(domainId=domain_id, name="t", status="Active")["templateId"]

    def fields(**values: str) -> list[dict[str, Any]]:
        return [{"id": key, "value": {"stringValue": value}} for key, value in values.items()]

    case_id = cases.create_case(
        domainId=domain_id, templateId=template_id, fields=fields(title="Broken", customer_id=arn)
    )["caseId"]
    (found,) = invoke("SearchProfiles", DomainName=domain, KeyName="_caseId", Values=[case_id])["Items"]
    assert found["ProfileId"] == pid

    cases.update_case(domainId=domain_id, caseId=case_id, fields=fields(title="Fixed"))
    (item,) = invoke("ListProfileObjects", DomainName=domain, ProfileId=pid, ObjectTypeName="_case")["Items"]
    assert json.loads(item["Object"])["Title"] == "Fixed"

    cases.delete_case(domainId=domain_id, caseId=case_id)
    assert (
        invoke("ListProfileObjects", DomainName=domain, ProfileId=pid, ObjectTypeName="_case")["Items"] == []
    )
