"""The dashboard in a real browser (headless Chromium through Selenium) against a real server."""

from __future__ import annotations

import subprocess
import sys
from typing import Any
from urllib.parse import urlencode

import boto3
import pytest
from botocore.exceptions import ClientError
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from maintainers.screenshots import PAGES, wait_for_page
from tests.dashboard.conftest import TOKEN
from tests.dashboard.support_domain import AGENT, a_support_domain, text

# slow: a real browser (installed with apt-get on first use); the support domain has hidden and
# field-options rules
pytestmark = [
    pytest.mark.slow,
    pytest.mark.needs_model("CaseRuleDetails.hidden", "CaseRuleDetails.fieldOptions"),
]

WAIT = 10  # seconds a page may take to react, at most (a bound, not a timing assertion)


def visit(browser: Any, server: str, page: str, **query: str) -> None:
    browser.get("about:blank")
    suffix = f"?{urlencode(query)}" if query else ""
    browser.get(f"{server}/_cases_mock/ui/#/{'' if page == 'state' else page}{suffix}")


def open_page(browser: Any, server: str, page: str, **query: str) -> None:
    visit(browser, server, page, **query)
    wait_for_page(browser, page, WAIT)


def row(browser: Any, field_id: str) -> Any:
    return browser.find_element(By.CSS_SELECTOR, f'#preview-form [data-field-id="{field_id}"]')


def until(browser: Any, condition: Any) -> Any:
    # a page that re-renders replaces the element being read: read it again rather than fail
    waiting = WebDriverWait(browser, WAIT, ignored_exceptions=(StaleElementReferenceException,))
    return waiting.until(lambda _: condition())


def status_line(browser: Any) -> str:
    return str(browser.find_element(By.ID, "status").text)


def go_to(browser: Any, nav: str) -> None:
    """Clicks a link of the header's navigation and waits for its page."""
    browser.find_element(By.CSS_SELECTOR, f'nav a[data-nav="{nav}"]').click()
    until(browser, lambda: browser.execute_script("return document.body.dataset.page") == nav)


def test_preview_hides_and_shows_a_field_as_its_conditions_value_changes(browser, server, client):
    support = a_support_domain(client)
    where = {"account": "123456789012", "region": "us-east-1", "domain": support.domain}
    open_page(browser, server, "preview", **where, template=support.template)
    assert not row(browser, support.refund).is_displayed()  # hidden unless the reason is billing

    Select(browser.find_element(By.ID, f"field-{support.reason}")).select_by_value("billing")
    until(browser, lambda: row(browser, support.refund).is_displayed())
    refund = row(browser, support.refund)
    assert refund.get_attribute("data-required") is not None
    assert "Refund needed for billing" in refund.text
    sub_reasons = Select(browser.find_element(By.ID, f"field-{support.detail}"))
    assert [o.get_attribute("value") for o in sub_reasons.options] == ["", "refund", "overcharge"]

    Select(browser.find_element(By.ID, f"field-{support.reason}")).select_by_value("outage")
    until(browser, lambda: not row(browser, support.refund).is_displayed())
    sub_reasons = Select(browser.find_element(By.ID, f"field-{support.detail}"))
    assert [o.get_attribute("value") for o in sub_reasons.options] == ["", "fibre"]


def test_the_audit_timeline_shows_an_update_made_through_boto3(browser, server, client):
    support = a_support_domain(client)
    case_id = support.a_case("Outage in Leeds", reason=text("outage"), priority={"doubleValue": 1})
    client.update_case(
        domainId=support.domain,
        caseId=case_id,
        fields=[{"id": support.priority, "value": {"doubleValue": 3}}],
        performedBy={"userArn": AGENT},
    )
    where = {"account": "123456789012", "region": "us-east-1", "domain": support.domain}
    open_page(browser, server, "case", **where, case=case_id)
    events = browser.find_elements(By.CSS_SELECTOR, "#audit li")
    assert [e.get_attribute("data-event-type") for e in events] == ["Case.Updated", "Case.Created"]
    change = events[0].find_element(By.CSS_SELECTOR, f'[data-field-id="{support.priority}"]')
    assert change.text == "Priority: 1 → 3"
    assert AGENT in events[0].text


