"""clientToken replies are part of a saved state: a retry after a restart gets the first answer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cases_mock import mock_connectcases
from tests.builders import a_client
from tests.server.conftest import Served, a_server_client

TITLE = [{"id": "title", "value": {"stringValue": "the first"}}]


def _domain_and_template(client: Any) -> tuple[str, str]:
    domain_id = client.create_domain(name="tokens")["domainId"]
    template_id = client.create_template(domainId=domain_id, name="T", status="Active")["templateId"]
    return domain_id, template_id


def _payload(answer: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in answer.items() if key != "ResponseMetadata"}


def test_a_create_case_retried_after_a_server_restart_gets_the_same_case(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with Served("--state-file", str(state)) as served:
        client = a_server_client(served.url)
        domain_id, template_id = _domain_and_template(client)
        first = client.create_case(
            domainId=domain_id, templateId=template_id, fields=TITLE, clientToken="retry-me"
        )
        served.stop()

    with Served("--state-file", str(state)) as again:
        client = a_server_client(again.url)
        retried = client.create_case(
            domainId=domain_id, templateId=template_id, fields=TITLE, clientToken="retry-me"
        )
        other = [{"id": "title", "value": {"stringValue": "another request"}}]
        with pytest.raises(client.exceptions.ConflictException, match="retry-me"):
            client.create_case(
                domainId=domain_id, templateId=template_id, fields=other, clientToken="retry-me"
            )
        cases = client.search_cases(domainId=domain_id)["cases"]

    assert retried["caseId"] == first["caseId"]
    assert [case["caseId"] for case in cases] == [first["caseId"]]


@pytest.mark.needs_model("BatchCreateRelatedItem")
def test_batch_replies_survive_an_export_and_import() -> None:
    with mock_connectcases() as mock:
        client = a_client()
        domain_id, template_id = _domain_and_template(client)
        case_ids = [
            client.create_case(domainId=domain_id, templateId=template_id, fields=TITLE)["caseId"]
            for _ in range(2)
        ]
        targets = [{"caseIdentifier": {"caseId": case_id}} for case_id in case_ids]
        update = {
            "domainId": domain_id,
            "cases": targets,
            "fields": [],
            "title": "batched",
            "clientToken": "u",
        }
        comment = {"comment": {"body": "noted", "contentType": "Text/Plain"}}
        related = {"domainId": domain_id, "cases": targets[:1], "content": comment, "clientToken": "r"}
        updated = _payload(client.batch_update_case(**update))
        made = _payload(client.batch_create_related_item(**related))
        saved = json.dumps(mock.export_state())

    with mock_connectcases() as mock:
        mock.import_state(json.loads(saved))
        client = a_client()
        assert _payload(client.batch_update_case(**update)) == updated
        assert _payload(client.batch_create_related_item(**related)) == made
        items = client.search_related_items(domainId=domain_id, caseId=case_ids[0])["relatedItems"]
        assert len(items) == 1  # the replay wrote nothing
        with pytest.raises(client.exceptions.ConflictException):
            client.batch_update_case(**{**update, "title": "something else"})


def _saved_with_a_token() -> tuple[dict[str, Any], str]:
    with mock_connectcases() as mock:
        client = a_client()
        domain_id, template_id = _domain_and_template(client)
        client.create_case(domainId=domain_id, templateId=template_id, fields=TITLE, clientToken="t")
        return mock.export_state(), domain_id


def _tokens_of(state: dict[str, Any], domain_id: str) -> dict[str, Any]:
    tokens: dict[str, Any] = state["backends"][0]["domains"][domain_id]["data"]["client_tokens"]
    return tokens


@pytest.mark.parametrize(
    ("spoil", "why"),
    [
        (lambda entry: entry.__setitem__(2, "no-such-case"), "expected the id of a case of the domain"),
        (lambda entry: entry.__setitem__(4, {"__tuple__": ["no-such-case"]}), "no case 'no-such-case'"),
        (lambda entry: entry.__setitem__(3, "yesterday"), "expected datetime"),
        (lambda entry: entry.pop(), "expected [token, digest, reply, first use, case ids]"),
    ],
)
def test_an_import_with_broken_token_replies_is_refused_and_changes_nothing(spoil: Any, why: str) -> None:
    state, domain_id = _saved_with_a_token()
    spoil(_tokens_of(state, domain_id)["__tokens__"][0])

    with mock_connectcases() as mock:
        client = a_client()
        client.create_domain(name="kept")
        with pytest.raises(ValueError, match=r"client_tokens\[0\]") as raised:
            mock.import_state(state)
        assert why in str(raised.value)
        assert [domain["name"] for domain in client.list_domains()["domains"]] == ["kept"]


def test_a_state_saved_without_token_replies_still_loads() -> None:
    state, domain_id = _saved_with_a_token()
    del state["backends"][0]["domains"][domain_id]["data"]["client_tokens"]

    with mock_connectcases() as mock:
        mock.import_state(state)
        assert [domain["name"] for domain in a_client().list_domains()["domains"]] == ["tokens"]
