"""Every operation the issue lists has a handler; every other one answers "not mocked yet"."""

from __future__ import annotations

import pytest

from cases_mock._services.customerprofiles.handlers import load_all
from cases_mock._services.customerprofiles.model import MOCKED_OPERATIONS, service_model
from tests.profiles.conftest import refused


def test_every_listed_operation_has_a_handler_and_no_other_does() -> None:
    assert set(load_all()) == MOCKED_OPERATIONS


@pytest.mark.needs_model(  # the newest of the listed operations: an older model lacks them
    "customer-profiles.ListProfileHistoryRecords", "customer-profiles.GetProfileHistoryRecord"
)
def test_every_listed_operation_is_in_the_model() -> None:
    assert set(service_model().operation_names) >= MOCKED_OPERATIONS


def test_an_unlisted_operation_answers_a_modeled_bad_request_naming_it(invoke) -> None:
    with refused("BadRequestException", "does not mock Customer Profiles ListSegmentDefinitions yet"):
        invoke("ListSegmentDefinitions", DomainName="shop")


def test_an_untagged_resource_lists_no_tags_member(invoke, domain) -> None:
    arn = f"arn:aws:profile:us-east-1:123456789012:domains/{domain}"
    assert invoke("ListTagsForResource", resourceArn=arn) == {}
    invoke("TagResource", resourceArn=arn, tags={"team": "care"})
    invoke("UntagResource", resourceArn=arn, tagKeys=["team"])
    assert invoke("ListTagsForResource", resourceArn=arn) == {}
