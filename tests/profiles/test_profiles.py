"""Profiles: create, update, search, keys, merge, batch get, attribute values, history."""

from __future__ import annotations

import pytest

from tests.profiles.conftest import refused


def a_profile(invoke, domain: str, **fields: object) -> str:
    return invoke("CreateProfile", DomainName=domain, **fields)["ProfileId"]


def search(invoke, domain: str, key: str, *values: str, **more: object) -> list[dict]:
    return invoke("SearchProfiles", DomainName=domain, KeyName=key, Values=list(values), **more)["Items"]


def test_phone_search_compares_digits_and_email_ignores_case(invoke, domain) -> None:
    pid = a_profile(
        invoke, domain, FirstName="Ana", PhoneNumber="+1 (555) 123-4567", EmailAddress="Ana@X.com"
    )
    assert [p["ProfileId"] for p in search(invoke, domain, "_phone", "555-123-4567")] == [pid]
    assert [p["ProfileId"] for p in search(invoke, domain, "_email", "ana@x.com")] == [pid]
    assert search(invoke, domain, "_phone", "555-000-0000") == []


def test_and_needs_every_key_or_needs_one_and_found_by_names_them(invoke, domain) -> None:
    ana = a_profile(invoke, domain, AccountNumber="A1", EmailAddress="a@x.com")
    a_profile(invoke, domain, AccountNumber="B2", EmailAddress="b@x.com")
    extra = [{"KeyName": "_email", "Values": ["b@x.com"]}]
    ors = search(invoke, domain, "_account", "A1", AdditionalSearchKeys=extra)
    assert len(ors) == 2
    assert ors[0]["FoundByItems"] == [{"KeyName": "_account", "Values": ["A1"]}]
    ands = search(invoke, domain, "_account", "A1", AdditionalSearchKeys=extra, LogicalOperator="AND")
    assert ands == []
    match = [{"KeyName": "_email", "Values": ["a@x.com"]}]
    found = search(invoke, domain, "_account", "A1", AdditionalSearchKeys=match, LogicalOperator="AND")
    assert [p["ProfileId"] for p in found] == [ana]


def test_update_removes_a_value_given_as_empty_and_keeps_absent_ones(invoke, domain) -> None:
    pid = a_profile(
        invoke, domain, FirstName="Ana", LastName="Lee", Address={"City": "Lyon", "Country": "FR"}
    )
    invoke("UpdateProfile", DomainName=domain, ProfileId=pid, LastName="", Address={"City": ""})
    (got,) = invoke("BatchGetProfile", DomainName=domain, ProfileIds=[pid])["Profiles"]
    assert got == {"ProfileId": pid, "FirstName": "Ana", "Address": {"Country": "FR"}}


def test_batch_get_reports_a_missing_profile_as_an_error_item(invoke, domain) -> None:
    missing = "0" * 32
    out = invoke("BatchGetProfile", DomainName=domain, ProfileIds=[missing])
    assert out["Profiles"] == []
    assert out["Errors"][0]["ProfileId"] == missing


def test_an_added_key_finds_the_profile_until_deleted(invoke, domain) -> None:
    pid = a_profile(invoke, domain)
    invoke("AddProfileKey", DomainName=domain, ProfileId=pid, KeyName="_ctrContactId", Values=["c-1"])
    assert len(search(invoke, domain, "_ctrContactId", "c-1")) == 1
    invoke("DeleteProfileKey", DomainName=domain, ProfileId=pid, KeyName="_ctrContactId", Values=["c-1"])
    assert search(invoke, domain, "_ctrContactId", "c-1") == []
    with refused("BadRequestException", "Values"):
        invoke("DeleteProfileKey", DomainName=domain, ProfileId=pid, KeyName="_ctrContactId", Values=["c-1"])


def merged(invoke, domain: str) -> tuple[str, str]:
    """Two profiles, the second (with a key) merged into the first taking its FirstName: (main, other)."""
    main = a_profile(invoke, domain, FirstName="Ana")
    other = a_profile(invoke, domain, FirstName="Anna", EmailAddress="a@x.com")
    invoke("AddProfileKey", DomainName=domain, ProfileId=other, KeyName="loyalty", Values=["L9"])
    invoke(
        "MergeProfiles",
        DomainName=domain,
        MainProfileId=main,
        ProfileIdsToBeMerged=[other],
        FieldSourceProfileIds={"FirstName": other},
    )
    return main, other


def test_merge_unions_fields_moves_keys_and_deletes_the_merged(invoke, domain) -> None:
    main, other = merged(invoke, domain)
    (got,) = search(invoke, domain, "loyalty", "L9")
    assert got == {"ProfileId": main, "FirstName": "Anna", "EmailAddress": "a@x.com"}
    with refused("ResourceNotFoundException"):
        invoke("UpdateProfile", DomainName=domain, ProfileId=other, FirstName="x")


@pytest.mark.needs_model("customer-profiles.ListProfileHistoryRecords")
def test_a_merge_is_recorded_in_the_main_profiles_history(invoke, domain) -> None:
    main, _ = merged(invoke, domain)
    actions = [
        r["ActionType"]
        for r in invoke("ListProfileHistoryRecords", DomainName=domain, ProfileId=main)[
            "ProfileHistoryRecords"
        ]
    ]
    assert actions == ["MERGED", "CREATED"]


def test_attribute_values_are_the_distinct_values_of_a_field(invoke, domain) -> None:
    a_profile(invoke, domain, Address={"City": "Lyon"})
    a_profile(invoke, domain, Address={"City": "Oslo"})
    a_profile(invoke, domain, Address={"City": "Lyon"})
    out = invoke("ListProfileAttributeValues", DomainName=domain, AttributeName="Address.City")
    assert out["Items"] == [{"Value": "Lyon"}, {"Value": "Oslo"}]
    with refused("BadRequestException", "AttributeName"):
        invoke("ListProfileAttributeValues", DomainName=domain, AttributeName="Shoe")


@pytest.mark.needs_model(
    "customer-profiles.ListProfileHistoryRecords", "customer-profiles.GetProfileHistoryRecord"
)
def test_a_history_record_reads_back_with_its_content(invoke, domain) -> None:
    pid = a_profile(invoke, domain, FirstName="Ana")
    (entry,) = invoke("ListProfileHistoryRecords", DomainName=domain, ProfileId=pid)["ProfileHistoryRecords"]
    got = invoke("GetProfileHistoryRecord", DomainName=domain, ProfileId=pid, Id=entry["Id"])
    assert got["ActionType"] == "CREATED"
    assert got["Content"] == '{"FirstName": "Ana"}'
    assert got["PerformedBy"] == "arn:aws:iam::123456789012:user/cases-mock"
