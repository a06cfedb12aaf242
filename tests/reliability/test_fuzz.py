"""Model-driven fuzzing: every implemented operation, through boto3 without client-side
validation and as raw HTTP, never answers an unmodeled error, never a 500, never lets an
exception escape, and a failed call leaves the state exactly as it was.

The default profile is sized for CI; ``HYPOTHESIS_PROFILE=long`` runs many more examples.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from botocore.exceptions import ClientError, ParamValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases_mock import CasesMock, mock_connectcases
from cases_mock._services.connectcases.handlers import load_all
from cases_mock._services.connectcases.service import SERVICE
from tests.builders import a_client, an_unchecked_client
from tests.reliability.strategies import params_for
from tests.rules.domain import a_rule_domain

settings.register_profile("ci", max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
settings.register_profile("long", max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")
IMPLEMENTED = sorted(name for name in SERVICE.operation_names() if name in load_all())
PROTOCOL_ERRORS = {"ValidationException", "UnknownOperationException"}
BUG = "cases_mock hit an unexpected error"


@pytest.fixture(scope="module")
def world() -> Iterator[tuple[CasesMock, dict[str, list[str]]]]:
    with mock_connectcases(keep_state=True) as mock:
        domain = a_rule_domain(a_client(), "fuzz")
        template_id = domain.template()
        case_id = domain.create_case(template_id, note="n", priority=1)
        rule = domain.rule({"required": {"defaultValue": False, "conditions": []}})
        ids = {
            "domainId": [domain.domain_id],
            "templateId": [template_id],
            "caseId": [case_id],
            "caseRuleId": [rule],
            "fieldId": [*domain.ids.values(), "status", "title"],
            "id": [*domain.ids.values(), "status", "title"],
            "arn": [domain.client.get_domain(domainId=domain.domain_id)["domainArn"]],
        }
        yield mock, ids
    mock.reset()


def _modeled(name: str) -> set[str]:
    return {shape.name for shape in SERVICE.operation(name).error_shapes} | PROTOCOL_ERRORS


def _method(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


@pytest.mark.parametrize("name", IMPLEMENTED)
def test_boto3_without_validation(world: tuple[CasesMock, dict[str, list[str]]], name: str) -> None:
    mock, ids = world
    client = an_unchecked_client()
    shape = SERVICE.operation(name).input_shape

    @given(params=params_for(shape, ids))
    def check(params: dict[str, Any]) -> None:
        before = mock.export_state()
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
            assert mock.export_state() == before, "a failed call changed the state"

    check()


@pytest.mark.parametrize("name", IMPLEMENTED)
def test_raw_http_bodies_of_any_json(world: tuple[CasesMock, dict[str, list[str]]], name: str) -> None:
    mock, ids = world
    op = SERVICE.operation(name)
    path = op.http["requestUri"].split("?")[0]
    for label in (
        "domainId",
        "caseId",
        "fieldId",
        "templateId",
        "layoutId",
        "caseRuleId",
        "relatedItemId",
        "arn",
    ):
        path = path.replace("{" + label + "}", (ids.get(label) or ["ghost"])[0]).replace(
            "{" + label + "+}", "ghost"
        )
    url = f"https://cases.us-east-1.amazonaws.com{path}"
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.just(10**400) | st.floats() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
        max_leaves=8,
    )
    members = st.sampled_from(list(op.input_shape.members) or ["x"])
    bodies = st.one_of(
        st.dictionaries(members, json_values, max_size=4).map(json.dumps),
        json_values.map(json.dumps),
        # nesting beyond the documented depth (some past the JSON parser's recursion limit)
        st.builds(
            lambda member, depth, nest: json.dumps({member: None}).replace(
                "null", nest[0] * depth + nest[1] + nest[2] * depth
            ),
            members,
            st.sampled_from([65, 200, 5000, 20000]),
            st.sampled_from([("[", "", "]"), ('{"a":', "1", "}")]),
        ),
    )

    @given(body=bodies)
    def check(body: str) -> None:
        before = mock.export_state()
        answer = requests.request(op.http["method"], url, data=body, timeout=5)
        assert answer.status_code < 500, answer.text
        if answer.status_code >= 300:
            code = answer.headers.get("x-amzn-ErrorType", "")
            assert code in _modeled(name), (code, answer.text)
            assert mock.export_state() == before

    check()
