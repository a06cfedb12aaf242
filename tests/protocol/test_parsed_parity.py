"""The converter (``_protocol/parsed.py``) yields exactly what botocore's rest-json parser makes of
the bytes ``serialize.success_response`` writes, for every operation and a generated variety of
outputs: same keys in the same order, same types, timestamps with the same zone object."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from typing import Any

import pytest
from botocore.awsrequest import AWSResponse
from botocore.endpoint import convert_to_response_dict
from botocore.model import OperationModel, ServiceModel
from botocore.parsers import create_parser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases_mock._protocol.parsed import (
    PARITY_SINCE,
    ResponsePlan,
    holds_for_installed_botocore,
    parsed_response,
    plan,
)
from cases_mock._protocol.serialize import success_response
from cases_mock._services.connectcases.service import SERVICE
from tests.reliability.strategies import outputs_for, timestamps

REQUEST_ID = "0f6b8c9e-5a6d-4a4e-9d0b-3c2d1e0f9a8b"


class _Raw(io.BytesIO):
    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self.read()


def botocore_parse(op: OperationModel, output: dict[str, Any]) -> dict[str, Any]:
    """The written bytes read back by botocore's parser, as the before-call path does today."""
    answer = success_response(op, output, REQUEST_ID)
    http = AWSResponse(
        "https://cases.us-east-1.amazonaws.com/", answer.status, answer.headers, _Raw(answer.body)
    )
    parsed: dict[str, Any] = create_parser("rest-json").parse(
        convert_to_response_dict(http, op), op.output_shape
    )
    parsed["ResponseMetadata"]["RetryAttempts"] = 0
    return parsed


