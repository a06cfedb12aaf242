"""Every body `requests` can send reaches the dispatcher; JSON nested too deep and numbers that
don't fit their member are 400s naming the problem, in-process and on the server alike."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from botocore.exceptions import ClientError

from cases_mock import mock_connectcases
from cases_mock._protocol.parse import MAX_JSON_DEPTH
from cases_mock._server import CasesServer
from tests.builders import a_client, a_domain, an_unchecked_client

URL = "https://cases.us-east-1.amazonaws.com/domains"
NAME = json.dumps({"name": "sent"})


def _chunks() -> Iterator[bytes]:
    yield NAME[:5].encode()
    yield NAME[5:].encode()


@pytest.mark.parametrize(
    "body",
    [NAME.encode(), NAME, lambda: io.BytesIO(NAME.encode()), lambda: _chunks()],
    ids=["bytes", "str", "file", "generator"],
)
def test_every_kind_of_requests_body_is_read(body: Any) -> None:
    with mock_connectcases() as mock:
        answered = requests.post(URL, data=body() if callable(body) else body, timeout=5)
        assert answered.status_code == 200, answered.text
        assert [d.name for d in mock.backend().domains.values()] == ["sent"]


def test_a_form_body_is_not_json_and_says_so() -> None:
    with mock_connectcases() as mock:
        answered = requests.post(URL, data={"name": "form"}, timeout=5)
        assert answered.status_code == 400
        assert answered.headers["x-amzn-ErrorType"] == "ValidationException"
        assert "not valid JSON" in answered.json()["message"]
        assert mock.backend().domains == {}


def _nested(depth: int) -> str:
    return '{"name": "n", "extra": ' + "[" * depth + "]" * depth + "}"


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 10_000])
def test_json_nested_beyond_the_documented_depth_is_a_validation_error(depth: int) -> None:
    with mock_connectcases() as mock:
        answered = requests.post(URL, data=_nested(depth), timeout=5)
        assert answered.status_code == 400
        assert answered.headers["x-amzn-ErrorType"] == "ValidationException"
        assert f"more than {MAX_JSON_DEPTH} levels" in answered.json()["message"]
        assert mock.backend().domains == {}


def test_json_at_the_documented_depth_is_accepted() -> None:
    with mock_connectcases():
        answered = requests.post(URL, data=_nested(MAX_JSON_DEPTH - 1), timeout=5)
        assert answered.status_code == 200, answered.text  # unknown members are ignored


def test_a_number_too_large_for_a_double_names_the_member() -> None:
    with mock_connectcases():
        domain_id = a_domain(a_client())
        answered = requests.post(  # botocore itself cannot serialise it: other SDKs and raw HTTP can
            f"{URL}/{domain_id}/cases",
            data='{"templateId": "t", "fields": [{"id": "f", "value": {"doubleValue": 1' + "0" * 400 + "}}]}",
            timeout=5,
        )
        assert answered.status_code == 400
        assert answered.headers["x-amzn-ErrorType"] == "ValidationException"
        assert "'fields[0].value.doubleValue'" in answered.json()["message"]
        assert "fits a double" in answered.json()["message"]
        assert a_client().search_cases(domainId=domain_id)["cases"] == []


def test_an_integer_outside_its_type_names_the_member() -> None:
    with mock_connectcases():
        with pytest.raises(ClientError) as excinfo:
            an_unchecked_client().list_domains(maxResults=2**40)
        assert "'maxResults'" in excinfo.value.response["Error"]["Message"]


def test_the_server_gives_the_same_400s() -> None:
    with CasesServer(quiet=True) as server:
        deep = requests.post(f"{server.url}/domains", data=_nested(10_000), timeout=5)
        assert deep.status_code == 400
        assert deep.headers["x-amzn-ErrorType"] == "ValidationException"
        created = requests.post(f"{server.url}/domains", data=NAME, timeout=5).json()
        big = requests.post(
            f"{server.url}/domains/{created['domainId']}/cases",
            data='{"templateId": "t", "fields": [{"id": "f", "value": {"doubleValue": 1' + "0" * 400 + "}}]}",
            timeout=5,
        )
        assert big.status_code == 400
        assert "fields[0].value.doubleValue" in big.json()["message"]
