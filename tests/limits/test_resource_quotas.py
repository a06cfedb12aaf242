"""``mock.quotas``: the resource quotas, with the documented defaults of
https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html#cases-quotas
(the mock's choice where the page gives none), one object every backend of the mock reads."""

from __future__ import annotations

from typing import Any

import pytest

from cases_mock import mock_connectcases
from cases_mock._engine.limits import Quotas
from tests.builders import a_client
from tests.config.helpers import code_of
from tests.limits.conftest import Desk


def test_quotas_have_the_documented_defaults(desk: Desk) -> None:
    """Every row of the "Cases service quotas" table of
    https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html#cases-quotas"""
    quotas = desk.mock.quotas
    assert (quotas.domains_per_account, quotas.fields_per_domain, quotas.options_per_field) == (5, 500, 500)
    assert (quotas.layouts_per_domain, quotas.templates_per_domain) == (100, 100)
    assert quotas.related_items_per_case == 200
    assert (quotas.files_per_case, quotas.fields_per_layout, quotas.slas_per_case) == (50, 100, 10)
    assert quotas.fields_per_custom_related_item == 5
    assert desk.mock.backend().quotas is quotas
    assert desk.mock.backend("eu-west-1").quotas is quotas


@pytest.mark.needs_model("RelatedItemInputContent.custom")
def test_a_custom_related_item_takes_at_most_5_fields(desk: Desk) -> None:
    """ "Fields in a Custom type related item: 5" (Cases service quotas,
    https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html#cases-quotas);
    the model's list maximum is 50."""
    create = desk.client.create_field
    ids = [create(domainId=desk.domain_id, name=f"f{n}", type="Text")["fieldId"] for n in range(6)]
    case_id = desk.create_case("a")

    def custom(count: int) -> Any:
        fields = [{"id": i, "value": {"stringValue": "x"}} for i in ids[:count]]
        return desk.client.create_related_item(
            domainId=desk.domain_id, caseId=case_id, type="Custom", content={"custom": {"fields": fields}}
        )

    code, message = code_of(lambda: custom(6))
    assert code == "ServiceQuotaExceededException"
    assert "at most 5 fields" in message
    listed = desk.client.search_related_items(domainId=desk.domain_id, caseId=case_id)["relatedItems"]
    assert listed == []
    custom(5)
    desk.mock.quotas.fields_per_custom_related_item = 6
    custom(6)


def test_a_quota_set_on_the_mock_applies_to_every_region(desk: Desk) -> None:
    desk.mock.quotas.domains_per_account = 1
    code, message = code_of(lambda: desk.client.create_domain(name="second"))
    assert code == "ServiceQuotaExceededException"
    assert "1 domains" in message
    elsewhere = a_client("ap-southeast-2")
    elsewhere.create_domain(name="first")
    assert code_of(lambda: elsewhere.create_domain(name="second"))[0] == "ServiceQuotaExceededException"


def test_quotas_can_be_replaced_and_are_reset_when_the_mock_stops() -> None:
    with mock_connectcases() as mock:
        client = a_client()
        domain_id = client.create_domain(name="d")["domainId"]
        mock.quotas = Quotas(templates_per_domain=1)
        client.create_template(domainId=domain_id, name="one")
        code, _ = code_of(lambda: client.create_template(domainId=domain_id, name="two"))
        assert code == "ServiceQuotaExceededException"

    with mock_connectcases() as fresh:
        assert fresh.quotas == Quotas()


@pytest.mark.needs_model("StartMergeCases")
def test_the_merge_field_value_limit_is_a_quota(desk: Desk) -> None:
    """StartMergeCases: "the primary case would have more than 500 field values"
    (https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_StartMergeCases.html)."""
    assert desk.mock.quotas.field_values_per_merged_case == 500
    primary, secondary = desk.create_case("p"), desk.create_case("s")
    desk.mock.quotas.field_values_per_merged_case = 3
    code, message = code_of(
        lambda: desk.client.start_merge_cases(
            domainId=desk.domain_id, caseId=primary, secondaryCaseIds=[secondary]
        )
    )
    assert code == "ValidationException"
    assert "more than 3 field values" in message


@pytest.mark.needs_model("RelatedItemInputContent.custom", "UpdateRelatedItem")
def test_an_update_may_not_take_a_custom_item_over_5_fields(desk: Desk) -> None:
    """UpdateRelatedItem: "There's a quota for the number of fields allowed in a Custom type related
    item" (https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_UpdateRelatedItem.html),
    5 by default; a refused update leaves the item as it was."""
    create = desk.client.create_field
    ids = [create(domainId=desk.domain_id, name=f"f{n}", type="Text")["fieldId"] for n in range(6)]
    case_id = desk.create_case("a")
    one = [{"id": ids[0], "value": {"stringValue": "kept"}}]
    item = desk.client.create_related_item(
        domainId=desk.domain_id, caseId=case_id, type="Custom", content={"custom": {"fields": one}}
    )["relatedItemId"]

    six = [{"id": i, "value": {"stringValue": "x"}} for i in ids]
    code, _ = code_of(
        lambda: desk.client.update_related_item(
            domainId=desk.domain_id, caseId=case_id, relatedItemId=item, content={"custom": {"fields": six}}
        )
    )

    assert code == "ServiceQuotaExceededException"
    listed = desk.client.search_related_items(domainId=desk.domain_id, caseId=case_id)["relatedItems"]
    assert [entry["content"] for entry in listed] == [{"custom": {"fields": one}}]
