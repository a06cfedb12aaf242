"""Case rules as a resource: create, read back, rename, delete, list, page, quota."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from botocore.exceptions import ClientError

from cases_mock import mock_connectcases
from tests.builders import (
    ALWAYS_REQUIRED,
    a_case_rule,
    a_client,
    a_domain,
    an_unchecked_client,
    case_rule_detail,
    error_of,
)

NEVER_HIDDEN = {"hidden": {"defaultValue": False, "conditions": []}}


@mock_connectcases
def test_a_created_rule_reads_back_with_every_member() -> None:
    client = a_client()
    domain_id = a_domain(client)
    created = client.create_case_rule(
        domainId=domain_id, name="Reason when closed", description="why it was closed", rule=ALWAYS_REQUIRED
    )

    detail = case_rule_detail(client, domain_id, created["caseRuleId"])

    assert detail["caseRuleId"] == created["caseRuleId"]
    assert detail["caseRuleArn"] == created["caseRuleArn"]
    assert detail["name"] == "Reason when closed"
    assert detail["description"] == "why it was closed"
    assert detail["rule"] == ALWAYS_REQUIRED
    assert detail["deleted"] is False
    assert detail["tags"] == {}
    assert isinstance(detail["createdTime"], datetime)
    assert detail["lastModifiedTime"] == detail["createdTime"]


@mock_connectcases
def test_the_arn_names_partition_region_account_domain_and_rule() -> None:
    client = a_client("cn-north-1")
    domain_id = a_domain(client)
    created = client.create_case_rule(domainId=domain_id, name="r", rule=ALWAYS_REQUIRED)

    assert created["caseRuleArn"] == (
        f"arn:aws-cn:cases:cn-north-1:123456789012:domain/{domain_id}/case-rule/{created['caseRuleId']}"
    )


@mock_connectcases
def test_a_rule_without_description_has_none() -> None:
    client = a_client()
    domain_id = a_domain(client)
    case_rule_id = a_case_rule(client, domain_id)

    assert "description" not in case_rule_detail(client, domain_id, case_rule_id)
    assert "description" not in client.list_case_rules(domainId=domain_id)["caseRules"][0]


@mock_connectcases
def test_a_second_live_rule_with_the_same_name_conflicts() -> None:
    client = a_client()
    domain_id = a_domain(client)
    a_case_rule(client, domain_id, name="same")

    with pytest.raises(ClientError) as raised:
        a_case_rule(client, domain_id, name="same")

    assert error_of(raised)["Error"]["Code"] == "ConflictException"
    assert "same" in error_of(raised)["Error"]["Message"]


@mock_connectcases
def test_the_name_of_a_deleted_rule_can_be_used_again() -> None:
    client = a_client()
    domain_id = a_domain(client)
    client.delete_case_rule(domainId=domain_id, caseRuleId=a_case_rule(client, domain_id, name="again"))

    a_case_rule(client, domain_id, name="again")

    assert [r["name"] for r in client.list_case_rules(domainId=domain_id)["caseRules"]] == ["again"]


@mock_connectcases
def test_names_are_unique_per_domain_only() -> None:
    client = a_client()
    a_case_rule(client, a_domain(client, "one"), name="shared")
    a_case_rule(client, a_domain(client, "two"), name="shared")


def test_the_rule_quota_gives_service_quota_exceeded() -> None:
    with mock_connectcases() as mock:
        client = a_client()
        domain_id = a_domain(client)
        mock.backend().quotas.case_rules_per_domain = 2
        first = a_case_rule(client, domain_id, name="a")
        a_case_rule(client, domain_id, name="b")

        with pytest.raises(ClientError) as raised:
            a_case_rule(client, domain_id, name="c")
        assert error_of(raised)["Error"]["Code"] == "ServiceQuotaExceededException"

        client.delete_case_rule(domainId=domain_id, caseRuleId=first)
        a_case_rule(client, domain_id, name="c")


@mock_connectcases
def test_an_unknown_domain_is_not_found() -> None:
    client = a_client()

    with pytest.raises(ClientError) as raised:
        a_case_rule(client, "no-such-domain")

    assert error_of(raised)["Error"]["Code"] == "ResourceNotFoundException"
    assert error_of(raised)["resourceType"] == "Domain"


@pytest.mark.needs_model("CaseRuleDetails.hidden")
def test_an_update_changes_only_what_it_names_and_moves_last_modified() -> None:
    with mock_connectcases() as mock:
        mock.clock.freeze(datetime(2025, 2, 6, 12, 0, tzinfo=timezone.utc))
        client = a_client()
        domain_id = a_domain(client)
        case_rule_id = a_case_rule(client, domain_id, name="before", description="kept")
        mock.clock.advance(minutes=5)

        client.update_case_rule(domainId=domain_id, caseRuleId=case_rule_id, name="after")
        renamed = case_rule_detail(client, domain_id, case_rule_id)
        client.update_case_rule(domainId=domain_id, caseRuleId=case_rule_id, rule=NEVER_HIDDEN)
        client.update_case_rule(domainId=domain_id, caseRuleId=case_rule_id, description="")
        final = case_rule_detail(client, domain_id, case_rule_id)

    assert renamed["name"] == "after"
    assert renamed["description"] == "kept"
    assert renamed["rule"] == ALWAYS_REQUIRED
    assert renamed["createdTime"] == datetime(2025, 2, 6, 12, 0, tzinfo=timezone.utc)
    assert renamed["lastModifiedTime"] == datetime(2025, 2, 6, 12, 5, tzinfo=timezone.utc)
    assert final["rule"] == NEVER_HIDDEN
    assert final["description"] == ""


@mock_connectcases
def test_an_update_to_the_name_of_another_live_rule_conflicts() -> None:
    client = a_client()
    domain_id = a_domain(client)
    a_case_rule(client, domain_id, name="taken")
    mine = a_case_rule(client, domain_id, name="mine")

    client.update_case_rule(domainId=domain_id, caseRuleId=mine, name="mine")
    with pytest.raises(ClientError) as raised:
        client.update_case_rule(domainId=domain_id, caseRuleId=mine, name="taken")

    assert error_of(raised)["Error"]["Code"] == "ConflictException"
    assert case_rule_detail(client, domain_id, mine)["name"] == "mine"


@mock_connectcases
def test_an_update_that_names_nothing_is_refused() -> None:
    client = a_client()
    domain_id = a_domain(client)
    case_rule_id = a_case_rule(client, domain_id)

    with pytest.raises(ClientError) as raised:
        client.update_case_rule(domainId=domain_id, caseRuleId=case_rule_id)

    assert error_of(raised)["Error"]["Code"] == "ValidationException"


@mock_connectcases
def test_updating_a_deleted_rule_is_refused() -> None:
    client = a_client()
    domain_id = a_domain(client)
    case_rule_id = a_case_rule(client, domain_id)
    client.delete_case_rule(domainId=domain_id, caseRuleId=case_rule_id)

    with pytest.raises(ClientError) as raised:
        client.update_case_rule(domainId=domain_id, caseRuleId=case_rule_id, name="x")

    assert error_of(raised)["Error"]["Code"] == "ValidationException"
    assert case_rule_id in error_of(raised)["Error"]["Message"]


@mock_connectcases
@pytest.mark.parametrize("operation", ["update_case_rule", "delete_case_rule"])
def test_an_unknown_rule_in_the_path_is_not_found(operation: str) -> None:
    client = a_client()
    domain_id = a_domain(client)
    extra = {"name": "x"} if operation == "update_case_rule" else {}

    with pytest.raises(ClientError) as raised:
        getattr(client, operation)(domainId=domain_id, caseRuleId="nope", **extra)

    assert error_of(raised)["Error"]["Code"] == "ResourceNotFoundException"
    assert error_of(raised)["resourceType"] == "CaseRule"
    assert error_of(raised)["resourceId"] == "nope"


@mock_connectcases
def test_a_deleted_rule_stays_readable_flagged_deleted_and_leaves_the_list() -> None:
    client = a_client()
    domain_id = a_domain(client)
    case_rule_id = a_case_rule(client, domain_id)

    client.delete_case_rule(domainId=domain_id, caseRuleId=case_rule_id)
    client.delete_case_rule(domainId=domain_id, caseRuleId=case_rule_id)

    assert case_rule_detail(client, domain_id, case_rule_id)["deleted"] is True
    assert client.list_case_rules(domainId=domain_id)["caseRules"] == []


@pytest.mark.needs_model("BatchGetCaseRuleResponse.unprocessedCaseRules")
@mock_connectcases
def test_batch_get_reports_unknown_ids_as_errors_and_nothing_unprocessed() -> None:
    client = a_client()
    domain_id = a_domain(client)
    first = a_case_rule(client, domain_id, name="first")
    second = a_case_rule(client, domain_id, name="second")

    answer = client.batch_get_case_rule(
        domainId=domain_id, caseRules=[{"id": second}, {"id": "ghost"}, {"id": first}, {"id": second}]
    )

    assert [r["caseRuleId"] for r in answer["caseRules"]] == [second, first]
    assert answer["errors"] == [
        {
            "id": "ghost",
            "errorCode": "ResourceNotFoundException",
            "message": "CaseRule 'ghost' does not exist",
        }
    ]
    assert answer["unprocessedCaseRules"] == []


@mock_connectcases
def test_batch_get_takes_at_most_fifty_ids() -> None:
    client = an_unchecked_client()
    domain_id = a_domain(client)

    with pytest.raises(ClientError) as raised:
        client.batch_get_case_rule(domainId=domain_id, caseRules=[{"id": str(n)} for n in range(51)])

    assert error_of(raised)["Error"]["Code"] == "ValidationException"
    assert "caseRules" in error_of(raised)["Error"]["Message"]


@pytest.mark.needs_model("CaseRuleDetails.hidden")
@mock_connectcases
def test_the_list_summarises_each_live_rule_with_its_type_in_creation_order() -> None:
    client = a_client()
    domain_id = a_domain(client)
    required = a_case_rule(client, domain_id, name="r", description="d")
    hidden = a_case_rule(client, domain_id, NEVER_HIDDEN, name="h")

    listed = client.list_case_rules(domainId=domain_id)

    assert listed["caseRules"] == [
        {
            "caseRuleId": required,
            "name": "r",
            "caseRuleArn": case_rule_detail(client, domain_id, required)["caseRuleArn"],
            "ruleType": "Required",
            "description": "d",
        },
        {
            "caseRuleId": hidden,
            "name": "h",
            "caseRuleArn": case_rule_detail(client, domain_id, hidden)["caseRuleArn"],
            "ruleType": "Hidden",
        },
    ]
    assert "nextToken" not in listed


@mock_connectcases
def test_the_list_pages_with_max_results_and_next_token() -> None:
    client = a_client()
    domain_id = a_domain(client)
    ids = [a_case_rule(client, domain_id, name=f"rule-{n}") for n in range(5)]

    first = client.list_case_rules(domainId=domain_id, maxResults=2)
    second = client.list_case_rules(domainId=domain_id, maxResults=2, nextToken=first["nextToken"])
    client.delete_case_rule(domainId=domain_id, caseRuleId=ids[0])
    third = client.list_case_rules(domainId=domain_id, maxResults=2, nextToken=second["nextToken"])

    assert [r["caseRuleId"] for r in first["caseRules"]] == ids[:2]
    assert [r["caseRuleId"] for r in second["caseRules"]] == ids[2:4]
    assert [r["caseRuleId"] for r in third["caseRules"]] == ids[4:]
    assert "nextToken" not in third


@mock_connectcases
def test_the_boto3_paginator_walks_every_rule() -> None:
    client = a_client()
    domain_id = a_domain(client)
    ids = [a_case_rule(client, domain_id, name=f"rule-{n}") for n in range(7)]

    pages = list(
        client.get_paginator("list_case_rules").paginate(domainId=domain_id, PaginationConfig={"PageSize": 3})
    )

    assert [len(page["caseRules"]) for page in pages] == [3, 3, 1]
    assert [r["caseRuleId"] for page in pages for r in page["caseRules"]] == ids


@mock_connectcases
@pytest.mark.parametrize("max_results", [0, 101])
def test_max_results_stays_within_one_to_a_hundred(max_results: int) -> None:
    client = an_unchecked_client()
    domain_id = a_domain(client)

    with pytest.raises(ClientError) as raised:
        client.list_case_rules(domainId=domain_id, maxResults=max_results)

    assert error_of(raised)["Error"]["Code"] == "ValidationException"
    assert "maxResults" in error_of(raised)["Error"]["Message"]


@mock_connectcases
def test_a_token_from_another_domain_is_refused() -> None:
    client = a_client()
    one, two = a_domain(client, "one"), a_domain(client, "two")
    for n in range(2):
        a_case_rule(client, one, name=f"r{n}")
    token = client.list_case_rules(domainId=one, maxResults=1)["nextToken"]

    with pytest.raises(ClientError) as raised:
        client.list_case_rules(domainId=two, nextToken=token)

    assert error_of(raised)["Error"]["Code"] == "ValidationException"
