"""Every operation of the model is routed, from boto3 and from raw paths."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from botocore import xform_name
from botocore.exceptions import ClientError
from botocore.model import Shape

from cases_mock import mock_connectcases
from cases_mock._services.connectcases import releases
from cases_mock._services.connectcases.releases import version_tuple
from cases_mock._services.connectcases.service import SERVICE
from tests.builders import an_unchecked_client


def _leads_back(shape: Shape, seen: frozenset[str]) -> bool:
    """``shape`` (or the member of a list of it) is a structure already being filled in."""
    inner = shape.member if shape.type_name == "list" else shape  # type: ignore[attr-defined]
    return inner.type_name == "structure" and inner.name in seen


def minimal(shape: Shape, _seen: frozenset[str] = frozenset()) -> Any:
    """A value of ``shape`` with every required member filled in (constraints ignored); a union
    takes its first member that does not lead back into a structure being filled (a filter's
    ``andAll`` or ``not``, first in some botocore releases, would recurse for ever)."""
    kind = shape.type_name
    if kind == "structure":
        seen = _seen | {shape.name}
        members = shape.members  # type: ignore[attr-defined]
        required = shape.required_members  # type: ignore[attr-defined]
        if shape.metadata.get("union"):
            required = [next(name for name, member in members.items() if not _leads_back(member, seen))]
        return {name: minimal(members[name], seen) for name in required}
    if kind == "list":
        return [minimal(shape.member, _seen)]  # type: ignore[attr-defined]
    if kind == "map":
        return {}
    if kind == "string":
        return shape.enum[0] if shape.enum else "x"
    if kind in ("integer", "long"):
        return 1
    if kind in ("double", "float"):
        return 1.0
    if kind == "boolean":
        return True
    return "x"


def test_the_installed_model_has_the_operations_its_release_had() -> None:
    installed = version_tuple(releases.installed())
    expected = {name for name, added in releases.OPERATIONS.items() if version_tuple(added) <= installed}

    assert set(SERVICE.operation_names()) == expected


@pytest.mark.parametrize("feature", sorted(releases.MEMBERS))
def test_the_installed_model_has_the_members_its_release_had(feature: str) -> None:
    installed = version_tuple(releases.installed())

    assert releases.present(feature) == (version_tuple(releases.MEMBERS[feature]) <= installed)


def test_a_feature_the_table_does_not_know_is_an_error() -> None:
    with pytest.raises(KeyError, match=r"CaseRuleDetails\.sometimes"):
        releases.present("CaseRuleDetails.sometimes")


@pytest.mark.parametrize("name", SERVICE.operation_names())
def test_every_operation_is_routed_through_boto3(name: str) -> None:
    op = SERVICE.operation(name)
    params = minimal(op.input_shape) if op.input_shape is not None else {}
    if name in ("TagResource", "UntagResource", "ListTagsForResource"):
        params["arn"] = "arn:aws:cases:us-east-1:123456789012:domain/a/b"
    with mock_connectcases():
        client = an_unchecked_client()
        code = "none"
        try:
            getattr(client, xform_name(name))(**params)
        except ClientError as error:
            code = error.response["Error"]["Code"]
        assert code != "UnknownOperationException"


def test_percent_encoded_arn_label_is_decoded_whole() -> None:
    with mock_connectcases():
        created = requests.post(
            "https://cases.us-east-1.amazonaws.com/domains", json={"name": "arn-check"}, timeout=5
        ).json()
        encoded = created["domainArn"].replace(":", "%3A").replace("/", "%2F")
        answer = requests.get(f"https://cases.us-east-1.amazonaws.com/tags/{encoded}", timeout=5)
    assert answer.headers.get("x-amzn-ErrorType") != "UnknownOperationException"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/domains/d/rules-list/"),
        ("POST", "/domains/d/rules-list"),
        ("POST", "/domains/d/cases/c/related-items/"),
        pytest.param("PUT", "/cases:batchUpdateCase", marks=pytest.mark.needs_model("BatchUpdateCase")),
        pytest.param("PUT", "/cases%3AbatchUpdateCase", marks=pytest.mark.needs_model("BatchUpdateCase")),
    ],
)
def test_trailing_slashes_and_literal_colons_route(method: str, path: str) -> None:
    with mock_connectcases():
        answer = requests.request(method, f"https://cases.us-east-1.amazonaws.com{path}", json={}, timeout=5)
    assert answer.headers.get("x-amzn-ErrorType") != "UnknownOperationException"
