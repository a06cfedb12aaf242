"""Object types, objects, templates, integrations and the ``_case`` link from Cases."""

from __future__ import annotations

import json

from cases_mock._services.customerprofiles.backend.cases_link import CaseSummary, case_written
from tests.profiles.conftest import refused

ORDER_TYPE = {
    "Description": "web orders",
    "Fields": {
        "order": {"Source": "_source.id", "ContentType": "STRING"},
        "email": {
            "Source": "_source.buyer.email",
            "Target": "_profile.EmailAddress",
            "ContentType": "EMAIL_ADDRESS",
        },
    },
    "Keys": {
        "orderId": [{"StandardIdentifiers": ["UNIQUE"], "FieldNames": ["order"]}],
        "_email": [{"StandardIdentifiers": ["PROFILE"], "FieldNames": ["email"]}],
    },
}


def test_an_object_attaches_to_the_profile_its_key_finds_and_filters_by_key(invoke, domain) -> None:
    pid = invoke("CreateProfile", DomainName=domain, EmailAddress="ana@x.com")["ProfileId"]
    invoke("PutProfileObjectType", DomainName=domain, ObjectTypeName="Order", **ORDER_TYPE)
    text = json.dumps({"id": "o-1", "buyer": {"email": "ANA@x.com"}})
    key = invoke("PutProfileObject", DomainName=domain, ObjectTypeName="Order", Object=text)[
        "ProfileObjectUniqueKey"
    ]
    listed = invoke(
        "ListProfileObjects",
        DomainName=domain,
        ProfileId=pid,
        ObjectTypeName="Order",
        ObjectFilter={"KeyName": "orderId", "Values": ["o-1"]},
    )["Items"]
    assert [(i["ProfileObjectUniqueKey"], json.loads(i["Object"])["id"]) for i in listed] == [(key, "o-1")]
    again = invoke("PutProfileObject", DomainName=domain, ObjectTypeName="Order", Object=text)
    assert again["ProfileObjectUniqueKey"] == key


def test_an_object_matching_no_profile_is_refused_without_profile_creation(invoke, domain) -> None:
    invoke("PutProfileObjectType", DomainName=domain, ObjectTypeName="Order", **ORDER_TYPE)
    with refused("BadRequestException", "matches no profile"):
        invoke("PutProfileObject", DomainName=domain, ObjectTypeName="Order", Object='{"id": "o-2"}')


def test_an_object_type_breaking_a_key_rule_is_refused_naming_the_key(invoke, domain) -> None:
    bad = {**ORDER_TYPE, "Keys": {"_email": [{"StandardIdentifiers": ["PROFILE"], "FieldNames": ["email"]}]}}
    with refused("BadRequestException", "exactly one key must be UNIQUE"):
        invoke("PutProfileObjectType", DomainName=domain, ObjectTypeName="Order", **bad)
    with refused("BadRequestException", "ObjectTypeName"):
        invoke("PutProfileObjectType", DomainName=domain, ObjectTypeName="_mine", **ORDER_TYPE)


def test_a_template_is_usable_as_an_implicit_type_and_creates_the_caller(invoke, domain) -> None:
    assert invoke("GetProfileObjectTypeTemplate", TemplateId="CTR")["Keys"]["_ctrContactId"]
    record = json.dumps({"ContactId": "c-1", "CustomerEndpoint": {"Address": "+15551230000"}})
    invoke("PutProfileObject", DomainName=domain, ObjectTypeName="CTR", Object=record)
    (found,) = invoke("SearchProfiles", DomainName=domain, KeyName="_ctrContactId", Values=["c-1"])["Items"]
    assert found["PhoneNumber"] == "+15551230000"
    names = [t["ObjectTypeName"] for t in invoke("ListProfileObjectTypes", DomainName=domain)["Items"]]
    assert names == ["CTR"]
    with refused("ResourceNotFoundException"):
        invoke("GetProfileObjectTypeTemplate", TemplateId="Nope")


def test_a_case_written_for_a_profile_arn_is_found_by_case_id(invoke, domain, store) -> None:
    pid = invoke("CreateProfile", DomainName=domain, FirstName="Ana")["ProfileId"]
    arn = f"arn:aws:profile:us-east-1:123456789012:domains/{domain}/profiles/{pid}"
    case = CaseSummary("11111111-2222-3333-4444-555555555555", title="Broken", status="open")
    assert case_written(store, arn, case, account="123456789012", region="us-east-1")
    (found,) = invoke("SearchProfiles", DomainName=domain, KeyName="_caseId", Values=[case.case_id])["Items"]
    assert found["ProfileId"] == pid
    (item,) = invoke("ListProfileObjects", DomainName=domain, ProfileId=pid, ObjectTypeName="_case")["Items"]
    assert json.loads(item["Object"])["Title"] == "Broken"
    assert not case_written(store, None, case, account="123456789012", region="us-east-1")
    assert (
        invoke("ListProfileObjects", DomainName=domain, ProfileId=pid, ObjectTypeName="_case")["Items"] == []
    )


def test_integrations_belong_to_one_domain_and_list_across_the_account(invoke, domain) -> None:
    uri = "arn:aws:connect:us-east-1:123456789012:instance/abc"
    invoke("PutIntegration", DomainName=domain, Uri=uri, ObjectTypeName="CTR")
    assert invoke("GetIntegration", DomainName=domain, Uri=uri)["ObjectTypeName"] == "CTR"
    invoke("CreateDomain", DomainName="other", DefaultExpirationDays=1)
    with refused("BadRequestException", "Uri"):
        invoke("PutIntegration", DomainName="other", Uri=uri, ObjectTypeName="CTR")
    assert [i["DomainName"] for i in invoke("ListAccountIntegrations", Uri=uri)["Items"]] == [domain]
    invoke("DeleteIntegration", DomainName=domain, Uri=uri)
    assert invoke("ListIntegrations", DomainName=domain)["Items"] == []
