"""The compiled validation plans (``_protocol/validation_plan.py``) refuse exactly what the
path-building validator (``validate.problems``) refuses, with its messages, for every operation's
input of both services; the residual plan (botocore's ``ParamValidator`` having run) refuses
exactly what the full plan refuses for whatever botocore lets through; the before-call way in
uses it only for a client whose parameter validation is on."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import boto3
import pytest
from botocore.awsrequest import prepare_request_dict
from botocore.config import Config
from botocore.exceptions import ClientError, ParamValidationError
from botocore.model import OperationModel, Shape
from botocore.serialize import create_serializer
from botocore.validate import ParamValidator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases_mock import mock_connectcases
from cases_mock._engine.activations import FULL_PATH_ENV
from cases_mock._engine.wire import wire_request
from cases_mock._protocol.errors import CasesError
from cases_mock._protocol.params import given as params_given
from cases_mock._protocol.router import resolve
from cases_mock._protocol.validate import problems
from cases_mock._protocol.validation_plan import full_plan, residual_plan, validate
from cases_mock._services import registry
from tests.builders import a_domain
from tests.reliability.strategies import TEXT

ENDPOINT = "https://cases.us-east-1.amazonaws.com"
OPERATIONS = [
    (service.name, name)
    for service in registry.services()
    for name in service.operation_names()
    if service.operation(name).input_shape is not None
]
LONE = st.sampled_from(["\ud800", "a\udfff", "é\ud834"])


def inputs(shape: Shape, odd: bool, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values of ``shape``: with ``odd``, within its constraints and just outside them, of types
    botocore refuses (``None``, a number for a string) or lets through (``True`` as a number,
    tuples, Decimals, non-finite doubles); else mostly what botocore's ``ParamValidator`` accepts
    (required members set, minima met, one union member) beside what only the mock refuses
    (maxima, enums, lone surrogates, ``True`` as a number, non-finite doubles)."""
    kind, meta = shape.type_name, shape.metadata
    low, high = meta.get("min", 0), meta.get("max", 10**6)
    if kind == "string":
        edges = [st.just("x" * n) for n in {low, min(high, 40), min(high + 1, 41)}]
        options = [st.text(min_size=low, max_size=low + 6), LONE, *edges, st.just(" trailing ")]
        if odd:
            options += [TEXT, st.just("x" * max(low - 1, 0)), st.integers(0, 3)]
        if shape.enum:
            options += [st.sampled_from(list(shape.enum))] * 3
        return st.one_of(options)
    if kind in ("integer", "long"):
        edges = [low, high, high + 1, 2**31, 2**63, True] + ([low - 1, -(2**63) - 1, 1.5] if odd else [])
        return st.one_of(st.sampled_from(edges), st.just(True), st.integers(low, low + 100))
    if kind in ("double", "float"):
        odd_ones = [-1, Decimal("1.5"), "1", 10**400] if odd else []
        return st.one_of(
            st.floats(min_value=None if odd else low, width=32),
            st.sampled_from([True, math.inf, -math.nan, *odd_ones]),
        )
    if kind == "boolean":
        return st.one_of(st.booleans(), st.just(1)) if odd else st.booleans()
    if kind == "timestamp":
        return st.one_of(st.datetimes(), st.sampled_from([0, 1.5, "2024-01-01T00:00:00Z", True, "soon"]))
    if kind == "blob":
        return st.one_of(st.binary(max_size=4), st.sampled_from(["aGk=", 3]))
    if depth > 2:
        return st.just([] if kind == "list" else {})
    if kind == "list":
        items = inputs(shape.member, odd, depth + 1)
        lists = [st.lists(items, min_size=low, max_size=low + 2)]
        if high < 30:
            lists.append(st.lists(items, min_size=high + 1, max_size=high + 1))
        if odd:
            lists += [st.lists(st.one_of(items, st.none()), max_size=3).map(tuple), st.just("no list")]
        return st.one_of(lists)
    if kind == "map":
        keys = st.one_of(TEXT, LONE, st.just("")) if odd else st.one_of(TEXT, LONE)
        values = inputs(shape.value, odd, depth + 1)
        maps = st.dictionaries(keys, st.one_of(values, st.none()) if odd else values, max_size=2)
        return st.one_of(maps, st.just([])) if odd else maps
    members = {
        name: st.one_of(inputs(member, odd, depth + 1), st.none()) if odd else inputs(member, odd, depth + 1)
        for name, member in shape.members.items()
    }
    if shape.metadata.get("union") and not odd:
        return st.one_of([st.fixed_dictionaries({name: value}) for name, value in members.items()])
    required = {k: v for k, v in members.items() if k in shape.required_members}
    optional = {k: v for k, v in members.items() if k not in shape.required_members}
    options = [st.fixed_dictionaries(required, optional=optional)]
    if odd:
        options += [st.fixed_dictionaries({}, optional=members), st.just("no structure")]
        if shape.metadata.get("union"):
            options += [st.fixed_dictionaries({name: value}) for name, value in members.items()]
    return st.one_of(options)


