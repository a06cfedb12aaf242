"""A case written with a ``customer_id`` naming a profile is found from the profile: its
``_case`` object (``SearchProfiles(KeyName="_caseId")``, ``ListProfileObjects``); updated with
the case, gone with it."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest

from tests.profiles.conftest import ACCOUNT, REGION, Invoke

Case = tuple[Any, str, str, str]  # the connectcases client, the Cases domain, the case, the profile


def a_customers_case(invoke: Invoke, domain: str) -> Case:
    """A case whose customer_id is the ARN of a new profile of ``domain``, found from the profile."""
    cases = boto3.client("connectcases", region_name=REGION)
    pid = invoke("CreateProfile", DomainName=domain, FirstName="Ana")["ProfileId"]
    arn = f"arn:aws:profile:{REGION}:{ACCOUNT}:domains/{domain}/profiles/{pid}"
    domain_id = cases.create_domain(name="care")["domainId"]
    template_id = cases.create_template(domainId=domain_id, name="t", status="Active")["templateId"]
    case_id = cases.create_case(
        domainId=domain_id, templateId=template_id, fields=fields(title="Broken", customer_id=arn)
    )["caseId"]
    (found,) = invoke("SearchProfiles", DomainName=domain, KeyName="_caseId", Values=[case_id])["Items"]
    assert found["ProfileId"] == pid
    return cases, domain_id, case_id, pid


def fields(**values: str) -> list[dict[str, Any]]:
    return [{"id": key, "value": {"stringValue": value}} for key, value in values.items()]


def case_objects(invoke: Invoke, domain: str, pid: str) -> list[dict[str, Any]]:
    return invoke("ListProfileObjects", DomainName=domain, ProfileId=pid, ObjectTypeName="_case")["Items"]


def test_a_customers_cases_are_found_from_the_profile(invoke: Invoke, domain: str) -> None:
    cases, domain_id, case_id, pid = a_customers_case(invoke, domain)

    cases.update_case(domainId=domain_id, caseId=case_id, fields=fields(title="Fixed"))
    (item,) = case_objects(invoke, domain, pid)
    assert json.loads(item["Object"])["Title"] == "Fixed"


@pytest.mark.needs_model("DeleteCase")
def test_a_deleted_case_is_gone_from_its_customers_profile(invoke: Invoke, domain: str) -> None:
    cases, domain_id, case_id, pid = a_customers_case(invoke, domain)

    cases.delete_case(domainId=domain_id, caseId=case_id)
    assert case_objects(invoke, domain, pid) == []


def test_a_case_written_before_any_profile_domain_is_linked_by_its_next_write(invoke: Invoke) -> None:
    """Writes made while the account and region have no profile domain are not followed (there
    is nothing to link); the first write after one exists links the case."""
    cases = boto3.client("connectcases", region_name=REGION)
    domain_id = cases.create_domain(name="care")["domainId"]
    template_id = cases.create_template(domainId=domain_id, name="t", status="Active")["templateId"]
    case_id = cases.create_case(domainId=domain_id, templateId=template_id, fields=fields(title="Early"))[
        "caseId"
    ]
    cases.update_case(domainId=domain_id, caseId=case_id, fields=fields(summary="still no domain"))

    invoke("CreateDomain", DomainName="later", DefaultExpirationDays=365)
    pid = invoke("CreateProfile", DomainName="later", FirstName="Ana")["ProfileId"]
    arn = f"arn:aws:profile:{REGION}:{ACCOUNT}:domains/later/profiles/{pid}"
    cases.update_case(domainId=domain_id, caseId=case_id, fields=fields(customer_id=arn))

    (item,) = case_objects(invoke, "later", pid)
    assert json.loads(item["Object"])["Title"] == "Early"
    assert json.loads(item["Object"])["Summary"] == "still no domain"
