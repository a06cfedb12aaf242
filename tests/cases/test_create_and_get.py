"""CreateCase and GetCase: values of every type, system fields, templates, tags, idempotency."""

from __future__ import annotations

import re
from typing import Any

import pytest

from cases_mock import CasesMock, mock_connectcases
from tests.builders import a_client, a_domain
from tests.cases.conftest import stored_cases
from tests.config.helpers import code_of
from tests.rules.domain import RuleDomain

AGENT = "arn:aws:connect:us-east-1:123456789012:instance/i-1/agent/a-1"
PROFILE = "arn:aws:profile:us-east-1:123456789012:domains/d/profiles/p"


def _all(domain: RuleDomain, case_id: str) -> dict[str, Any]:
    ids = [f["fieldId"] for f in domain.client.list_fields(domainId=domain.domain_id)["fields"]]
    got = domain.client.get_case(domainId=domain.domain_id, caseId=case_id, fields=[{"id": i} for i in ids])
    return {f["id"]: f["value"] for f in got["fields"]}


def test_a_case_holds_a_value_of_every_type(domain: RuleDomain) -> None:
    template_id = domain.template()
    case_id = domain.create_case(
        template_id,
        note="printer",
        link="https://example.com/x",
        priority=2,
        urgent=True,
        due="2026-01-02T03:04:05Z",
        owner=AGENT,
        country="us",
    )

    values = domain.case_values(case_id, "note", "link", "priority", "urgent", "due", "owner", "country")

    assert values == {
        "note": "printer",
        "link": "https://example.com/x",
        "priority": 2.0,
        "urgent": True,
        "due": "2026-01-02T03:04:05.000Z",
        "owner": AGENT,
        "country": "us",
    }


