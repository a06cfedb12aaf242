"""SearchCases keeps each case's answer between searches (``search_items.py``); every write
shows in the next search all the same, on both boto3 paths: the search answers as GetCase does
for the same case and projection, after updates, tags, a merge, a deleted field, the search
delay's lag and a changed projection."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from cases_mock import CasesMock, mock_connectcases
from cases_mock._services.connectcases import search_items
from tests.builders import a_client, a_domain


@dataclass
class Desk:
    mock: CasesMock
    client: Any
    domain_id: str
    note: str  # a Text field's id
    score: str  # a Number field's id
    cases: list[str]
    arns: dict[str, str]  # case id -> its ARN

    def projection(self) -> list[dict[str, str]]:
        return [{"id": self.score}, {"id": "title"}, {"id": self.note}, {"id": self.score}]

    def searched(self, projection: list[dict[str, str]] | None = None) -> dict[str, dict[str, Any]]:
        """Each case SearchCases finds, by id, asked for ``projection`` (default: ``projection()``)."""
        page = self.client.search_cases(domainId=self.domain_id, fields=projection or self.projection())
        return {item["caseId"]: item for item in page["cases"]}

    def got(self, case_id: str, projection: list[dict[str, str]] | None = None) -> dict[str, Any]:
        """What GetCase answers for the case, in SearchCases' item members."""
        answer = self.client.get_case(
            domainId=self.domain_id, caseId=case_id, fields=projection or self.projection()
        )
        return {
            "caseId": case_id,
            "templateId": answer["templateId"],
            "fields": answer["fields"],
            "tags": answer.get("tags", {}),
        }

    def agrees(self, projection: list[dict[str, str]] | None = None) -> dict[str, dict[str, Any]]:
        """Searches, checks every item against GetCase, and returns the items by case id."""
        found = self.searched(projection)
        assert sorted(found) == sorted(self.cases)
        for case_id, item in found.items():
            assert item == self.got(case_id, projection), case_id
        return found

    def value(self, case_id: str, field_id: str) -> Any:
        fields = self.searched()[case_id]["fields"]
        return next((f["value"] for f in fields if f["id"] == field_id), None)

    def update(self, case_id: str, field_id: str, value: dict[str, Any]) -> None:
        self.client.update_case(
            domainId=self.domain_id, caseId=case_id, fields=[{"id": field_id, "value": value}]
        )


@pytest.fixture(params=[False, True], ids=["before-call", "full-path"])
def desk(request: pytest.FixtureRequest) -> Iterator[Desk]:
    with mock_connectcases(full_path=request.param) as mock:
        client = a_client()
        domain_id = a_domain(client)
        note = client.create_field(domainId=domain_id, name="note", type="Text")["fieldId"]
        score = client.create_field(domainId=domain_id, name="score", type="Number")["fieldId"]
        template = client.create_template(domainId=domain_id, name="t", status="Active")["templateId"]
        created = [
            client.create_case(
                domainId=domain_id,
                templateId=template,
                fields=[
                    {"id": "title", "value": {"stringValue": f"case {n}"}},
                    {"id": note, "value": {"stringValue": f"note {n}"}},
                    {"id": score, "value": {"doubleValue": float(n)}},
                ],
            )
            for n in range(3)
        ]
        cases = [case["caseId"] for case in created]
        arns = {case["caseId"]: case["caseArn"] for case in created}
        yield Desk(mock, client, domain_id, note, score, cases, arns)


def test_an_update_shows_in_the_next_search(desk: Desk) -> None:
    first, second, _ = desk.cases
    desk.agrees()
    desk.update(first, desk.note, {"stringValue": "changed"})
    desk.update(second, desk.score, {"emptyValue": {}})

    desk.agrees()
    assert desk.value(first, desk.note) == {"stringValue": "changed"}
    assert desk.value(second, desk.score) is None  # an emptied field is absent, as from GetCase


def test_tags_added_and_removed_show_in_the_next_search(desk: Desk) -> None:
    first = desk.cases[0]
    desk.agrees()
    desk.client.tag_resource(arn=desk.arns[first], tags={"team": "blue"})
    assert desk.agrees()[first]["tags"] == {"team": "blue"}
    desk.client.untag_resource(arn=desk.arns[first], tagKeys=["team"])
    assert desk.agrees()[first]["tags"] == {}


def test_another_projection_answers_with_its_own_fields(desk: Desk) -> None:
    first = desk.cases[0]
    desk.agrees()
    for projection in ([{"id": "title"}], [{"id": desk.note}, {"id": "title"}], None):
        found = desk.agrees(projection)
        wanted = [entry["id"] for entry in projection or desk.projection()]
        assert [f["id"] for f in found[first]["fields"]] == list(dict.fromkeys(wanted))


@pytest.mark.needs_model("StartMergeCases")
def test_a_merge_shows_in_the_next_search(desk: Desk) -> None:
    primary, secondary, _ = desk.cases
    desk.agrees()
    desk.client.tag_resource(arn=desk.arns[secondary], tags={"source": "secondary"})
    desk.client.start_merge_cases(
        domainId=desk.domain_id,
        caseId=primary,
        secondaryCaseIds=[secondary],
        fieldsConfiguration=[{"fieldIds": [{"id": desk.note}], "sourceCaseId": secondary}],
    )

    desk.agrees()
    assert desk.value(primary, desk.note) == {"stringValue": "note 1"}


@pytest.mark.needs_model("DeleteField")
def test_a_deleted_field_answers_as_get_case_does(desk: Desk) -> None:
    desk.agrees()
    desk.client.delete_field(domainId=desk.domain_id, fieldId=desk.note)
    desk.agrees()


def test_with_a_search_delay_a_write_shows_once_the_delay_has_passed(desk: Desk) -> None:
    first = desk.cases[0]
    desk.agrees()
    desk.mock.limits.search_delay = timedelta(seconds=5)
    desk.update(first, desk.note, {"stringValue": "later"})

    assert desk.value(first, desk.note) == {"stringValue": "note 0"}
    desk.mock.clock.advance(timedelta(seconds=5))
    assert desk.value(first, desk.note) == {"stringValue": "later"}
    desk.mock.limits.search_delay = timedelta(0)
    desk.update(first, desk.note, {"stringValue": "at once"})
    assert desk.value(first, desk.note) == {"stringValue": "at once"}


def test_a_domain_keeps_at_most_limit_answers(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_items, "LIMIT", 2)
    data = desk.mock.backend().domain(desk.domain_id).data
    for _ in range(3):
        desk.agrees()
        assert 1 <= len(data.search_items.entries) <= 2
