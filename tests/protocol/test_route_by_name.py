"""Routing by the operation botocore called (``router.by_name``, the before-call way in) gives
exactly what matching the path botocore wrote gives (``router.resolve``), for every operation of
both registered services' models and generated label values (empty ones, ones holding ``/``,
percent signs, dots, other operations' literal segments, any text), or gives nothing and leaves
the match to decide; and a model whose routes overlap falls back where the values would let an
earlier route take the request."""

from __future__ import annotations

from functools import cache
from typing import Any

import botocore.session
import pytest
from botocore.awsrequest import prepare_request_dict
from botocore.model import OperationModel, ServiceModel
from botocore.serialize import create_serializer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases_mock._engine.wire import wire_request
from cases_mock._protocol.router import by_name, labels_by_name, match, plan_by_name, resolve, table_of
from cases_mock._services import registry
from tests.reliability.strategies import TEXT, params_for

ENDPOINT = "https://cases.us-east-1.amazonaws.com"
PREFIXED = "https://cases.us-east-1.amazonaws.com/prefix"  # a path botocore's render does not start
OPERATIONS = [(service.name, name) for service in registry.services() for name in service.operation_names()]
ODD = ["", "/", "a/b", "/a", "a/", "%2F", "%", "%41", "a b", "é", ".", "..", "+", "?x", "#", "~", ":"]


@cache
def _client_model(service: str) -> ServiceModel:
    """The model a boto3 client holds: a botocore session's, not the mock's own objects."""
    return botocore.session.Session().get_service_model(service)


def _literals(service: str) -> list[str]:
    found = registry.by_name(service)
    assert found is not None
    return sorted(
        {
            segment
            for name in found.operation_names()
            for segment in found.operation(name).http["requestUri"].split("?")[0].split("/")
            if segment and not segment.startswith("{")
        }
    )


def labels(service: str) -> st.SearchStrategy[Any]:
    return st.one_of(TEXT, st.sampled_from(ODD), st.sampled_from(_literals(service)), st.integers(0, 9))


def _uri_members(op: OperationModel) -> list[str]:
    shape = op.input_shape
    if shape is None:
        return []
    return [name for name, member in shape.members.items() if member.serialization.get("location") == "uri"]


def _request(
    op: OperationModel, params: dict[str, Any], validate: bool, endpoint: str
) -> dict[str, Any] | None:
    try:
        request = create_serializer("rest-json", include_validation=validate).serialize_to_request(params, op)
    except Exception:  # botocore refused them: no request, no before-call
        return None
    prepare_request_dict(request, endpoint)
    return request


def _plain(value: Any) -> bool:
    return type(value) is str and value != "" and "/" not in value


def _check(
    service: str, called: OperationModel, params: dict[str, Any], validate: bool, endpoint: str
) -> None:
    """Routed by name as by the path, or not at all; by name for every plain label at the endpoint."""
    request = _request(called, params, validate, endpoint)
    if request is None:
        return
    wire = wire_request(request["method"], request["url"], request["headers"], request["body"])
    named = by_name(service, called, params, wire.method, wire.path, request["url_path"])
    if named is not None:
        routed = resolve(service, "", wire.method, wire.path)
        assert routed[0] is named[0]
        assert routed[1] == named[1]
    plain = all(_plain(params.get(member)) for member in _uri_members(called))
    if endpoint == ENDPOINT and plain:
        assert named is not None, f"{service}.{called.name} {params} was not routed by name"
    if not plain:
        assert named is None


@pytest.mark.parametrize("service", [service.name for service in registry.services()])
def test_every_operation_routed_by_name_is_routed_as_its_path_is(service: str) -> None:
    model = _client_model(service)
    values: list[Any] = [*ODD, *_literals(service), "d-1", "x y", "\u00e9\u4e2d", 7]
    for name in model.operation_names:
        called = model.operation_model(name)
        members = _uri_members(called)
        for value in values if members else ["-"]:
            for each in members or [""]:  # one label takes the value, the others a plain one
                params = {member: value if member == each else "x" for member in members}
                for endpoint in (ENDPOINT, PREFIXED):
                    _check(service, called, params, False, endpoint)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_calls_routed_by_name_are_routed_as_their_paths_are(data: st.DataObject) -> None:
    service, name = data.draw(st.sampled_from(OPERATIONS), "operation")
    called = _client_model(service).operation_model(name)
    shape = called.input_shape
    params = {} if shape is None else data.draw(params_for(shape, {}))
    params.update({member: data.draw(labels(service), member) for member in _uri_members(called)})
    endpoint = data.draw(st.sampled_from([ENDPOINT, ENDPOINT, PREFIXED]), "endpoint")
    _check(service, called, params, data.draw(st.booleans(), "validate"), endpoint)