def test_a_case_page_shows_its_customers_profile(browser, server, client):
    profiles = boto3.client(
        "customer-profiles",
        region_name="us-east-1",
        endpoint_url=server,
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    profiles.create_domain(DomainName="support", DefaultExpirationDays=365)
    profile_id = profiles.create_profile(
        DomainName="support", FirstName="Ada", LastName="Lovelace", PhoneNumber="+441632960001"
    )["ProfileId"]
    arn = f"arn:aws:profile:us-east-1:123456789012:domains/support/profiles/{profile_id}"
    support = a_support_domain(client)
    case_id = support.a_case("Outage in York", reason=text("outage"), priority={"doubleValue": 2})
    client.update_case(
        domainId=support.domain, caseId=case_id, fields=[{"id": "customer_id", "value": text(arn)}]
    )
    where = {"account": "123456789012", "region": "us-east-1", "domain": support.domain}
    open_page(browser, server, "case", **where, case=case_id)
    customer = browser.find_element(By.CSS_SELECTOR, f'#customer tr[data-profile-id="{profile_id}"]')
    assert [cell.text for cell in customer.find_elements(By.TAG_NAME, "td")][:2] == [
        "Ada Lovelace",
        "+441632960001",
    ]


def test_a_fault_added_in_the_dashboard_makes_the_next_boto3_call_fail(browser, server, client):
    domain = client.create_domain(name="support")["domainId"]
    open_page(browser, server, "faults")
    Select(browser.find_element(By.ID, "fault-operation")).select_by_value("GetDomain")
    Select(browser.find_element(By.ID, "fault-error")).select_by_value("ThrottlingException")
    browser.find_element(By.ID, "fault-add").click()
    until(browser, lambda: "GetDomain" in browser.find_element(By.ID, "faults").text)

    with pytest.raises(ClientError) as failed:
        client.get_domain(domainId=domain)
    assert failed.value.response["Error"]["Code"] == "ThrottlingException"
    assert client.get_domain(domainId=domain)["name"] == "support"  # times=1: only the next call


def test_the_documented_screenshot_command_saves_each_main_page(chromium_installed, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "maintainers.screenshots", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    expected = [tmp_path / f"dashboard-{page}.png" for page in PAGES]
    assert done.stdout.split() == [str(path) for path in expected]
    for path in expected:
        assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_with_a_control_token_the_page_asks_for_it_once_then_shows_the_state(browser, token_server):
    browser.get("about:blank")
    browser.get(f"{token_server}/_cases_mock/ui/#/")
    prompt = WebDriverWait(browser, WAIT).until(expected_conditions.alert_is_present())
    prompt.send_keys(TOKEN)
    prompt.accept()
    wait_for_page(browser, "state", WAIT)
    assert "No state yet" in browser.find_element(By.ID, "view").text
    browser.execute_script("sessionStorage.clear()")


# -- details a new user meets (issue 31) -----------------------------------------------------------


def test_the_status_line_is_cleared_when_another_page_opens(browser, server, client):
    client.create_domain(name="support")
    open_page(browser, server, "faults")
    browser.find_element(By.ID, "fault-add").click()
    until(browser, lambda: status_line(browser) == "Fault added: * → ThrottlingException")
    go_to(browser, "calls")
    assert status_line(browser) == ""

    visit(browser, server, "domain", account="123456789012", region="us-east-1", domain="nope")
    until(browser, lambda: "'nope' was not found" in status_line(browser))
    go_to(browser, "state")
    assert status_line(browser) == ""


def test_the_preview_opens_a_domain_that_has_templates(browser, server, client):
    client.create_domain(name="empty")
    support = a_support_domain(client)
    open_page(browser, server, "preview")
    chosen = Select(browser.find_element(By.ID, "preview-domain")).first_selected_option
    assert chosen.text.startswith("support (123456789012 · us-east-1)")
    assert (
        Select(browser.find_element(By.ID, "preview-template")).first_selected_option.get_attribute("value")
        == support.template
    )


def test_a_domain_without_templates_is_said_plainly_with_links_to_the_others(browser, server, client):
    empty = client.create_domain(name="empty")["domainId"]
    a_support_domain(client)
    visit(browser, server, "preview", account="123456789012", region="us-east-1", domain=empty)
    said = until(browser, lambda: browser.find_element(By.ID, "preview-missing")).text
    assert f"The domain empty ({empty}) has no templates" in said
    assert not browser.find_elements(By.ID, "preview-form")
    others = browser.find_element(By.ID, "preview-others")
    assert others.text == "Domains with templates: support (123456789012 · us-east-1)"

    others.find_element(By.TAG_NAME, "a").click()
    wait_for_page(browser, "preview", WAIT)
    assert browser.find_element(By.ID, "preview-form").is_displayed()


def test_a_domain_id_that_is_not_there_is_named_not_replaced_by_another(browser, server, client):
    a_support_domain(client)
    where = {"account": "123456789012", "region": "us-east-1", "domain": "no-such-domain"}
    visit(browser, server, "preview", **where)
    said = until(browser, lambda: browser.find_element(By.ID, "preview-missing")).text
    assert said == "Domain 'no-such-domain' was not found in account 123456789012 · us-east-1."
    assert not browser.find_elements(By.ID, "preview-form")
    assert browser.find_element(By.ID, "preview-others").text.endswith("support (123456789012 · us-east-1)")

    visit(browser, server, "domain", **where)
    shown = until(browser, lambda: browser.find_element(By.ID, "page-error")).text
    assert shown == ("404 Domain 'no-such-domain' was not found in account 123456789012, region us-east-1")


def test_a_long_form_error_is_shown_whole_in_the_header(browser, server, client):
    support = a_support_domain(client)
    open_page(browser, server, "domain", account="123456789012", region="us-east-1", domain=support.domain)
    two_members = '{"field": {"equalTo": {"id": "status", "value": {"stringValue": "open"}}}, "andAll": []}'
    browser.find_element(By.ID, "search-filter").send_keys(two_members)
    browser.find_element(By.ID, "search").click()
    until(browser, lambda: "(got field, andAll)" in status_line(browser))
    assert status_line(browser) == (
        "400 1 validation error detected: Value at 'filter' failed to satisfy constraint: "
        "Member must have exactly one member set (got field, andAll)"
    )
    overflow = browser.execute_script(
        "const line = document.getElementById('status');"
        "return [line.scrollWidth - line.clientWidth, line.scrollHeight - line.clientHeight,"
        " line.getBoundingClientRect().right - window.innerWidth];"
    )
    assert max(overflow) <= 0, overflow  # nothing cut off, nothing outside the window


def test_counts_of_one_are_singular(browser, server, client):
    support = a_support_domain(client)
    support.a_case("Outage in Leeds", reason=text("outage"), priority={"doubleValue": 1})
    open_page(browser, server, "state")
    card = browser.find_element(By.CSS_SELECTOR, f'[data-domain-id="{support.domain}"] .counts')
    assert card.text == "1 case · 1 template · 20 fields · 1 layout · 3 case rules"

    open_page(browser, server, "domain", account="123456789012", region="us-east-1", domain=support.domain)
    until(browser, lambda: status_line(browser) == "1 matching case")

    open_page(browser, server, "preview")
    chosen = Select(browser.find_element(By.ID, "preview-domain")).first_selected_option
    assert chosen.text == "support (123456789012 · us-east-1) · 1 template"