def test_the_service_fills_its_system_fields(domain: RuleDomain) -> None:
    template_id = domain.template()
    created = domain.client.create_case(
        domainId=domain.domain_id,
        templateId=template_id,
        fields=domain.fields(title="t"),
        performedBy={"userArn": AGENT},
    )

    values = _all(domain, created["caseId"])

    assert created["caseArn"].endswith(f":domain/{domain.domain_id}/case/{created['caseId']}")
    assert values["case_id"] == {"stringValue": created["caseId"]}
    assert values["status"] == {"stringValue": "open"}
    assert re.fullmatch(r"[0-9A-Z]{9}", values["reference_number"]["stringValue"])
    assert values["created_datetime"] == values["last_updated_datetime"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", values["created_datetime"]["stringValue"])
    assert values["created_by"] == values["last_updated_user"] == {"userArnValue": AGENT}
    assert "last_closed_datetime" not in values


def test_a_case_created_closed_has_a_closed_time(domain: RuleDomain) -> None:
    case_id = domain.create_case(domain.template(), status="closed")

    values = _all(domain, case_id)

    assert values["last_closed_datetime"] == values["created_datetime"]


def test_get_case_returns_requested_fields_with_values_in_request_order(domain: RuleDomain) -> None:
    case_id = domain.create_case(domain.template(), note="n")

    answer = domain.client.get_case(
        domainId=domain.domain_id,
        caseId=case_id,
        fields=[{"id": domain.ids["note"]}, {"id": "ghost"}, {"id": domain.ids["link"]}, {"id": "title"}],
    )

    assert [f["id"] for f in answer["fields"]] == [domain.ids["note"], "title"]
    assert answer["tags"] == {}
    assert "nextToken" not in answer


@pytest.mark.parametrize(
    ("name", "value", "why"),
    [
        ("note", {"doubleValue": 1.0}, "takes stringValue"),
        ("priority", {"stringValue": "high"}, "takes doubleValue"),
        ("urgent", {"stringValue": "yes"}, "takes booleanValue"),
        ("owner", {"stringValue": AGENT}, "takes userArnValue"),
        ("owner", {"userArnValue": "someone"}, "not an Amazon Connect user ARN"),
        ("due", {"stringValue": "tomorrow"}, "not an ISO-8601"),
        ("link", {"stringValue": "example.com"}, "absolute http(s) URL"),
        ("country", {"stringValue": "fr"}, "not an option"),
        pytest.param(
            "note",
            {"stringValue": "x" * 4101},
            "4100",
            marks=pytest.mark.needs_model("FieldValueUnionStringValueString:max=4100"),
        ),
        pytest.param(
            "summary",
            {"stringValue": "x" * 3001},
            "3000",
            marks=pytest.mark.needs_model("FieldValueUnionStringValueString:max=4100"),
        ),
        ("customer_id", {"stringValue": "not-an-arn"}, "profile ARN"),
        ("title", {"stringValue": "x" * 501}, "500"),
    ],
)
def test_a_value_that_does_not_fit_its_field_is_refused(
    mock: CasesMock, domain: RuleDomain, name: str, value: dict[str, Any], why: str
) -> None:
    template_id = domain.template()
    field_id = domain.ids.get(name, name)
    fields = [{"id": "title", "value": {"stringValue": "t"}}] if name != "title" else []
    fields.append({"id": field_id, "value": value})

    code, message = code_of(
        lambda: domain.client.create_case(domainId=domain.domain_id, templateId=template_id, fields=fields)
    )

    assert code == "ValidationException"
    assert field_id in message or "fields[1].value" in message  # the model's own limits name the path
    assert why in message
    assert stored_cases(mock, domain) == {}


def test_an_unknown_or_deleted_field_is_refused(mock: CasesMock, domain: RuleDomain) -> None:
    template_id = domain.template()
    domain.client.delete_field(domainId=domain.domain_id, fieldId=domain.ids["reason"])

    for name, why in (("ghost", "does not exist"), ("reason", "deleted")):
        code, message = code_of(lambda n=name: domain.create_case(template_id, **{n: "x"}))
        assert (code, why in message, domain.ids.get(name, name) in message) == (
            "ValidationException",
            True,
            True,
        )
    code, message = code_of(lambda: domain.create_case(template_id, case_id="mine"))
    assert (code, "maintained by the service" in message) == ("ValidationException", True)
    assert stored_cases(mock, domain) == {}


def test_the_same_field_twice_is_refused(domain: RuleDomain) -> None:
    fields = domain.fields(title="a") + domain.fields(title="b")

    code, message = code_of(
        lambda: domain.client.create_case(
            domainId=domain.domain_id, templateId=domain.template(), fields=fields
        )
    )

    assert (code, "fields[1].id" in message) == ("ValidationException", True)


def test_title_and_the_template_required_fields(mock: CasesMock, domain: RuleDomain) -> None:
    template_id = domain.template(required=("priority", "customer_id"))

    for values, missing in (
        ({"priority": 1, "customer_id": PROFILE}, "title"),
        ({"title": "t", "customer_id": PROFILE}, domain.ids["priority"]),
        ({"title": "t", "priority": 1}, "customer_id"),
        ({"title": "t", "priority": None, "customer_id": PROFILE}, domain.ids["priority"]),
    ):
        code, message = code_of(
            lambda v=values: domain.client.create_case(
                domainId=domain.domain_id, templateId=template_id, fields=domain.fields(**v)
            )
        )
        assert (code, f"({missing}) is required" in message) == ("ValidationException", True), message
    assert stored_cases(mock, domain) == {}
    assert domain.create_case(template_id, priority=1, customer_id=PROFILE)


def test_templates_must_exist_be_active_and_not_deleted(domain: RuleDomain) -> None:
    inactive = domain.template()
    domain.client.update_template(domainId=domain.domain_id, templateId=inactive, status="Inactive")
    deleted = domain.template()
    domain.client.delete_template(domainId=domain.domain_id, templateId=deleted)

    assert code_of(lambda: domain.create_case("ghost"))[0] == "ResourceNotFoundException"
    code, message = code_of(lambda: domain.create_case(inactive))
    assert (code, "Inactive" in message) == ("ValidationException", True)
    code, message = code_of(lambda: domain.create_case(deleted))
    assert (code, "deleted" in message) == ("ValidationException", True)


def test_inactive_options_cannot_be_newly_set_but_are_kept(domain: RuleDomain) -> None:
    template_id = domain.template()
    case_id = domain.create_case(template_id, country="ca")
    domain.client.batch_put_field_options(
        domainId=domain.domain_id,
        fieldId=domain.ids["country"],
        options=[{"name": "CA", "value": "ca", "active": False}],
    )

    code, _ = code_of(lambda: domain.create_case(template_id, country="ca"))
    assert code == "ValidationException"
    domain.update_case(case_id, country="ca", note="still fine")
    assert domain.case_values(case_id, "country") == {"country": "ca"}


@pytest.mark.needs_model("CreateCaseRequest.tags", "CreateTemplateRequest.tagPropagationConfigurations")
def test_tags_on_create_merge_with_the_template_propagation(domain: RuleDomain) -> None:
    template_id = domain.client.create_template(
        domainId=domain.domain_id,
        name="tagged",
        tagPropagationConfigurations=[{"resourceType": "Cases", "tagMap": {"team": "billing", "tier": "1"}}],
    )["templateId"]

    created = domain.client.create_case(
        domainId=domain.domain_id, templateId=template_id, fields=domain.fields(title="t"), tags={"tier": "2"}
    )

    got = domain.client.get_case(
        domainId=domain.domain_id, caseId=created["caseId"], fields=[{"id": "title"}]
    )
    assert got["tags"] == {"team": "billing", "tier": "2"}
    assert got["templateId"] == template_id
    assert domain.client.list_tags_for_resource(arn=created["caseArn"])["tags"] == got["tags"]


def test_client_token_replays_and_conflicts(mock: CasesMock, domain: RuleDomain) -> None:
    template_id = domain.template()
    request = {"domainId": domain.domain_id, "templateId": template_id, "fields": domain.fields(title="t")}

    first = domain.client.create_case(**request, clientToken="token-1")
    again = domain.client.create_case(**request, clientToken="token-1")
    other = {**request, "fields": domain.fields(title="different")}
    code, _ = code_of(lambda: domain.client.create_case(**other, clientToken="token-1"))

    assert again["caseId"] == first["caseId"]
    assert code == "ConflictException"
    assert list(stored_cases(mock, domain)) == [first["caseId"]]
    events = domain.client.get_case_audit_events(domainId=domain.domain_id, caseId=first["caseId"])
    assert len(events["auditEvents"]) == 1


def test_reference_numbers_are_unique_case_insensitively(domain: RuleDomain) -> None:
    template_id = domain.template()
    domain.create_case(template_id, reference_number="ABC123")

    code, _ = code_of(lambda: domain.create_case(template_id, reference_number="abc123"))

    assert code == "ConflictException"


@mock_connectcases
def test_cases_of_an_unknown_domain_or_id_are_not_found() -> None:
    client = a_client()
    domain_id = a_domain(client)

    code, _ = code_of(lambda: client.get_case(domainId=domain_id, caseId="ghost", fields=[{"id": "title"}]))
    assert code == "ResourceNotFoundException"
    code, _ = code_of(lambda: client.create_case(domainId="ghost", templateId="t", fields=[]))
    assert code == "ResourceNotFoundException"
