"""Working with the mock: recorded calls, injected faults, time, state saved and loaded."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from cases_mock import CasesMock, mock_connectcases
from tests.builders import a_client, a_domain


def test_calls_are_recorded_with_inputs_outputs_and_errors() -> None:
    with mock_connectcases() as mock:
        client = a_client()
        domain_id = a_domain(client, "recorded")
        with pytest.raises(ClientError):
            client.get_domain(domainId="ghost")

        create, failed = mock.calls

        assert (create.operation, create.params, create.status) == ("CreateDomain", {"name": "recorded"}, 200)
        assert create.output is not None
        assert create.output["domainId"] == domain_id
        assert (create.account, create.region) == ("123456789012", "us-east-1")
        assert (failed.operation, failed.status, failed.error_code) == (
            "GetDomain",
            404,
            "ResourceNotFoundException",
        )
        assert "ghost" in (failed.error_message or "")
        assert mock.calls_of("GetDomain") == [failed]
    with mock_connectcases() as fresh:
        assert fresh.calls == []


def test_a_throttling_fault_is_retried_by_boto3() -> None:
    with mock_connectcases() as mock:
        retrying = boto3.client(
            "connectcases",
            region_name="us-east-1",
            config=Config(retries={"max_attempts": 5, "mode": "standard"}),
        )
        mock.inject_fault("CreateDomain", "ThrottlingException", times=2)

        answer = retrying.create_domain(name="after-two-throttles")

        assert answer["ResponseMetadata"]["RetryAttempts"] == 2
        assert [c.error_code for c in mock.calls_of("CreateDomain")] == ["ThrottlingException"] * 2 + [None]
        assert [d["name"] for d in retrying.list_domains()["domains"]] == ["after-two-throttles"]


def test_faults_until_cleared_with_probability_and_checks() -> None:
    with mock_connectcases() as mock:
        client = a_client()
        mock.inject_fault("*", "InternalServerException", times=None, probability=0.5, seed=7)
        outcomes = []
        for _ in range(20):
            try:
                client.list_domains()
                outcomes.append("ok")
            except ClientError as error:
                outcomes.append(error.response["Error"]["Code"])
        mock.clear_faults()

        assert {"ok", "InternalServerException"} == set(outcomes)
        assert client.list_domains()["domains"] == []
        with pytest.raises(ValueError, match="does not list"):
            mock.inject_fault("ListDomains", "ConflictException")
        with pytest.raises(ValueError, match="not a Connect Cases operation"):
            mock.inject_fault("DescribeInstance")


def test_the_clock_can_be_frozen_and_advanced() -> None:
    with mock_connectcases() as mock:
        client = a_client()
        moment = datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
        mock.clock.freeze(moment)
        domain_id = a_domain(client)
        mock.clock.advance(timedelta(hours=1))
        later = a_domain(client, "later")

        assert client.get_domain(domainId=domain_id)["createdTime"] == moment
        assert client.get_domain(domainId=later)["createdTime"] == moment + timedelta(hours=1)


def test_state_saved_and_loaded(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    with mock_connectcases() as mock:
        client = a_client("eu-west-2")
        domain_id = a_domain(client, "saved")
        template_id = client.create_template(domainId=domain_id, name="T")["templateId"]
        case_id = client.create_case(
            domainId=domain_id,
            templateId=template_id,
            fields=[{"id": "title", "value": {"stringValue": "kept"}}],
        )["caseId"]
        mock.save(str(path))
    with mock_connectcases() as mock:
        client = a_client("eu-west-2")
        assert client.list_domains()["domains"] == []
        mock.load(str(path))

        got = client.get_case(domainId=domain_id, caseId=case_id, fields=[{"id": "title"}])
        events = client.get_case_audit_events(domainId=domain_id, caseId=case_id)["auditEvents"]

        assert got["fields"] == [{"id": "title", "value": {"stringValue": "kept"}}]
        assert [e["type"] for e in events] == ["Case.Created"]
        with pytest.raises(ValueError, match="not a cases_mock state"):
            mock.import_state({"format": "other"})
        assert client.list_domains()["domains"][0]["name"] == "saved"


def test_inspection_gives_typed_records(cases_mock: CasesMock, cases_client: object) -> None:
    domain_id = a_domain(cases_client, "inspected")

    domain = cases_mock.backend().domain(domain_id)

    assert domain.name == "inspected"
    assert domain.data.fields["status"].options["open"].name == "Open"


def test_freezegun_moves_the_backend_clock() -> None:
    import freezegun

    with freezegun.freeze_time("2031-05-06 07:08:09"), mock_connectcases():
        client = a_client()
        domain_id = a_domain(client)

        created = client.get_domain(domainId=domain_id)["createdTime"]

    assert created == datetime(2031, 5, 6, 7, 8, 9, tzinfo=timezone.utc)


def test_time_machine_moves_the_backend_clock() -> None:
    import time_machine

    with (
        time_machine.travel(datetime(2032, 2, 3, 4, 5, 6, tzinfo=timezone.utc), tick=False),
        mock_connectcases(),
    ):
        client = a_client()
        domain_id = a_domain(client)

        created = client.get_domain(domainId=domain_id)["createdTime"]

    assert created == datetime(2032, 2, 3, 4, 5, 6, tzinfo=timezone.utc)


def test_seed_builds_a_realistic_domain_in_one_line() -> None:
    with mock_connectcases() as mock:
        seeded = mock.seed(name="support", cases=12, seed=3)
        client = a_client()

        template = client.get_template(domainId=seeded.domain_id, templateId=seeded.template_id)
        found = client.search_cases(domainId=seeded.domain_id, maxResults=25)  # 25: any botocore
        options = client.list_field_options(domainId=seeded.domain_id, fieldId=seeded.fields["Product"])

        assert (template["status"], template["requiredFields"]) == (
            "Active",
            [{"fieldId": seeded.fields["Priority"]}],
        )
        assert template["layoutConfiguration"] == {"defaultLayout": seeded.layout_id}
        assert [r["caseRuleId"] for r in template["rules"]] == seeded.case_rule_ids
        assert sorted(c["caseId"] for c in found["cases"]) == sorted(seeded.case_ids)
        assert len(seeded.case_ids) == 12
        assert [o["value"] for o in options["options"]] == ["router", "modem", "phone", "tv"]
        again = mock.seed(name="support-2", cases=12, seed=3, rules=False)
        assert again.case_rule_ids == []


def test_state_round_trips_exactly_datetimes_included() -> None:
    with mock_connectcases() as mock:
        seeded = mock.seed(cases=5)
        first = mock.backend().domain(seeded.domain_id).data.cases[seeded.case_ids[0]].audit[0].performed_time
        exported = mock.export_state()
        mock.reset()
        mock.import_state(exported)

        assert mock.export_state() == exported
        again = mock.backend().domain(seeded.domain_id).data.cases[seeded.case_ids[0]].audit[0].performed_time
        assert again == first
        assert again.utcoffset() == first.utcoffset()


def test_an_error_a_fault_cannot_answer_with_is_refused_listing_the_ones_it_can() -> None:
    with mock_connectcases() as mock:
        with pytest.raises(ValueError, match="ThrottlingExeption") as unknown:
            mock.inject_fault("GetCase", "ThrottlingExeption")
        assert "the errors are AccessDeniedException, ConflictException, " in str(unknown.value)
        assert "ThrottlingException" in str(unknown.value)
        with pytest.raises(
            ValueError, match="CreateDomain does not list ResourceNotFoundException"
        ) as unlisted:
            mock.inject_fault("CreateDomain", "ResourceNotFoundException")
        assert "it can answer AccessDeniedException, ConflictException, InternalServerException, " in str(
            unlisted.value
        )
        assert mock.engine.faults.rules == []
