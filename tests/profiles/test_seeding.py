"""``mock.seed(...)`` makes its cases' customers as real Customer Profiles profiles of the same
account and region, linked to the cases as a CreateCase through boto3 links them."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest

from cases_mock import CasesMock, mock_connectcases
from tests.profiles.conftest import ACCOUNT, REGION, Invoke

OTHER = "210987654321"


def customer_of(cases: Any, domain_id: str, case_id: str) -> str | None:
    fields = cases.get_case(domainId=domain_id, caseId=case_id, fields=[{"id": "customer_id"}])["fields"]
    return next((f["value"]["stringValue"] for f in fields if f["id"] == "customer_id"), None)


def test_seeded_cases_belong_to_seeded_profiles_found_from_either_side(
    mock: CasesMock, invoke: Invoke
) -> None:
    seeded = mock.seed(name="support", cases=5, seed=2)
    cases = boto3.client("connectcases", region_name=REGION)

    assert seeded.profile_domain == "support"
    assert len(seeded.profile_ids) == 3  # one customer for every two cases
    found = invoke("SearchProfiles", DomainName="support", KeyName="_profileId", Values=seeded.profile_ids)
    assert sorted(p["ProfileId"] for p in found["Items"]) == sorted(seeded.profile_ids)
    for profile in found["Items"]:
        assert all(profile[name] for name in ("FirstName", "LastName", "AccountNumber"))
        assert profile["PhoneNumber"].startswith("+1555")
        assert profile["EmailAddress"].endswith("@example.com")
    for case_id in seeded.case_ids:
        profile_id = seeded.case_profiles[case_id]
        arn = f"arn:aws:profile:{REGION}:{ACCOUNT}:domains/support/profiles/{profile_id}"
        assert customer_of(cases, seeded.domain_id, case_id) == arn
        owners = invoke("SearchProfiles", DomainName="support", KeyName="_caseId", Values=[case_id])
        assert [owner["ProfileId"] for owner in owners["Items"]] == [profile_id]
    first = seeded.profile_ids[0]
    objects = invoke("ListProfileObjects", DomainName="support", ProfileId=first, ObjectTypeName="_case")
    listed = [json.loads(item["Object"]) for item in objects["Items"]]
    theirs = [case_id for case_id, profile_id in seeded.case_profiles.items() if profile_id == first]
    assert sorted(o["CaseId"] for o in listed) == sorted(theirs)
    assert {o["DataSource"] for o in listed} == {"Amazon Connect Cases"}
    assert [call.operation for call in mock.calls].count("CreateCase") == 0  # seeding is not a call


def test_seeding_reuses_a_profiles_domain_of_that_name_and_keeps_its_profiles(
    invoke: Invoke, mock: CasesMock
) -> None:
    invoke("CreateDomain", DomainName="Support-desk", DefaultExpirationDays=30)
    mine = invoke("CreateProfile", DomainName="Support-desk", FirstName="Own")["ProfileId"]

    seeded = mock.seed(name="Support desk", cases=2)  # a space is no domain name character: "-"

    assert seeded.profile_domain == "Support-desk"
    assert invoke("GetDomain", DomainName="Support-desk")["DefaultExpirationDays"] == 30
    every = [mine, *seeded.profile_ids]
    listed = invoke("SearchProfiles", DomainName="Support-desk", KeyName="_profileId", Values=every)
    assert sorted(p["ProfileId"] for p in listed["Items"]) == sorted(every)


def test_seeding_in_another_account_and_region_makes_the_profiles_there() -> None:
    with mock_connectcases() as mock:
        seeded = mock.seed(cases=1, region="eu-west-2", account_id=OTHER)
        key = {"aws_access_key_id": OTHER, "aws_secret_access_key": "x"}  # a 12-digit key names the account
        profiles = boto3.client("customer-profiles", region_name="eu-west-2", **key)
        owners = profiles.search_profiles(DomainName="seeded", KeyName="_caseId", Values=seeded.case_ids)
        assert [owner["ProfileId"] for owner in owners["Items"]] == seeded.profile_ids
        here = boto3.client("customer-profiles", region_name=REGION)
        assert here.list_domains()["Items"] == []


def test_with_profiles_off_seeding_makes_no_profiles_and_no_customer_ids() -> None:
    with mock_connectcases(profiles=False) as mock:
        seeded = mock.seed(cases=2)
        cases = boto3.client("connectcases", region_name=REGION)
        assert [customer_of(cases, seeded.domain_id, c) for c in seeded.case_ids] == [None, None]
        assert (seeded.profile_domain, seeded.profile_ids, seeded.case_profiles) == (None, [], {})
        with mock_connectcases():  # one that answers Customer Profiles, on the same state
            assert boto3.client("customer-profiles", region_name=REGION).list_domains()["Items"] == []


def test_a_seed_refused_for_a_taken_domain_name_makes_no_profiles() -> None:
    with mock_connectcases() as mock:
        mock.seed(name="taken", cases=2)
        profiles = boto3.client("customer-profiles", region_name=REGION)
        with pytest.raises(Exception, match="A domain named 'taken' already exists"):
            mock.seed(name="taken", cases=4)
        assert profiles.get_domain(DomainName="taken")["Stats"]["ProfileCount"] == 1