def test_a_call_of_another_service_or_an_unknown_operation_is_routed_by_its_path() -> None:
    called = _client_model("connectcases").operation_model("GetDomain")
    request = _request(called, {"domainId": "d-1"}, True, ENDPOINT)
    assert request is not None
    wire = wire_request(request["method"], request["url"], request["headers"], request["body"])
    assert by_name("connectcases", called, {"domainId": "d-1"}, "POST", wire.path, request["url_path"])
    assert (
        by_name("customer-profiles", called, {"domainId": "d-1"}, "POST", wire.path, request["url_path"])
        is None
    )
    assert by_name("connectcases", called, {"domainId": "d-1"}, "GET", wire.path, request["url_path"]) is None


OVERLAPPING = {
    "GetSpecial": "/things/special",
    "GetThing": "/things/{id}",
    "GetPart": "/things/{id}/parts/{part}",
    "GetAllOfPart": "/things/all/parts/{part}",
    "GetPartAll": "/things/{id}/parts/all",
    "GetSpecialPart": "/things/{id}/specials/{part}",
}
SYNTHETIC = ServiceModel(
    {
        "metadata": {"protocol": "rest-json", "serviceId": "Overlapping", "endpointPrefix": "cases"},
        "operations": {
            name: {
                "name": name,
                "http": {"method": "GET", "requestUri": uri},
                "input": {"shape": name},
            }
            for name, uri in OVERLAPPING.items()
        },
        "shapes": {
            **{
                name: {
                    "type": "structure",
                    "members": {
                        label: {"shape": "Text", "location": "uri", "locationName": label}
                        for label in ("id", "part")
                        if "{" + label + "}" in uri
                    },
                }
                for name, uri in OVERLAPPING.items()
            },
            "Text": {"type": "string"},
        },
    },
    service_name="overlapping",
)


@pytest.mark.parametrize("name", sorted(OVERLAPPING))
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_overlapping_routes_fall_back_where_an_earlier_route_would_take_the_request(
    name: str, data: st.DataObject
) -> None:
    table = table_of(SYNTHETIC.operation_model(each) for each in SYNTHETIC.operation_names)
    op = SYNTHETIC.operation_model(name)
    named = plan_by_name(table, op)
    assert named is not None
    words = st.sampled_from(["special", "all", "parts", "specials", "things", "x"])
    params = {member: data.draw(st.one_of(words, TEXT), member) for member in _uri_members(op)}
    request = _request(op, params, False, ENDPOINT)
    if request is None:
        return
    wire = wire_request(request["method"], request["url"], request["headers"], request["body"])
    found = labels_by_name(named, params, wire.method, wire.path, request["url_path"])
    routed = match(table, wire.method, wire.path)
    if found is not None:
        assert routed is not None
        assert routed[0].name == name
        assert routed[1] == found
    elif all(_plain(value) for value in params.values()):
        assert routed is not None
        assert routed[0].name != name


def test_overlapping_routes_know_their_rivals_once() -> None:
    table = table_of(SYNTHETIC.operation_model(each) for each in SYNTHETIC.operation_names)
    thing = plan_by_name(table, SYNTHETIC.operation_model("GetThing"))
    part = plan_by_name(table, SYNTHETIC.operation_model("GetPart"))
    special = plan_by_name(table, SYNTHETIC.operation_model("GetSpecialPart"))
    assert thing is not None
    assert thing.rivals == ((("id", "special"),),)
    assert part is not None
    assert sorted(part.rivals) == [(("id", "all"),), (("part", "all"),)]
    assert special is not None
    assert special.rivals == ()
