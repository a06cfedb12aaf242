"""Field options: upsert by value, the active flag, per-option errors, the values filter, limits."""

from __future__ import annotations

from typing import Any

import pytest

from cases_mock import CasesMock
from tests.config.helpers import a_field, code_of, walk


def _option(value: str, name: str | None = None, active: bool = True) -> dict[str, Any]:
    return {"name": name or value.upper(), "value": value, "active": active}


def test_options_are_upserted_by_value(client: Any, domain_id: str) -> None:
    field_id = a_field(client, domain_id, "Region", "SingleSelect")
    client.batch_put_field_options(
        domainId=domain_id, fieldId=field_id, options=[_option("pdx"), _option("iad")]
    )

    answer = client.batch_put_field_options(
        domainId=domain_id,
        fieldId=field_id,
        options=[_option("pdx", "US West (Oregon)", active=False), _option("dub")],
    )

    assert answer["errors"] == []
    assert client.list_field_options(domainId=domain_id, fieldId=field_id)["options"] == [
        {"name": "US West (Oregon)", "value": "pdx", "active": False},
        {"name": "IAD", "value": "iad", "active": True},
        {"name": "DUB", "value": "dub", "active": True},
    ]


def test_the_values_filter(client: Any, domain_id: str) -> None:
    field_id = a_field(client, domain_id, "Region", "SingleSelect")
    client.batch_put_field_options(domainId=domain_id, fieldId=field_id, options=[_option("a"), _option("b")])

    found = client.list_field_options(domainId=domain_id, fieldId=field_id, values=["b"])["options"]
    none = client.list_field_options(domainId=domain_id, fieldId=field_id, values=["zzz"])["options"]

    assert [o["value"] for o in found] == ["b"]
    assert none == []


def test_built_in_status_options_cannot_change_but_others_apply(client: Any, domain_id: str) -> None:
    answer = client.batch_put_field_options(
        domainId=domain_id,
        fieldId="status",
        options=[_option("closed", "Done"), _option("pending", "Pending")],
    )

    assert [(e["value"], e["errorCode"]) for e in answer["errors"]] == [("closed", "ValidationException")]
    values = [o["value"] for o in client.list_field_options(domainId=domain_id, fieldId="status")["options"]]
    assert values == ["open", "closed", "pending"]


def test_only_single_select_fields_take_options(client: Any, domain_id: str) -> None:
    field_id = a_field(client, domain_id, "Notes", "Text")

    code, message = code_of(
        lambda: client.batch_put_field_options(domainId=domain_id, fieldId=field_id, options=[_option("a")])
    )

    assert code == "ValidationException"
    assert "SingleSelect" in message


def test_a_deleted_or_unknown_field_takes_no_options(client: Any, domain_id: str) -> None:
    field_id = a_field(client, domain_id, "Region", "SingleSelect")
    client.delete_field(domainId=domain_id, fieldId=field_id)

    code, _ = code_of(
        lambda: client.batch_put_field_options(domainId=domain_id, fieldId=field_id, options=[_option("a")])
    )
    assert code == "ValidationException"
    code, _ = code_of(lambda: client.batch_put_field_options(domainId=domain_id, fieldId="ghost", options=[]))
    assert code == "ResourceNotFoundException"


def test_the_options_quota_refuses_the_whole_request(mock: CasesMock, client: Any, domain_id: str) -> None:
    field_id = a_field(client, domain_id, "Region", "SingleSelect")
    mock.backend().quotas.options_per_field = 3
    client.batch_put_field_options(domainId=domain_id, fieldId=field_id, options=[_option("a"), _option("b")])

    code, _ = code_of(
        lambda: client.batch_put_field_options(
            domainId=domain_id,
            fieldId=field_id,
            options=[_option("a", "renamed"), _option("c"), _option("d")],
        )
    )

    assert code == "ServiceQuotaExceededException"
    options = client.list_field_options(domainId=domain_id, fieldId=field_id)["options"]
    assert [(o["value"], o["name"]) for o in options] == [("a", "A"), ("b", "B")]


def test_options_page(client: Any, domain_id: str) -> None:
    field_id = a_field(client, domain_id, "Region", "SingleSelect")
    values = [f"v{i:02d}" for i in range(12)]
    client.batch_put_field_options(domainId=domain_id, fieldId=field_id, options=[_option(v) for v in values])

    everything = walk(
        client.list_field_options, "options", domainId=domain_id, fieldId=field_id, maxResults=5
    )

    assert [o["value"] for o in everything] == values


@pytest.mark.parametrize("value", ["in progress", "v1.2", "a/b", "caf\u00e9", "x+y"])
def test_an_option_value_must_be_alphanumeric_with_hyphens_and_underscores(
    client: Any, domain_id: str, value: str
) -> None:
    """https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_FieldOption.html:
    ``value`` "must be alphanumeric with hyphens and underscores". The whole request is refused,
    the valid entries beside it included, and the message names the member and the field."""
    field_id = a_field(client, domain_id, "Stage", "SingleSelect")

    code, message = code_of(
        lambda: client.batch_put_field_options(
            domainId=domain_id, fieldId=field_id, options=[_option("new"), _option(value, "Shown")]
        )
    )

    assert code == "ValidationException"
    assert "'options[1].value'" in message
    assert f"'Stage' ({field_id})" in message
    assert repr(value) in message
    assert client.list_field_options(domainId=domain_id, fieldId=field_id)["options"] == []


def test_every_bad_option_value_of_a_request_is_named(client: Any, domain_id: str) -> None:
    field_id = a_field(client, domain_id, "Stage", "SingleSelect")

    _, message = code_of(
        lambda: client.batch_put_field_options(
            domainId=domain_id, fieldId=field_id, options=[_option("a b"), _option("ok"), _option("c.d")]
        )
    )

    assert "'options[0].value'" in message
    assert "'options[2].value'" in message
    assert "'options[1].value'" not in message


def test_hyphens_underscores_digits_and_either_case_make_a_valid_option_value(
    client: Any, domain_id: str
) -> None:
    field_id = a_field(client, domain_id, "Stage", "SingleSelect")

    answer = client.batch_put_field_options(
        domainId=domain_id, fieldId=field_id, options=[_option("In-Progress_2"), _option("9")]
    )

    assert answer["errors"] == []
    options = client.list_field_options(domainId=domain_id, fieldId=field_id)["options"]
    assert [o["value"] for o in options] == ["In-Progress_2", "9"]