def outcome(shape: Shape, params: Any, *, botocore_validated: bool) -> tuple[str, str] | None:
    """None if ``validate`` lets ``params`` through, else the refusal's class and message."""
    try:
        validate(shape, params, botocore_validated=botocore_validated)
    except Exception as refused:  # the class and message are what is compared
        return type(refused).__name__, str(refused)
    return None


def taken(op: OperationModel, params: dict[str, Any]) -> dict[str, Any] | None:
    """What the before-call way in validates for ``params`` once botocore's ``ParamValidator``
    accepted them (``params.py``'s conversion), or None where that way parses the wire."""
    try:
        request = create_serializer("rest-json", include_validation=True).serialize_to_request(params, op)
        prepare_request_dict(request, ENDPOINT)
        wire = wire_request(request["method"], request["url"], request["headers"], request["body"])
        routed, labels = resolve(op.service_model.service_name, "", wire.method, wire.path)
    except Exception:  # botocore fails to write it (a lone surrogate in a label), or it is not routed
        return None
    try:
        return params_given(routed, params, labels) if routed.name == op.name else None
    except CasesError:  # refused as the parser refuses the query text ("true" as a number)
        return None


@pytest.mark.parametrize(("service", "name"), OPERATIONS)
@pytest.mark.filterwarnings("ignore:Generating overly large repr")
@settings(
    max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(data=st.data())
def test_the_plans_refuse_what_the_validator_refuses_with_its_messages(
    service: str, name: str, data: st.DataObject
) -> None:
    found = registry.by_name(service)
    assert found is not None
    op = found.operation(name)
    shape = op.input_shape
    odd = data.draw(inputs(shape, odd=True))
    assert full_plan(shape)(odd) == (not problems(shape, odd)), odd
    params = data.draw(inputs(shape, odd=False))
    if ParamValidator().validate(params, shape).has_errors():
        return
    converted = taken(op, params)
    if converted is None:
        return
    assert full_plan(shape)(converted) == (not problems(shape, converted)), converted
    residual = outcome(shape, converted, botocore_validated=True)
    assert residual == outcome(shape, converted, botocore_validated=False), converted


def test_each_plan_is_built_once_per_shape() -> None:
    shape = registry.default().operation("SearchCases").input_shape
    assert full_plan(shape) is full_plan(shape)
    assert residual_plan(shape) is residual_plan(shape)
    assert residual_plan(shape) is not full_plan(shape)


@pytest.fixture
def before_call(monkeypatch: pytest.MonkeyPatch) -> None:
    """The before-call way in, whatever ``CASES_MOCK_FULL_PATH`` says (the residual plan's only user)."""
    monkeypatch.delenv(FULL_PATH_ENV, raising=False)


def _client(**config: Any) -> Any:
    return boto3.client("connectcases", region_name="us-east-1", config=Config(**config))


def _refusal(call: Any) -> str:
    with pytest.raises(ClientError) as refused:
        call()
    assert refused.value.response["Error"]["Code"] == "ValidationException"
    return str(refused.value.response["Error"]["Message"])


@pytest.mark.usefixtures("before_call")
def test_with_botocore_s_validation_off_the_mock_refuses_what_botocore_would_have() -> None:
    with mock_connectcases():
        client = _client(parameter_validation=False)
        domain = a_domain(client)
        template = client.create_template(domainId=domain, name="T", status="Active")["templateId"]
        missing = _refusal(lambda: client.create_case(domainId=domain, templateId=template))
        assert missing == (
            "1 validation error detected: "
            "Value at 'fields' failed to satisfy constraint: Member must not be null"
        )
        short = _refusal(lambda: client.create_domain(name=""))
        assert (
            "at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1"
            in short
        )
        union = _refusal(lambda: client.search_cases(domainId=domain, filter={}))
        assert "at 'filter' failed to satisfy constraint: Member must have exactly one member set" in union


@pytest.mark.usefixtures("before_call")
def test_with_botocore_s_validation_on_botocore_refuses_first_and_the_mock_what_it_lets_through() -> None:
    with mock_connectcases() as mock:
        client = _client()
        domain = a_domain(client)
        with pytest.raises(ParamValidationError, match="fields"):
            client.create_case(domainId=domain, templateId="t")
        calls = len(mock.calls)
        integer = _refusal(lambda: client.search_cases(domainId=domain, maxResults=True))
        assert integer == (
            "1 validation error detected: Value True at 'maxResults' failed to satisfy constraint: "
            "Member must be an integer"
        )
        long = _refusal(lambda: client.create_domain(name="x" * 101))
        assert "Member must have length less than or equal to 100" in long
        assert len(mock.calls) == calls + 2


def _residual_runs() -> int:
    info = residual_plan.cache_info()
    return info.hits + info.misses


@pytest.mark.usefixtures("before_call")
def test_the_residual_plan_runs_only_for_a_client_that_validates() -> None:
    with mock_connectcases():
        validating, unvalidated = _client(), _client(parameter_validation=False)
        before = _residual_runs()
        unvalidated.list_domains()
        assert _residual_runs() == before
        validating.list_domains()
        assert _residual_runs() == before + 1
    with mock_connectcases(full_path=True):
        validating.list_domains()
        assert _residual_runs() == before + 1
