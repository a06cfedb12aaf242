"""An empty id where a URI label goes (botocore writes ``/domains/`` for ``get_domain(domainId="")``
when its validation is off) is refused as that operation, naming the member: never routed to
another operation (CreateDomain's ``/domains``) or to none. Every labelled operation of the model,
on both in-process paths and through the server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
import requests
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError

from cases_mock import mock_connectcases
from cases_mock._services.connectcases.service import SERVICE
from tests.builders import an_unchecked_client
from tests.server.conftest import Served, http_json

UNCHECKED = Config(parameter_validation=False, retries={"total_max_attempts": 1, "mode": "standard"})


def uri_labels(name: str) -> list[str]:
    shape = SERVICE.operation(name).input_shape
    members = shape.members if shape is not None else {}
    return [n for n, m in members.items() if m.serialization.get("location") == "uri"]


EMPTY_LABELS = [(name, label) for name in SERVICE.operation_names() for label in uri_labels(name)]


def params_with_empty(name: str, empty: str) -> dict[str, Any]:
    return {label: "" if label == empty else "x" for label in uri_labels(name)}


def refusal_of(client: Any, name: str, empty: str) -> dict[str, Any]:
    with pytest.raises(ClientError) as raised:
        getattr(client, xform_name(name))(**params_with_empty(name, empty))
    return dict(raised.value.response["Error"])


@pytest.mark.parametrize("full_path", [False, True], ids=["before-call", "before-send"])
@pytest.mark.parametrize(("name", "label"), EMPTY_LABELS, ids=[f"{n}.{label}" for n, label in EMPTY_LABELS])
def test_an_empty_label_is_refused_by_its_own_operation(name: str, label: str, full_path: bool) -> None:
    with mock_connectcases(full_path=full_path) as mock:
        client = an_unchecked_client()
        error = refusal_of(client, name, label)

        assert error["Code"] == "ValidationException"
        assert f"Value '' at '{label}' failed to satisfy constraint" in error["Message"]
        (call,) = mock.calls
        assert (call.operation, call.status) == (name, 400)
        assert client.list_domains()["domains"] == []


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    with Served() as server:
        yield server


def test_through_the_server_every_empty_label_is_refused_by_its_own_operation(served: Served) -> None:
    client = boto3.client(
        "connectcases",
        region_name="us-east-1",
        endpoint_url=served.url,
        config=UNCHECKED,
        aws_access_key_id="EMPTYLABELS",
        aws_secret_access_key="s",
    )
    http_json(served.url, "DELETE", "/_cases_mock/calls")
    for name, label in EMPTY_LABELS:
        error = refusal_of(client, name, label)
        assert error["Code"] == "ValidationException", (name, label, error)
        assert f"Value '' at '{label}'" in error["Message"], (name, label)
    _, answer = http_json(served.url, "GET", "/_cases_mock/calls?limit=1000")
    assert [call["operation"] for call in answer["calls"]] == [name for name, _ in EMPTY_LABELS]
    assert client.list_domains()["domains"] == []


def shorter_twin(name: str) -> str | None:
    """The operation of the same method whose requestUri is ``name``'s without its last label."""
    op = SERVICE.operation(name)
    uri = op.http["requestUri"]
    head, _, last = uri.rpartition("/")
    if not last.startswith("{"):
        return None
    for other in SERVICE.operation_names():
        twin = SERVICE.operation(other)
        if twin.http["method"] == op.http["method"] and twin.http["requestUri"].rstrip("/") == head:
            return other
    return None


def test_the_empty_ids_the_issue_found_are_refused_by_their_own_operations() -> None:
    assert {shorter_twin(n) for n in ("GetDomain", "GetTemplate", "GetLayout", "GetCase")} == {
        "CreateDomain",
        "CreateTemplate",
        "CreateLayout",
        "CreateCase",
    }


def canonical_path(name: str) -> str:
    path = SERVICE.operation(name).http["requestUri"].split("?", 1)[0]
    for label in uri_labels(name):
        path = path.replace("{" + label + "}", "x")
    return path


@pytest.mark.parametrize("name", SERVICE.operation_names())
def test_every_operation_still_routes_from_its_own_path_with_or_without_a_trailing_slash(name: str) -> None:
    """A trailing slash stays insignificant, except where it leaves an empty label of another
    operation (``/domains/`` is GetDomain with ``domainId=""``)."""
    method = SERVICE.operation(name).http["method"]
    path = canonical_path(name)
    plain, slashed = path.rstrip("/"), path.rstrip("/") + "/"
    with mock_connectcases() as mock:
        for raw in (plain, slashed):
            requests.request(method, f"https://cases.us-east-1.amazonaws.com{raw}", json={}, timeout=5)
        operations = [call.operation for call in mock.calls]
    labelled = [n for n in SERVICE.operation_names() if shorter_twin(n) == name]
    assert operations == [name, labelled[0] if labelled else name]
