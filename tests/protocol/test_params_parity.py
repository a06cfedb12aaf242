"""botocore's own parameters taken at before-call (``_protocol/params.py``) are exactly what the
wire parser (``parse.py``) reads from the request botocore serialises of them: for every
operation of both registered services' models, over generated inputs (valid ones, ones outside
the model's constraints, and any type botocore lets through with its validation off), and for
each timestamp form and blobs; a plan per operation is built once."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

import pytest
from botocore.awsrequest import prepare_request_dict
from botocore.model import OperationModel, ServiceModel
from botocore.serialize import create_serializer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases_mock._engine.wire import wire_request
from cases_mock._protocol.params import _plan, plan_for
from cases_mock._protocol.params import given as params_given
from cases_mock._protocol.parse import parse
from cases_mock._protocol.router import resolve
from cases_mock._services import registry
from tests.protocol.test_parsed_parity import assert_same, outcome
from tests.reliability.strategies import params_for, timestamps

ENDPOINT = "https://cases.us-east-1.amazonaws.com"
OPERATIONS = [(service.name, name) for service in registry.services() for name in service.operation_names()]


def both(op: OperationModel, params: dict[str, Any], *, validate: bool) -> tuple[Any, Any] | None:
    """What the parser reads from botocore's request for ``params`` and what ``given`` makes of
    ``params`` (None when botocore refuses them before any request is made)."""
    try:
        request = create_serializer("rest-json", include_validation=validate).serialize_to_request(params, op)
    except Exception:  # botocore refused them: no request, no before-call
        return None
    prepare_request_dict(request, ENDPOINT)
    wire = wire_request(request["method"], request["url"], request["headers"], request["body"])
    try:
        routed, labels = resolve(op.service_model.service_name, "", wire.method, wire.path)
    except Exception:
        return None  # not routed (an empty label, say): the dispatcher never asks ``given``
    if routed.name != op.name:
        return None  # routed elsewhere: the before-call way in parses the wire then
    parsed = outcome(lambda: parse(routed, wire, labels))
    taken = outcome(lambda: params_given(routed, params, labels))
    if taken == ("value", None):
        return None
    return parsed, taken


def _op(service: str, name: str) -> OperationModel:
    found = registry.by_name(service)
    assert found is not None
    return found.operation(name)


def _inputs(op: OperationModel) -> st.SearchStrategy[Any]:
    return st.just({}) if op.input_shape is None else params_for(op.input_shape, {})


@pytest.mark.parametrize(("service", "name"), OPERATIONS)
@pytest.mark.filterwarnings("ignore:Generating overly large repr")  # a large input, drawn as data
@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(data=st.data())
def test_every_operation_takes_botocore_s_params_as_the_parser_reads_its_request(
    service: str, name: str, data: st.DataObject
) -> None:
    op = _op(service, name)
    params = data.draw(_inputs(op))
    validate = data.draw(st.booleans())
    found = both(op, params, validate=validate)
    if found is not None:
        assert_same(found[0], found[1], f"{service}.{name}")


SEARCH_INPUT = {
    "domainId": "d-1",
    "searchTerm": "broken",
    "filter": {"andAll": [{"field": {"equalTo": {"id": "status", "value": {"stringValue": "open"}}}}]},
    "fields": [{"id": "title"}, {"id": "status"}],
    "sorts": [{"fieldId": "created", "sortOrder": "Desc"}],
    "maxResults": 25,
}


@pytest.mark.parametrize(
    ("service", "name", "params"),
    [
        ("connectcases", "SearchCases", SEARCH_INPUT),
        ("connectcases", "GetCase", {"domainId": "d-1", "caseId": "c-1", "fields": [{"id": "title"}]}),
        (
            "connectcases",
            "ListFieldOptions",
            {"domainId": "d", "fieldId": "f", "maxResults": 5, "values": ["a", "b"]},
        ),
        ("connectcases", "ListTemplates", {"domainId": "d", "status": ["Active"], "nextToken": "n t+&="}),
        (
            "customer-profiles",
            "ListAccountIntegrations",
            {"Uri": "arn:a", "IncludeHidden": True, "MaxResults": 3},
        ),
    ],
)
def test_typical_calls_are_taken_from_botocore_s_params_not_parsed(
    service: str, name: str, params: dict[str, Any]
) -> None:
    found = both(_op(service, name), params, validate=True)
    assert found is not None, "fell back to parsing the wire"
    assert found[1][0] == "value"
    assert_same(found[0], found[1])


@settings(max_examples=40, deadline=None)
@given(moment=timestamps())
def test_every_timestamp_form_botocore_accepts_is_taken_as_the_parser_reads_it(moment: Any) -> None:
    params = {"DomainName": "d", "WorkflowType": "APPFLOW_INTEGRATION", "QueryStartDate": moment}
    found = both(_op("customer-profiles", "ListWorkflows"), params, validate=True)
    assert found is not None
    assert_same(found[0], found[1])


def test_a_timestamp_reaches_the_handler_as_the_number_botocore_writes() -> None:
    moment = datetime(2026, 3, 1, 12, 30, 15, 250000, tzinfo=timezone.utc)
    params = {"DomainName": "d", "WorkflowType": "APPFLOW_INTEGRATION", "QueryStartDate": moment}
    taken = params_given(_op("customer-profiles", "ListWorkflows"), params, {"DomainName": "d"})
    assert taken is not None
    found = both(_op("customer-profiles", "ListWorkflows"), params, validate=True)
    assert found is not None
    assert found[0] == ("value", taken)
    assert isinstance(taken["QueryStartDate"], (int, float))


DECIMAL = {"id": "priority", "value": {"doubleValue": Decimal("2.5")}}
INFINITY = {"id": "ratio", "value": {"doubleValue": float("inf")}}


def _writes_decimals_and_infinity_as_text() -> bool:
    """Whether the installed botocore writes a Decimal as a number and an infinity as the string
    "Infinity" (older releases, 1.36.15 among them, refuse a Decimal and write a bare Infinity)."""
    params = {"domainId": "d", "caseId": "c", "fields": [DECIMAL, INFINITY]}
    serializer = create_serializer("rest-json", include_validation=False)
    try:
        body = serializer.serialize_to_request(params, _op("connectcases", "UpdateCase"))["body"]
    except TypeError:
        return False
    return b'"Infinity"' in body


def test_a_tuple_and_an_infinity_are_taken_as_botocore_writes_them() -> None:
    params = {"domainId": "d", "caseId": "c", "fields": (INFINITY,)}
    found = both(_op("connectcases", "UpdateCase"), params, validate=False)
    assert found is not None
    assert_same(found[0], found[1])


@pytest.mark.skipif(
    not _writes_decimals_and_infinity_as_text(),
    reason="the installed botocore refuses a Decimal and writes a bare Infinity",
)
def test_decimals_tuples_and_the_infinities_are_taken_as_botocore_writes_them() -> None:
    params = {"domainId": "d", "caseId": "c", "fields": (DECIMAL, INFINITY)}
    found = both(_op("connectcases", "UpdateCase"), params, validate=False)
    assert found is not None
    assert_same(found[0], found[1])
    assert found[1][1]["fields"][1]["value"]["doubleValue"] == "Infinity"


SYNTHETIC = ServiceModel(
    {
        "metadata": {"protocol": "rest-json", "serviceId": "Synthetic", "endpointPrefix": "cases"},
        "operations": {
            "Put": {
                "name": "Put",
                "http": {"method": "POST", "requestUri": "/put/{id}"},
                "input": {"shape": "PutInput"},
            }
        },
        "shapes": {
            "PutInput": {
                "type": "structure",
                "required": ["id"],
                "members": {
                    "id": {"shape": "Text", "location": "uri", "locationName": "id"},
                    "data": {"shape": "Data"},
                    "chunks": {"shape": "Chunks"},
                    "since": {"shape": "When", "location": "querystring", "locationName": "since"},
                },
            },
            "Text": {"type": "string"},
            "Data": {"type": "blob"},
            "Chunks": {"type": "list", "member": {"shape": "Data"}},
            "When": {"type": "timestamp"},
        },
    },
    service_name="synthetic",
)


@pytest.mark.parametrize(
    "data",
    [b"\x00\xffraw", bytearray(b"abc"), "text as blob", b""],
)
def test_a_blob_is_taken_as_the_base64_text_botocore_writes(data: Any) -> None:
    op = SYNTHETIC.operation_model("Put")
    since = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    params = {"id": "x 1", "data": data, "chunks": [data, b"2"], "since": since}
    request = create_serializer("rest-json").serialize_to_request(params, op)
    prepare_request_dict(request, ENDPOINT)
    wire = wire_request(request["method"], request["url"], request["headers"], request["body"])
    labels = {"id": "x 1"}
    plan = plan_for(op)
    assert plan is not None
    taken = plan(params, labels)
    assert_same(parse(op, wire, labels), taken)
    assert isinstance(taken["data"], str)


def test_each_operation_s_plan_is_built_once() -> None:
    assert _plan("connectcases", "GetCase") is _plan("connectcases", "GetCase")