def outcome(produce: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return "value", produce()
    except Exception as error:
        return "error", (type(error), str(error))


def assert_same(expected: Any, actual: Any, where: str = "") -> None:
    """Equal, and equal in everything a caller could see: types, key order, zones and folds."""
    assert type(actual) is type(expected), f"{where}: {type(actual)} != {type(expected)}"
    if isinstance(expected, dict):
        assert list(actual) == list(expected), f"{where}: keys {list(actual)} != {list(expected)}"
        for key in expected:
            assert_same(expected[key], actual[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert len(actual) == len(expected), where
        for index, (one, other) in enumerate(zip(expected, actual, strict=True)):
            assert_same(one, other, f"{where}[{index}]")
    elif isinstance(expected, datetime):
        assert type(actual.tzinfo) is type(expected.tzinfo), f"{where}: {actual!r} != {expected!r}"
        assert (actual.replace(tzinfo=None), actual.fold, actual.utcoffset()) == (
            expected.replace(tzinfo=None),
            expected.fold,
            expected.utcoffset(),
        ), f"{where}: {actual!r} != {expected!r}"
    else:
        assert actual == expected, f"{where}: {actual!r} != {expected!r}"


def assert_parity(op: OperationModel, output: dict[str, Any]) -> None:
    expected = outcome(lambda: botocore_parse(op, output))
    actual = outcome(lambda: ResponsePlan(op)(output, REQUEST_ID))
    assert_same(expected, actual, op.name)


def _outputs(name: str) -> st.SearchStrategy[Any]:
    shape = SERVICE.operation(name).output_shape
    return st.just({}) if shape is None else outputs_for(shape)


pytestmark = pytest.mark.skipif(
    not holds_for_installed_botocore(),
    reason=f"the converter is held to botocore>={'.'.join(map(str, PARITY_SINCE))}'s parser; older "
    "releases keep their own parser on the before-call path",
)


@pytest.mark.parametrize("name", SERVICE.operation_names())
@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(data=st.data())
def test_every_operation_parses_as_botocore_parses_the_written_bytes(name: str, data: st.DataObject) -> None:
    assert_parity(SERVICE.operation(name), data.draw(_outputs(name)))


GET_CASE = {
    "fields": [
        {"id": "created_datetime", "value": {"stringValue": "2026-01-02T03:04:05.678Z"}},
        {"id": "priority", "value": {"doubleValue": 2}},
        {"id": "urgent", "value": {"booleanValue": True}},
        {"id": "owner", "value": {"userArnValue": "arn:aws:connect:::user/1"}},
        {"id": "notes", "value": {"emptyValue": {}}},
    ],
    "templateId": "template-1",
    "tags": {"team": "blue", "unset": None},
}


@pytest.mark.parametrize("zone", ["UTC", "Etc/UTC", "Europe/London", "America/New_York", "Asia/Kolkata"])
def test_a_written_z_timestamp_takes_the_zone_object_dateutil_gives_it_on_this_machine(
    zone: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        op = SERVICE.operation("GetCaseAuditEvents")
        moments = [
            datetime(2026, 3, 29, 1, 30, 0, 123456, tzinfo=timezone.utc),  # a DST change in London
            datetime(2026, 11, 1, 5, 30, tzinfo=timezone.utc),  # 1:30 twice in New York
            datetime(2026, 7, 1, 12, 0),
            1_780_000_000,
            1_780_000_000.25,
            "2026-07-01T12:00:00.000Z",
        ]
        events = [
            {"eventId": f"e{index}", "type": "Case.Updated", "performedTime": moment, "fields": []}
            for index, moment in enumerate(moments)
        ]
        assert_parity(op, {"auditEvents": events})
    finally:
        monkeypatch.undo()
        time.tzset()


@settings(max_examples=40, deadline=None)
@given(moment=timestamps())
def test_every_timestamp_form_a_handler_may_give_parses_as_botocore_parses_it(moment: Any) -> None:
    event = {"eventId": "e", "type": "Case.Created", "performedTime": moment, "fields": []}
    assert_parity(SERVICE.operation("GetCaseAuditEvents"), {"auditEvents": [event]})


def test_a_union_member_the_model_lacks_becomes_sdk_unknown_member_as_botocore_makes_it() -> None:
    output = {**GET_CASE, "fields": [{"id": "f", "value": {"valueAddedLater": 1}}]}
    assert_parity(SERVICE.operation("GetCase"), output)
    assert parsed_response(SERVICE.operation("GetCase"), output, REQUEST_ID)["fields"][0]["value"] == {
        "SDK_UNKNOWN_MEMBER": {"name": "valueAddedLater"}
    }


def test_a_typical_get_case_parses_as_botocore_parses_it() -> None:
    assert_parity(SERVICE.operation("GetCase"), GET_CASE)


def test_each_operation_s_plan_is_built_once() -> None:
    assert plan("connectcases", "GetCase") is plan("connectcases", "GetCase")


# --- members bound to headers and the status code, blobs: no Connect Cases output has them ------

SYNTHETIC = {
    "metadata": {"protocol": "rest-json", "serviceId": "Synthetic", "endpointPrefix": "synthetic"},
    "operations": {
        "Read": {
            "name": "Read",
            "http": {"method": "GET", "requestUri": "/read", "responseCode": 200},
            "output": {"shape": "ReadOutput"},
        }
    },
    "shapes": {
        "ReadOutput": {
            "type": "structure",
            "members": {
                "etag": {"shape": "Text", "location": "header", "locationName": "ETag"},
                "count": {"shape": "Count", "location": "header", "locationName": "x-count"},
                "flag": {"shape": "Flag", "location": "header", "locationName": "x-flag"},
                "names": {"shape": "Names", "location": "header", "locationName": "x-names"},
                "status": {"shape": "Count", "location": "statusCode"},
                "meta": {"shape": "Meta", "location": "headers", "locationName": "x-amz"},
                "data": {"shape": "Data"},
                "ratio": {"shape": "Ratio"},
                "total": {"shape": "Total"},
                "flags": {"shape": "Flags"},
                "when": {"shape": "When"},
                "choice": {"shape": "Choice"},
            },
        },
        "Text": {"type": "string"},
        "Count": {"type": "integer"},
        "Total": {"type": "long"},
        "Flag": {"type": "boolean"},
        "Ratio": {"type": "float"},
        "Data": {"type": "blob"},
        "When": {"type": "timestamp"},
        "Names": {"type": "list", "member": {"shape": "Text"}},
        "Flags": {"type": "list", "member": {"shape": "Flag"}},
        "Meta": {"type": "map", "key": {"shape": "Text"}, "value": {"shape": "Text"}},
        "Choice": {
            "type": "structure",
            "union": True,
            "members": {"text": {"shape": "Text"}, "when": {"shape": "When"}},
        },
    },
}


def synthetic_operation() -> OperationModel:
    return ServiceModel(SYNTHETIC, service_name="synthetic").operation_model("Read")


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_header_status_and_blob_members_parse_as_botocore_parses_them(data: st.DataObject) -> None:
    op = synthetic_operation()
    assert_parity(op, data.draw(outputs_for(op.output_shape)))
