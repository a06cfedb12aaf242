"""A lone surrogate (``"a\\ud800b"``, which a JSON ``\\ud800`` escape decodes to) is no text the real
service's JSON can carry: every string member of every input shape refuses it, map keys too,
with a ValidationException naming the member, and nothing is stored."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from botocore import xform_name
from botocore.exceptions import ClientError
from botocore.model import Shape

from cases_mock import mock_connectcases
from cases_mock._services.connectcases.service import SERVICE
from tests.builders import a_client, a_domain, an_unchecked_client
from tests.protocol.test_routing import minimal
from tests.server.conftest import Served, a_server_client, http_json

BAD = "a\ud800b"
ARN = "arn:aws:cases:us-east-1:123456789012:domain/d"


def string_leaves(shape: Shape, value: Any, path: str) -> Iterator[tuple[str, list[Any]]]:
    """(member path, the keys that reach it) of each string in ``value``, a value of ``shape``."""
    if shape.type_name == "string":
        yield path, []
    elif shape.type_name == "structure" and isinstance(value, dict):
        for name, item in value.items():
            inner = f"{path}.{name}" if path else name
            for found, keys in string_leaves(shape.members[name], item, inner):  # type: ignore[attr-defined]
                yield found, [name, *keys]
    elif shape.type_name == "list" and isinstance(value, list):
        for index, item in enumerate(value):
            for found, keys in string_leaves(shape.member, item, f"{path}[{index}]"):  # type: ignore[attr-defined]
                yield found, [index, *keys]


def body_cases(name: str) -> Iterator[tuple[str, dict[str, Any], str]]:
    """(case id, params, the member path the message must name): each body string, required
    or optional at the top, each string leaf of the required members, each top-level map's key."""
    shape = SERVICE.operation(name).input_shape
    if shape is None:
        return
    base = minimal(shape)
    base.update({n: ARN for n in base if n == "arn"})
    for member_name, member in shape.members.items():
        if "location" in member.serialization:
            continue
        if member.type_name == "map":
            params = copy.deepcopy(base)
            params[member_name] = {BAD: minimal(member.value)}
            yield f"{name}.{member_name}.key", params, f"{member_name}.key("
            continue
        value = base.get(member_name, minimal(member))
        for path, keys in string_leaves(member, value, member_name):
            params = copy.deepcopy(base)
            params[member_name] = copy.deepcopy(value)
            if not keys:
                params[member_name] = BAD
            else:
                target = params[member_name]
                for key in keys[:-1]:
                    target = target[key]
                target[keys[-1]] = BAD
            yield f"{name}.{path}", params, path


CASES = [case for name in SERVICE.operation_names() for case in body_cases(name)]


@pytest.mark.parametrize("full_path", [False, True], ids=["before-call", "before-send"])
def test_every_string_member_of_every_input_refuses_a_lone_surrogate(full_path: bool) -> None:
    assert len(CASES) > 40  # 53 on the lower bound (botocore 1.36.15), 82 on 1.44.18
    with mock_connectcases(full_path=full_path) as mock:
        client = an_unchecked_client()
        for case_id, params, path in CASES:
            name = case_id.split(".", 1)[0]
            with pytest.raises(ClientError) as raised:
                getattr(client, xform_name(name))(**params)
            error = raised.value.response["Error"]
            assert error["Code"] == "ValidationException", case_id
            assert f"at '{path}" in error["Message"], (case_id, error["Message"])
            assert "Member must be valid Unicode" in error["Message"], case_id
            assert mock.calls[-1].params  # the surrogate reached the mock: botocore sent it
        assert client.list_domains()["domains"] == []


def test_names_titles_client_tokens_and_tag_keys_refuse_it_and_store_nothing() -> None:
    with mock_connectcases():
        client = a_client()
        domain_id = a_domain(client)
        template = client.create_template(domainId=domain_id, name="T")
        template_id, template_arn = template["templateId"], template["templateArn"]
        title = [{"id": "title", "value": {"stringValue": "t"}}]
        refused = {
            "name": lambda: client.create_field(domainId=domain_id, name=BAD, type="Text"),
            "fields[0].value.stringValue": lambda: client.create_case(
                domainId=domain_id,
                templateId=template_id,
                fields=[{"id": "title", "value": {"stringValue": BAD}}],
            ),
            "clientToken": lambda: client.create_case(
                domainId=domain_id, templateId=template_id, fields=title, clientToken=BAD
            ),
            "tags.key(": lambda: client.tag_resource(arn=template_arn, tags={BAD: "v"}),
            "tags[": lambda: client.tag_resource(arn=template_arn, tags={"k": BAD}),
        }
        for path, call in refused.items():
            with pytest.raises(ClientError) as raised:
                call()
            assert f"at '{path}" in raised.value.response["Error"]["Message"]

        fields = client.list_fields(domainId=domain_id)["fields"]
        assert all(f["namespace"] == "System" for f in fields)
        assert client.search_cases(domainId=domain_id)["cases"] == []
        assert client.list_tags_for_resource(arn=template_arn)["tags"] == {}


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    with Served() as server:
        yield server


def test_a_raw_json_escape_to_the_server_is_refused(served: Served) -> None:
    body = json.dumps({"name": BAD}).encode()
    assert b"\\ud800" in body

    status, answer = http_json(served.url, "POST", "/domains", body, {"Content-Type": "application/json"})

    assert status == 400
    assert "at 'name'" in answer["message"]
    assert "valid Unicode" in answer["message"]
    assert a_server_client(served.url).list_domains()["domains"] == []


def test_boto3_through_the_server_is_refused(served: Served) -> None:
    client = a_server_client(served.url, aws_access_key_id="SURROGATES", aws_secret_access_key="s")
    with pytest.raises(ClientError) as raised:
        client.create_domain(name=BAD)

    assert raised.value.response["Error"]["Code"] == "ValidationException"
    assert client.list_domains()["domains"] == []
