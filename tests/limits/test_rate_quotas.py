"""Opt-in API rate quotas: a token bucket per account, region and operation, on the mock's clock,
at the documented defaults of
https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html#cases-api-quotas
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError

from cases_mock._engine.limits import DEFAULT_RATE, RATES, Rate
from cases_mock._services.connectcases.releases import OPERATIONS
from tests.builders import a_client
from tests.limits.conftest import Desk


def _update(desk: Desk, case_id: str, client: Any = None) -> None:
    (client or desk.client).update_case(
        domainId=desk.domain_id, caseId=case_id, fields=[{"id": "summary", "value": {"stringValue": "x"}}]
    )


def _throttled(action: Any) -> dict[str, Any]:
    with pytest.raises(ClientError) as raised:
        action()
    return dict(raised.value.response)


def test_throttling_is_off_by_default(desk: Desk) -> None:
    case_id = desk.create_case("a")
    for _ in range(30):
        _update(desk, case_id)
    assert desk.mock.limits.throttling is False


def test_update_case_throttles_after_its_burst_and_refills_at_its_rate(desk: Desk) -> None:
    """UpdateCase: 2 requests per second, burst 2."""
    case_id = desk.create_case("a")
    desk.mock.limits.throttling = True
    assert desk.mock.limits.rate("UpdateCase") == Rate(2, 2)

    _update(desk, case_id)
    _update(desk, case_id)
    response = _throttled(lambda: _update(desk, case_id))

    assert response["Error"]["Code"] == "ThrottlingException"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 429
    assert "UpdateCase" in response["Error"]["Message"]
    desk.mock.clock.advance(timedelta(milliseconds=500))
    _update(desk, case_id)
    assert _throttled(lambda: _update(desk, case_id))["Error"]["Code"] == "ThrottlingException"
    desk.mock.clock.advance(timedelta(minutes=5))
    _update(desk, case_id)
    _update(desk, case_id)
    assert _throttled(lambda: _update(desk, case_id))["Error"]["Code"] == "ThrottlingException"
    assert [c.status for c in desk.mock.calls_of("UpdateCase")][-3:] == [200, 200, 429]


def test_each_operation_region_and_account_has_its_own_bucket(desk: Desk) -> None:
    case_id = desk.create_case("a")
    desk.mock.limits.throttling = True
    _update(desk, case_id)
    _update(desk, case_id)
    assert _throttled(lambda: _update(desk, case_id))["Error"]["Code"] == "ThrottlingException"

    desk.client.get_case(domainId=desk.domain_id, caseId=case_id, fields=[{"id": "title"}])
    other_region = a_client("eu-west-2")
    domain = other_region.create_domain(name="elsewhere")["domainId"]
    template = other_region.create_template(domainId=domain, name="t")["templateId"]
    other = other_region.create_case(
        domainId=domain, templateId=template, fields=[{"id": "title", "value": {"stringValue": "b"}}]
    )["caseId"]
    other_region.update_case(domainId=domain, caseId=other, fields=[])


def test_rates_are_the_cases_api_throttling_quotas_of_the_page(desk: Desk) -> None:
    """The "Cases API throttling quotas" table of
    https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html#cases-api-quotas
    row by row; an operation the table does not list gets the mock's default."""
    rows = {
        Rate(2, 10): "CreateCase SearchCases ListTemplates ListLayouts CreateRelatedItem SearchRelatedItems "
        "ListCaseRules ListTagsForResource TagResource UntagResource GetCaseAuditEvents "
        "GetCaseEventConfiguration PutCaseEventConfiguration",
        Rate(4, 10): "GetCase",
        Rate(2, 2): "UpdateCase ListCasesForContact",
        Rate(2, 5): "CreateField ListFields UpdateField BatchPutFieldOptions CreateDomain GetDomain "
        "ListDomains CreateTemplate UpdateTemplate CreateLayout UpdateLayout CreateCaseRule UpdateCaseRule "
        "DeleteCaseRule",
        Rate(8, 25): "BatchGetField BatchGetCaseRule",
        Rate(6, 16): "ListFieldOptions",
        Rate(6, 20): "GetTemplate GetLayout",
    }
    expected = {operation: rate for rate, names in rows.items() for operation in names.split()}
    assert expected == RATES
    assert set(RATES) <= set(OPERATIONS)  # every name is an operation (the page writes two in plural)
    for unlisted in ("DeleteCase", "BatchUpdateCase", "SearchAllRelatedItems", "StartMergeCases"):
        assert desk.mock.limits.rate(unlisted) == DEFAULT_RATE == Rate(2, 10)


def test_batch_get_field_bursts_to_25_and_refills_at_8_per_second(desk: Desk) -> None:
    """BatchGetField: rate 8, burst 25 (the page's "Cases API throttling quotas")."""
    desk.mock.limits.throttling = True

    def get() -> Any:
        return desk.client.batch_get_field(domainId=desk.domain_id, fields=[{"id": "title"}])

    for _ in range(25):
        get()
    assert _throttled(get)["Error"]["Code"] == "ThrottlingException"
    desk.mock.clock.advance(timedelta(milliseconds=125))  # 8/s: one token
    get()
    assert _throttled(get)["Error"]["Code"] == "ThrottlingException"
    desk.client.get_template(domainId=desk.domain_id, templateId=desk.template_id)  # its own bucket


def test_rates_are_settable(desk: Desk) -> None:
    desk.mock.limits.throttling = True
    desk.mock.limits.rates["CreateCase"] = Rate(1, 3)

    for title in "abc":
        desk.create_case(title)
    assert _throttled(lambda: desk.create_case("d"))["Error"]["Code"] == "ThrottlingException"
    desk.mock.clock.advance(timedelta(seconds=1))
    desk.create_case("d")
    assert desk.titles_found() == ["a", "b", "c", "d"]


def test_a_throttled_call_changes_nothing_and_limits_reset_with_the_mock(desk: Desk) -> None:
    desk.mock.limits.throttling = True
    desk.mock.limits.rates["CreateCase"] = Rate(1, 1)
    desk.create_case("kept")
    _throttled(lambda: desk.create_case("refused"))
    assert desk.titles_found() == ["kept"]

    desk.mock.reset()
    assert desk.mock.limits.throttling is False
    assert desk.mock.limits.rate("CreateCase") == RATES["CreateCase"]
