"""``mock.quotas``: the resource quotas, with the documented defaults of
https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html#cases-quotas
(the mock's choice where the page gives none), one object every backend of the mock reads."""

from __future__ import annotations

import pytest

from cases_mock import mock_connectcases
from cases_mock.limits import Quotas
from tests.builders import a_client
from tests.config.helpers import code_of
from tests.limits.conftest import Desk


def test_quotas_have_the_documented_defaults(desk: Desk) -> None:
    quotas = desk.mock.quotas
    assert (quotas.domains_per_account, quotas.fields_per_domain, quotas.layouts_per_domain) == (5, 500, 100)
    assert (quotas.templates_per_domain, quotas.related_items_per_case) == (100, 200)
    assert desk.mock.backend().quotas is quotas
    assert desk.mock.backend("eu-west-1").quotas is quotas


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
