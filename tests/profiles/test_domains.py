"""Domains and tags."""

from __future__ import annotations

from tests.profiles.conftest import refused


def test_a_created_domain_reads_back_with_its_settings_and_stats(invoke) -> None:
    made = invoke("CreateDomain", DomainName="shop", DefaultExpirationDays=30, Tags={"team": "a"})
    assert made["DomainName"] == "shop"
    got = invoke("GetDomain", DomainName="shop")
    assert got["DefaultExpirationDays"] == 30
    assert got["Tags"] == {"team": "a"}
    assert got["Stats"] == {"ProfileCount": 0, "MeteringProfileCount": 0, "ObjectCount": 0, "TotalSize": 0}


def test_a_taken_domain_name_is_a_bad_request_naming_it(invoke, domain) -> None:
    with refused("BadRequestException", "'shop' already exists"):
        invoke("CreateDomain", DomainName="shop", DefaultExpirationDays=1)


def test_update_clears_the_dead_letter_queue_with_an_empty_string(invoke, domain) -> None:
    invoke("UpdateDomain", DomainName=domain, DeadLetterQueueUrl="https://sqs.example/q")
    assert invoke("GetDomain", DomainName=domain)["DeadLetterQueueUrl"] == "https://sqs.example/q"
    invoke("UpdateDomain", DomainName=domain, DeadLetterQueueUrl="")
    assert "DeadLetterQueueUrl" not in invoke("GetDomain", DomainName=domain)


def test_list_pages_through_domains_in_creation_order(invoke) -> None:
    for name in ("c", "a", "b"):
        invoke("CreateDomain", DomainName=name, DefaultExpirationDays=1)
    first = invoke("ListDomains", MaxResults=2)
    second = invoke("ListDomains", MaxResults=2, NextToken=first["NextToken"])
    assert [d["DomainName"] for d in first["Items"] + second["Items"]] == ["c", "a", "b"]
    assert "NextToken" not in second


def test_a_deleted_domain_is_not_found(invoke, domain) -> None:
    assert invoke("DeleteDomain", DomainName=domain) == {"Message": "Deleted"}
    with refused("ResourceNotFoundException", "Domain 'shop'"):
        invoke("GetDomain", DomainName=domain)


def test_tags_on_a_domain_arn(invoke, domain) -> None:
    arn = "arn:aws:profile:us-east-1:123456789012:domains/shop"
    invoke("TagResource", resourceArn=arn, tags={"k": "v", "x": "y"})
    invoke("UntagResource", resourceArn=arn, tagKeys=["x"])
    assert invoke("ListTagsForResource", resourceArn=arn) == {"tags": {"k": "v"}}
    with refused("ResourceNotFoundException"):
        invoke("ListTagsForResource", resourceArn=arn + "x")
