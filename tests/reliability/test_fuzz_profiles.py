"""Model-driven fuzzing of Customer Profiles (the Connect Cases version is test_fuzz.py): every
mocked operation, through boto3 without client-side validation and as raw HTTP to a Customer
Profiles host, never answers an error outside the operation's model (invalid input is its
BadRequestException, not the core's ValidationException), never a 500, never lets an exception
escape, and a failed call leaves the state exactly as it was.

Few examples per operation (the suite's time budget); ``HYPOTHESIS_PROFILE=long`` runs many more.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import boto3
import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError, ParamValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases_mock import CasesMock, mock_connectcases
from cases_mock._services.customerprofiles.handlers import load_all
from cases_mock._services.customerprofiles.service import SERVICE
from tests.reliability.strategies import params_for

EXAMPLES = 400 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 5
FEW = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")
MOCKED = sorted(name for name in SERVICE.operation_names() if name in load_all())
BUG = "cases_mock hit an unexpected error"
REGION = "us-east-1"
URI = "arn:aws:connect:us-east-1:123456789012:instance/fuzz"
World = tuple[CasesMock, dict[str, list[str]]]


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    with mock_connectcases(keep_state=True) as mock:
        client = boto3.client("customer-profiles", region_name=REGION)
        client.create_domain(DomainName="fuzz", DefaultExpirationDays=30)
        profile_id = client.create_profile(DomainName="fuzz", FirstName="Ana", EmailAddress="a@x.com")[
            "ProfileId"
        ]
        client.put_profile_object_type(
            DomainName="fuzz",
            ObjectTypeName="Order",
            Description="orders",
            Fields={
                "order": {"Source": "_source.id", "ContentType": "STRING"},
                "email": {
                    "Source": "_source.email",
                    "Target": "_profile.EmailAddress",
                    "ContentType": "EMAIL_ADDRESS",
                },
            },
            Keys={
                "orderId": [{"StandardIdentifiers": ["UNIQUE"], "FieldNames": ["order"]}],
                "_email": [{"StandardIdentifiers": ["PROFILE"], "FieldNames": ["email"]}],
            },
        )
        client.put_integration(DomainName="fuzz", Uri=URI, ObjectTypeName="CTR")
        history = (  # an older model lacks the history records (and nothing fuzzed needs an Id)
            client.list_profile_history_records(DomainName="fuzz", ProfileId=profile_id)
            if "ListProfileHistoryRecords" in SERVICE.operation_names()
            else {"ProfileHistoryRecords": []}
        )
        ids = {
            "DomainName": ["fuzz"],
            "ProfileId": [profile_id],
            "MainProfileId": [profile_id],
            "ProfileIds": [profile_id],
            "ObjectTypeName": ["Order", "_case", "CTR"],
            "TemplateId": ["CTR"],
            "Uri": [URI],
            "resourceArn": [f"arn:aws:profile:{REGION}:123456789012:domains/fuzz"],
            "Id": [record["Id"] for record in history["ProfileHistoryRecords"]],
            "KeyName": ["_email", "_phone", "orderId"],
            "AttributeName": ["FirstName", "Address.City"],
        }
        yield mock, ids
    mock.reset()


def _state(mock: CasesMock) -> dict[Any, Any]:
    """Every Customer Profiles domain of the mock, copied."""
    store = mock.engine.stores["customer-profiles"]
    return {key: copy.deepcopy(backend.domains) for key, backend in store.backends().items()}


def _modeled(name: str) -> set[str]:
    return {shape.name for shape in SERVICE.operation(name).error_shapes}


def _method(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


@pytest.mark.parametrize("name", MOCKED)
def test_boto3_without_validation(world: World, name: str) -> None:
    mock, ids = world
    client = boto3.client("customer-profiles", region_name=REGION, config=Config(parameter_validation=False))
    shape = SERVICE.operation(name).input_shape

    @FEW
    @given(params=params_for(shape, ids))
    def check(params: dict[str, Any]) -> None:
        before = _state(mock)
        failure: dict[str, Any] | None = None
        try:
            getattr(client, _method(name))(**params)
        except (ParamValidationError, KeyError):
            return  # botocore could not even serialise it (a missing URI label); nothing was sent
        except ClientError as error:
            failure = dict(error.response)
        if failure is not None:
            code, message = failure["Error"]["Code"], failure["Error"].get("Message", "")
            assert BUG not in message, message
            assert code in _modeled(name), (code, message)
            assert failure["ResponseMetadata"]["HTTPStatusCode"] < 500
            assert _state(mock) == before, "a failed call changed the state"

    check()


@pytest.mark.parametrize("name", MOCKED)
def test_raw_http_bodies_of_any_json(world: World, name: str) -> None:
    mock, ids = world
    op = SERVICE.operation(name)
    path = re.sub(
        r"\{(\w+)\+?\}",
        lambda label: quote((ids.get(label[1]) or ["ghost"])[0], safe=""),  # as botocore writes a label
        op.http["requestUri"].split("?")[0],
    )
    url = f"https://profile.{REGION}.amazonaws.com{path}"
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.just(10**400) | st.floats() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
        max_leaves=8,
    )
    members = st.sampled_from(list(op.input_shape.members) if op.input_shape else ["x"])
    bodies = st.one_of(
        st.dictionaries(members, json_values, max_size=4).map(json.dumps), json_values.map(json.dumps)
    )

    @FEW
    @given(body=bodies)
    def check(body: str) -> None:
        before = _state(mock)
        answer = requests.request(op.http["method"], url, data=body, timeout=5)
        assert answer.status_code < 500, answer.text
        if answer.status_code >= 300:
            code = answer.headers.get("x-amzn-ErrorType", "")
            assert code in _modeled(name), (code, answer.text)
            assert _state(mock) == before

    check()
