"""The dashboard's endpoints through their own interface: (method, path, query, body) -> reply.

State is made through boto3 on the in-process mock; the dashboard reads the same engine.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import boto3
import pytest
from botocore.exceptions import ClientError

from cases_mock._dashboard import Dashboard
from tests.builders import a_client
from tests.dashboard.support_domain import AGENT, SupportDomain, a_support_domain, text

# the support domain has hidden and field-options rules
pytestmark = pytest.mark.needs_model("CaseRuleDetails.hidden", "CaseRuleDetails.fieldOptions")

WHERE = {"account": "123456789012", "region": "us-east-1"}


def ask(
    dashboard: Dashboard, method: str, path: str, query: dict[str, str] | None = None, body: Any = None
) -> Any:
    raw = b"" if body is None else json.dumps(body).encode()
    status, headers, content = dashboard.handle(method, path, urlencode(query or {}), raw)
    assert headers["Content-Type"] == "application/json"
    return status, json.loads(content)


@pytest.fixture
def dashboard(cases_mock: Any) -> Dashboard:
    return Dashboard(cases_mock.engine)


@pytest.fixture
def support(cases_mock: Any) -> SupportDomain:
    return a_support_domain(a_client())


def preview(dashboard: Dashboard, support: SupportDomain, **extra: Any) -> Any:
    body = {**WHERE, "domainId": support.domain, "templateId": support.template, **extra}
    status, answer = ask(dashboard, "POST", "api/preview", body=body)
    assert status == 200, answer
    return answer


def form_fields(answer: dict[str, Any]) -> dict[str, dict[str, Any]]:
    fields = list(answer["header"]) + list(answer["notInLayout"])
    for panel in answer["panels"]:
        for section in panel["sections"]:
            fields += section["fields"]
    return {field["id"]: field for field in fields}


# -- the preview --------------------------------------------------------------------------------


def test_preview_lays_out_title_status_then_the_top_panel_then_more_info(dashboard, support):
    answer = preview(dashboard, support, values={})
    assert [f["id"] for f in answer["header"]] == ["title", "status"]
    assert [p["panel"] for p in answer["panels"]] == ["topPanel", "moreInfo"]
    top, more = (p["sections"][0] for p in answer["panels"])
    assert (top["name"], [f["id"] for f in top["fields"]]) == ("Triage", [support.reason, support.priority])
    assert (more["name"], [f["id"] for f in more["fields"]]) == ("Details", [support.detail, support.refund])
    assert answer["layout"]["name"] == "Support form"
    assert answer["notInLayout"] == []  # every field the rules use is placed


def test_preview_shows_fields_the_rules_use_but_the_layout_omits(dashboard, support):
    support.client.update_layout(
        domainId=support.domain,
        layoutId=support.layout,
        content={"basic": {"topPanel": {"sections": [{"fieldGroup": {"name": "Only", "fields": []}}]}}},
    )
    answer = preview(dashboard, support, values={})
    assert [f["id"] for f in answer["notInLayout"]] == [
        support.priority,
        support.refund,
        support.reason,
        support.detail,
    ]


def test_preview_hides_and_requires_a_field_as_its_condition_changes(dashboard, support):
    outage = form_fields(preview(dashboard, support, values={support.reason: "outage"}))
    assert outage[support.refund]["hidden"] is True
    assert outage[support.refund]["required"] is False
    billing = form_fields(preview(dashboard, support, values={support.reason: "billing"}))
    assert billing[support.refund]["hidden"] is False
    assert billing[support.refund]["required"] is True
    assert "Refund needed for billing" in billing[support.refund]["requiredBy"]
    assert billing[support.priority]["requiredBy"] == "the template's required fields"


def test_preview_narrows_a_child_fields_options_to_the_parents_mapping(dashboard, support):
    nothing = form_fields(preview(dashboard, support, values={}))[support.detail]
    assert [o["value"] for o in nothing["options"]] == ["refund", "overcharge", "fibre"]
    assert nothing["limitedBy"] is None
    billing = form_fields(preview(dashboard, support, values={support.reason: "billing"}))[support.detail]
    assert [o["value"] for o in billing["options"]] == ["refund", "overcharge"]
    assert "Sub-reasons by reason" in billing["limitedBy"]


def test_preview_verdict_is_the_message_create_case_gives(dashboard, support):
    values = {"title": "Charged twice", support.reason: "billing", support.priority: 2}
    answer = preview(dashboard, support, values=values)
    with pytest.raises(ClientError) as refused:
        support.a_case("Charged twice", reason=text("billing"), priority={"doubleValue": 2})
    assert answer["verdict"] == refused.value.response["Error"]["Message"]
    assert "Refund needed for billing" in answer["verdict"]
    accepted = preview(dashboard, support, values={**values, support.refund: 10})
    assert accepted["verdict"] is None


def test_preview_of_a_case_starts_from_its_stored_values(dashboard, support):
    case_id = support.a_case("Outage in Leeds", reason=text("outage"), priority={"doubleValue": 1})
    answer = preview(dashboard, support, caseId=case_id)
    fields = form_fields(answer)
    assert fields["title"]["value"] == "Outage in Leeds"
    assert fields[support.reason]["value"] == "outage"
    assert fields[support.refund]["hidden"] is True
    assert answer["values"][support.priority] == 1.0


def test_preview_reports_a_bad_value_beside_its_field_and_evaluates_the_rest(dashboard, support):
    answer = preview(
        dashboard, support, values={support.priority: "soon", "no-such-field": "x", support.reason: "billing"}
    )
    assert (
        answer["invalid"][support.priority]
        == f"Invalid value for field 'Priority' ({support.priority}): 'soon' is not a Number"
    )
    assert "does not exist" in answer["invalid"]["no-such-field"]
    assert form_fields(answer)[support.refund]["hidden"] is False


@pytest.mark.parametrize(
    ("body", "status", "names"),
    [
        ({"domainId": "nope", "templateId": "t"}, 404, "nope"),
        ({"domainId": None}, 400, "domainId"),
        ({"values": []}, 400, "values"),
    ],
)
def test_preview_of_bad_input_is_an_error_naming_what_is_wrong(dashboard, support, body, status, names):
    given = {**WHERE, "domainId": support.domain, "templateId": support.template, **body}
    answer_status, answer = ask(dashboard, "POST", "api/preview", body=given)
    assert answer_status == status
    assert names in answer["message"]


def test_preview_of_an_unknown_template_is_resource_not_found(dashboard, support):
    status, answer = ask(
        dashboard, "POST", "api/preview", body={**WHERE, "domainId": support.domain, "templateId": "missing"}
    )
    assert (status, answer["code"]) == (404, "ResourceNotFoundException")
    assert "missing" in answer["message"]


# -- browsing -----------------------------------------------------------------------------------


def test_overview_lists_accounts_regions_and_domains_with_their_counts(dashboard, support):
    support.a_case("One", reason=text("outage"), priority={"doubleValue": 1})
    a_client("eu-west-2").create_domain(name="london")
    status, answer = ask(dashboard, "GET", "api/overview")
    assert status == 200
    where = {(b["account"], b["region"]): b["domains"] for b in answer["backends"]}
    assert [d["name"] for d in where[("123456789012", "eu-west-2")]] == ["london"]
    (domain,) = where[("123456789012", "us-east-1")]
    assert domain["counts"] == {"fields": 20, "layouts": 1, "templates": 1, "caseRules": 3, "cases": 1}


def test_domain_shows_fields_with_options_templates_with_rules_and_case_rules(dashboard, support):
    status, answer = ask(dashboard, "GET", "api/domain", {**WHERE, "domain": support.domain})
    assert status == 200
    fields = {f["fieldId"]: f for f in answer["fields"]}
    assert [o["value"] for o in fields[support.reason]["options"]] == ["billing", "outage"]
    (template,) = answer["templates"]
    assert template["layoutId"] == support.layout
    assert template["requiredFields"] == [support.priority]
    assert [(r["name"], r["ruleType"], r["fieldId"]) for r in template["rules"]] == [
        ("Refund only for billing", "Hidden", support.refund),
        ("Refund needed for billing", "Required", support.refund),
        ("Sub-reasons by reason", "FieldOptions", support.detail),
    ]
    assert {r["caseRuleId"] for r in answer["caseRules"]} == set(support.rules.values())
    assert [layout["name"] for layout in answer["layouts"]] == ["Support form"]


def test_case_search_takes_a_search_cases_filter(dashboard, support):
    support.a_case("Outage in Leeds", reason=text("outage"), priority={"doubleValue": 1})
    support.a_case(
        "Refund please", reason=text("billing"), priority={"doubleValue": 1}, refund={"doubleValue": 5}
    )
    only_billing = {"field": {"equalTo": {"id": support.reason, "value": text("billing")}}}
    query = {**WHERE, "domain": support.domain, "filter": json.dumps(only_billing)}
    status, answer = ask(dashboard, "GET", "api/cases", query)
    assert status == 200
    assert [c["values"]["title"] for c in answer["cases"]] == ["Refund please"]
    assert answer["totalCount"] == 1


def test_case_search_pages_with_the_next_token(dashboard, cases_mock):
    seeded = cases_mock.seed(cases=30)
    query = {**WHERE, "domain": seeded.domain_id}
    first = ask(dashboard, "GET", "api/cases", query)[1]
    second = ask(dashboard, "GET", "api/cases", {**query, "token": first["nextToken"]})[1]
    assert (len(first["cases"]), len(second["cases"]), second.get("nextToken")) == (25, 5, None)
    found = {c["caseId"] for c in first["cases"] + second["cases"]}
    assert found == set(seeded.case_ids)


def test_case_search_leaves_the_answers_of_later_searches_whole(dashboard, support):
    support.a_case("Outage in Leeds", reason=text("outage"), priority={"doubleValue": 1})
    query = {**WHERE, "domain": support.domain}
    for _ in range(2):
        status, answer = ask(dashboard, "GET", "api/cases", query)
        assert status == 200
        assert [c["values"]["title"] for c in answer["cases"]] == ["Outage in Leeds"]
    listed = ["title", "status", "created_datetime", "last_updated_datetime"]  # the dashboard's projection
    page = support.client.search_cases(domainId=support.domain, fields=[{"id": f} for f in listed])
    assert [f["id"] for f in page["cases"][0]["fields"]] == listed


@pytest.mark.parametrize(
    ("filter_text", "named"),
    [("{not json", "not JSON"), ('{"field": {"equalTo": {"id": "title"}}}', "filter.field.equalTo.value")],
)
def test_a_bad_search_filter_is_a_400_naming_the_problem(dashboard, support, filter_text, named):
    status, answer = ask(
        dashboard, "GET", "api/cases", {**WHERE, "domain": support.domain, "filter": filter_text}
    )
    assert status == 400
    assert named in answer["message"]


def test_case_detail_has_fields_related_items_and_the_audit_timeline(dashboard, support, cases_mock):
    case_id = support.a_case("Outage in Leeds", reason=text("outage"), priority={"doubleValue": 1})
    support.client.update_case(
        domainId=support.domain,
        caseId=case_id,
        fields=[{"id": support.priority, "value": {"doubleValue": 3}}],
        performedBy={"userArn": AGENT},
    )
    support.client.create_related_item(
        domainId=support.domain,
        caseId=case_id,
        type="Comment",
        content={"comment": {"body": "Called back", "contentType": "Text/Plain"}},
    )
    resolve = {"name": "resolve", "type": "CaseField", "targetSlaMinutes": 60}
    resolve.update(fieldId="status", targetFieldValues=[{"stringValue": "closed"}])
    support.client.create_related_item(
        domainId=support.domain,
        caseId=case_id,
        type="Sla",
        content={"sla": {"slaInputConfiguration": resolve}},
    )
    status, answer = ask(dashboard, "GET", "api/case", {**WHERE, "domain": support.domain, "case": case_id})
    assert status == 200
    sla, comment = answer["relatedItems"]
    assert (sla["type"], sla["content"]["sla"]["slaConfiguration"]["status"]) == ("Sla", "Active")
    values = {f["id"]: f["value"] for f in answer["fields"]}
    assert (values["title"], values[support.priority]) == ("Outage in Leeds", 3.0)
    assert answer["templateName"] == "Customer support"
    assert comment["content"]["comment"]["body"] == "Called back"
    newest, commented, updated, created = answer["audit"]
    assert (newest["relatedItemType"], commented["relatedItemType"]) == ("Sla", "Comment")
    assert updated["type"] == "Case.Updated"
    assert updated["performedBy"]["user"] == {"userArn": AGENT}
    change = next(f for f in updated["fields"] if f["eventFieldId"] == support.priority)
    assert (change["oldValue"], change["newValue"]) == ({"doubleValue": 1.0}, {"doubleValue": 3.0})
    assert created["type"] == "Case.Created"
    assert answer["fieldNames"][support.priority] == "Priority"


@pytest.mark.parametrize(
    ("where", "held"),
    [(WHERE, ""), ({"account": "999999999999", "region": "eu-west-2"}, " (nothing is stored there)")],
)
@pytest.mark.parametrize("endpoint", ["api/domain", "api/cases"])
def test_a_domain_that_is_not_there_is_a_404_naming_it_and_where_it_was_looked_for(
    dashboard, support, endpoint, where, held
):
    status, answer = ask(dashboard, "GET", endpoint, {**where, "domain": "no-such-domain"})
    assert (status, answer["code"]) == (404, "ResourceNotFoundException")
    place = f"account {where['account']}, region {where['region']}"
    assert answer["message"] == f"Domain 'no-such-domain' was not found in {place}{held}"


def test_the_preview_of_a_domain_that_is_not_there_names_it(dashboard, support):
    body = {"account": "999999999999", "region": "us-east-1", "domainId": support.domain, "templateId": "t"}
    status, answer = ask(dashboard, "POST", "api/preview", body=body)
    assert status == 404
    assert answer["message"] == (
        f"Domain {support.domain!r} was not found in account 999999999999, region us-east-1"
        " (nothing is stored there)"
    )


def test_unknown_backend_domain_or_case_is_a_404(dashboard, support):
    assert (
        ask(
            dashboard, "GET", "api/domain", {"account": "999999999999", "region": "us-east-1", "domain": "x"}
        )[0]
        == 404
    )
    assert ask(dashboard, "GET", "api/domain", {**WHERE, "domain": "nope"})[0] == 404
    assert ask(dashboard, "GET", "api/case", {**WHERE, "domain": support.domain, "case": "nope"})[0] == 404
    assert ask(dashboard, "GET", "api/case", {**WHERE, "domain": support.domain})[0] == 400


# -- calls and faults ---------------------------------------------------------------------------


def test_calls_are_newest_first_filtered_by_operation_and_status(dashboard, support, cases_mock):
    with pytest.raises(ClientError):
        support.client.get_case(domainId=support.domain, caseId="nope", fields=[{"id": "title"}])
    support.a_case("One", reason=text("outage"), priority={"doubleValue": 1})
    status, answer = ask(dashboard, "GET", "api/calls")
    assert status == 200
    assert [c["operation"] for c in answer["calls"][:2]] == ["CreateCase", "GetCase"]
    assert answer["total"] == len(cases_mock.calls)
    failed = ask(dashboard, "GET", "api/calls", {"status": "4xx"})[1]["calls"]
    assert [(c["operation"], c["errorCode"]) for c in failed] == [("GetCase", "ResourceNotFoundException")]
    created = ask(dashboard, "GET", "api/calls", {"operation": "CreateField"})[1]["calls"]
    assert len(created) == 4
    assert "CreateTemplate" in answer["operations"]


def test_dashboard_reads_are_not_recorded_as_calls(dashboard, support, cases_mock):
    case_id = support.a_case("One", reason=text("outage"), priority={"doubleValue": 1})
    before = len(cases_mock.calls)
    ask(dashboard, "GET", "api/case", {**WHERE, "domain": support.domain, "case": case_id})
    ask(dashboard, "GET", "api/cases", {**WHERE, "domain": support.domain})
    preview(dashboard, support, caseId=case_id)
    assert len(cases_mock.calls) == before


def test_dashboard_reads_are_untouched_by_injected_faults(dashboard, support, cases_mock):
    case_id = support.a_case("One", reason=text("outage"), priority={"doubleValue": 1})
    cases_mock.inject_fault("*", "ThrottlingException", times=None)
    status, answer = ask(dashboard, "GET", "api/case", {**WHERE, "domain": support.domain, "case": case_id})
    assert status == 200, answer
    status, answer = ask(dashboard, "GET", "api/cases", {**WHERE, "domain": support.domain})
    assert (status, [c["caseId"] for c in answer["cases"]]) == (200, [case_id])
    with pytest.raises(ClientError, match="ThrottlingException"):  # while a client's call is faulted
        support.client.get_domain(domainId=support.domain)


def test_faults_lists_the_faults_in_force_and_what_a_new_one_may_name(dashboard, cases_mock):
    cases_mock.inject_fault("CreateCase", "ThrottlingException", times=2)
    status, answer = ask(dashboard, "GET", "api/faults")
    assert status == 200
    assert [(f["operation"], f["error"], f["times"]) for f in answer["faults"]] == [
        ("CreateCase", "ThrottlingException", 2)
    ]
    assert "SearchCases" in answer["operations"]
    assert "ConflictException" in answer["errors"]


# -- pages ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("", "text/html"),
        ("app.js", "text/javascript"),
        ("app.css", "text/css"),
        ("favicon.svg", "image/svg+xml"),
    ],
)
def test_pages_are_served_from_the_package_with_a_same_origin_policy(dashboard, path, kind):
    status, headers, content = dashboard.handle("GET", path, "", b"")
    assert status == 200
    assert headers["Content-Type"].startswith(kind)
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert content


def test_the_page_loads_nothing_from_another_origin(dashboard):
    for path in ("", "app.js", "app.css"):
        content = dashboard.handle("GET", path, "", b"")[2].decode()
        assert "http://" not in content
        assert "https://" not in content


def test_unknown_pages_and_endpoints_are_404_and_writes_to_pages_405(dashboard):
    assert dashboard.handle("GET", "secret.py", "", b"")[0] == 404
    assert ask(dashboard, "GET", "api/nothing")[0] == 404
    assert ask(dashboard, "GET", "api/preview")[0] == 404
    assert dashboard.handle("POST", "", "", b"")[0] == 405


# -- a case's customer --------------------------------------------------------------------------


def case_page(dashboard: Dashboard, domain_id: str, case_id: str) -> Any:
    status, answer = ask(dashboard, "GET", "api/case", {**WHERE, "domain": domain_id, "case": case_id})
    assert status == 200, answer
    return answer


def test_a_case_shows_its_customers_profile_from_customer_profiles(dashboard, cases_mock):
    seeded = cases_mock.seed(name="support", cases=2)
    case_id = seeded.case_ids[0]
    profile_id = seeded.case_profiles[case_id]
    profiles = boto3.client("customer-profiles", region_name="us-east-1")
    (profile,) = profiles.search_profiles(DomainName="support", KeyName="_profileId", Values=[profile_id])[
        "Items"
    ]

    before = len(cases_mock.calls)
    shown = case_page(dashboard, seeded.domain_id, case_id)["customer"]

    assert shown == {
        "found": True,
        "arn": f"arn:aws:profile:us-east-1:123456789012:domains/support/profiles/{profile_id}",
        "profileId": profile_id,
        "domain": "support",
        "name": f"{profile['FirstName']} {profile['LastName']}",
        "phone": profile["PhoneNumber"],
        "email": profile["EmailAddress"],
        "accountNumber": profile["AccountNumber"],
    }
    assert len(cases_mock.calls) == before  # the profile read is not recorded either


GONE = "arn:aws:profile:us-east-1:123456789012:domains/support/profiles/" + "0" * 32


@pytest.mark.parametrize(
    ("customer_id", "reason"),
    [
        (None, "The case has no customer_id."),
        (GONE, "No profile 00000000000000000000000000000000 in Customer Profiles domain 'support'."),
        (GONE.replace("us-east-1", "eu-west-2"), "The profile is in account 123456789012, region eu-west-2"),
        (GONE.replace("support", "elsewhere"), "elsewhere"),
    ],
)
def test_a_case_whose_customer_id_names_no_profile_says_so(dashboard, cases_mock, customer_id, reason):
    seeded = cases_mock.seed(name="support", cases=0)
    client = a_client()
    fields = [
        {"id": "title", "value": text("Lost")},
        {"id": seeded.fields["Priority"], "value": {"doubleValue": 1}},
    ]
    if customer_id:
        fields.append({"id": "customer_id", "value": text(customer_id)})
    case_id = client.create_case(domainId=seeded.domain_id, templateId=seeded.template_id, fields=fields)[
        "caseId"
    ]

    shown = case_page(dashboard, seeded.domain_id, case_id)["customer"]

    assert (shown["found"], shown["arn"]) == (False, customer_id)
    assert reason in shown["reason"]
