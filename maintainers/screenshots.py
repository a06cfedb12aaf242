"""Screenshots of the dashboard for docs/server.md: ``python -m maintainers.screenshots docs/img/``.

Starts a server on a free loopback port, fills it through boto3 with ``example_domain`` (a
support domain whose template hides, requires and narrows fields by case rules), opens each
main page in headless Chromium and saves a PNG per page. Needs Debian's ``chromium`` and
``chromium-driver`` (or any Chromium with a matching chromedriver) and Selenium (the ``dev`` extra).
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config

from cases_mock._engine.faults import Fault

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WINDOW = (1280, 900)
MAX_HEIGHT = 2400  # a full page, up to this many pixels
PAGES = ("state", "domain", "case", "preview", "calls", "faults")


def chromium(user_data_dir: str, window: tuple[int, int] = WINDOW) -> Any:
    """A headless Chromium driven by Selenium, with a fresh profile in ``user_data_dir``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={user_data_dir}")
    options.add_argument(f"--window-size={window[0]},{window[1]}")
    if Path(CHROMIUM).exists():
        options.binary_location = CHROMIUM
    service = Service(CHROMEDRIVER) if Path(CHROMEDRIVER).exists() else Service()
    return webdriver.Chrome(options=options, service=service)


def _value(text: str) -> dict[str, Any]:
    return {"stringValue": text}


def example_domain(client: Any) -> dict[str, str]:
    """A support domain: Reason decides which fields show, which are required, which sub-reasons fit."""
    domain = client.create_domain(name="support")["domainId"]

    def field(name: str, kind: str, options: tuple[str, ...] = ()) -> str:
        field_id = str(client.create_field(domainId=domain, name=name, type=kind)["fieldId"])
        if options:
            client.batch_put_field_options(
                domainId=domain,
                fieldId=field_id,
                options=[{"name": o.title(), "value": o, "active": True} for o in options],
            )
        return field_id

    reason = field("Reason", "SingleSelect", ("billing", "outage", "other"))
    detail = field("Sub-reason", "SingleSelect", ("refund", "overcharge", "fibre", "mobile", "question"))
    refund = field("Refund amount", "Number")
    area = field("Affected area", "Text")
    priority = field("Priority", "Number")
    notes = field("Notes", "Text")
    layout = client.create_layout(
        domainId=domain,
        name="Support form",
        content={
            "basic": {
                "topPanel": {
                    "sections": [
                        {"fieldGroup": {"name": "Triage", "fields": [{"id": reason}, {"id": priority}]}}
                    ]
                },
                "moreInfo": {
                    "sections": [
                        {
                            "fieldGroup": {
                                "name": "Details",
                                "fields": [{"id": detail}, {"id": refund}, {"id": area}, {"id": notes}],
                            }
                        }
                    ]
                },
            }
        },
    )["layoutId"]

    def when(field_id: str, value: str, result: bool) -> dict[str, Any]:
        return {
            "equalTo": {"operandOne": {"fieldId": field_id}, "operandTwo": _value(value), "result": result}
        }

    def rule(name: str, details: dict[str, Any]) -> str:
        return str(client.create_case_rule(domainId=domain, name=name, rule=details)["caseRuleId"])

    hide_refund = rule(
        "Refund only for billing",
        {"hidden": {"defaultValue": True, "conditions": [when(reason, "billing", False)]}},
    )
    need_refund = rule(
        "Refund needed for billing",
        {"required": {"defaultValue": False, "conditions": [when(reason, "billing", True)]}},
    )
    hide_area = rule(
        "Area only for outages",
        {"hidden": {"defaultValue": True, "conditions": [when(reason, "outage", False)]}},
    )
    sub_reasons = rule(
        "Sub-reasons by reason",
        {
            "fieldOptions": {
                "parentFieldId": reason,
                "childFieldId": detail,
                "parentChildFieldOptionsMappings": [
                    {"parentFieldOptionValue": "billing", "childFieldOptionValues": ["refund", "overcharge"]},
                    {"parentFieldOptionValue": "outage", "childFieldOptionValues": ["fibre", "mobile"]},
                    {"parentFieldOptionValue": "other", "childFieldOptionValues": ["question"]},
                ],
            }
        },
    )
    template = client.create_template(
        domainId=domain,
        name="Customer support",
        layoutConfiguration={"defaultLayout": layout},
        requiredFields=[{"fieldId": priority}],
        rules=[
            {"caseRuleId": hide_refund, "fieldId": refund},
            {"caseRuleId": need_refund, "fieldId": refund},
            {"caseRuleId": hide_area, "fieldId": area},
            {"caseRuleId": sub_reasons},
        ],
    )["templateId"]

    def case(title: str, values: dict[str, dict[str, Any]]) -> str:
        fields = [{"id": "title", "value": _value(title)}] + [
            {"id": k, "value": v} for k, v in values.items()
        ]
        return str(client.create_case(domainId=domain, templateId=template, fields=fields)["caseId"])

    broadband = case(
        "No broadband since Monday",
        {reason: _value("outage"), priority: {"doubleValue": 1}, area: _value("Leeds LS6")},
    )
    case(
        "Charged twice in March",
        {
            reason: _value("billing"),
            detail: _value("overcharge"),
            priority: {"doubleValue": 2},
            refund: {"doubleValue": 39.5},
        },
    )
    client.update_case(
        domainId=domain,
        caseId=broadband,
        fields=[{"id": detail, "value": _value("fibre")}, {"id": priority, "value": {"doubleValue": 2}}],
        performedBy={"userArn": "arn:aws:connect:us-east-1:123456789012:instance/demo/agent/jo"},
    )
    client.create_related_item(
        domainId=domain,
        caseId=broadband,
        type="Comment",
        content={"comment": {"body": "Engineer booked for Thursday", "contentType": "Text/Plain"}},
    )
    resolve = {"name": "Resolve in a day", "type": "CaseField", "targetSlaMinutes": 1440}
    resolve.update(fieldId="status", targetFieldValues=[_value("closed")])
    client.create_related_item(
        domainId=domain, caseId=broadband, type="Sla", content={"sla": {"slaInputConfiguration": resolve}}
    )
    return {"domain": domain, "template": template, "case": broadband, "reason": reason}


def take(
    driver: Any,
    base: str,
    ids: dict[str, str],
    out: Path,
    account: str = "123456789012",
    region: str = "us-east-1",
) -> list[Path]:
    """Opens each main page at ``base`` (the dashboard's URL) and saves ``out/dashboard-<page>.png``."""
    from urllib.parse import urlencode

    where = urlencode({"account": account, "region": region, "domain": ids["domain"]})
    hashes = {
        "state": "#/",
        "domain": f"#/domain?{where}",
        "case": f"#/case?{where}&case={ids['case']}",
        "preview": f"#/preview?{where}&template={ids['template']}&case={ids['case']}",
        "calls": "#/calls",
        "faults": "#/faults",
    }
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    for page in PAGES:
        driver.set_window_size(*WINDOW)
        driver.get("about:blank")
        driver.get(base + hashes[page])
        wait_for_page(driver, page)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(WINDOW[0], min(max(int(height) + 120, WINDOW[1]), MAX_HEIGHT))
        target = out / f"dashboard-{page}.png"
        driver.save_screenshot(str(target))
        saved.append(target)
    driver.set_window_size(*WINDOW)
    return saved


def wait_for_page(driver: Any, page: str, timeout: float = 10.0) -> None:
    """Waits until the page has rendered ``page`` (``body[data-page]``) and the preview its form."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready = driver.execute_script(
            "return document.body.dataset.page === arguments[0] && "
            "(arguments[0] !== 'preview' || document.querySelector('#verdict') !== null)",
            page,
        )
        if ready:
            return
        time.sleep(0.05)
    raise TimeoutError(f"the dashboard did not render {page!r} within {timeout} s")


def main(argv: list[str] | None = None) -> int:
    from cases_mock._server import CasesServer

    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs/img")
    with CasesServer(quiet=True) as server, tempfile.TemporaryDirectory() as profile:
        client = boto3.client(
            "connectcases",
            region_name="us-east-1",
            endpoint_url=server.url,
            aws_access_key_id="test",
            aws_secret_access_key="test",
            config=Config(retries={"total_max_attempts": 1}),
        )
        ids = example_domain(client)
        server.engine.faults.add(Fault("CreateCase", "ThrottlingException", times=2))
        with contextlib.suppress(client.exceptions.ResourceNotFoundException):
            client.get_case(domainId=ids["domain"], caseId="no-such-case", fields=[{"id": "title"}])
        driver = chromium(profile)
        try:
            saved = take(driver, f"{server.url}/_cases_mock/ui/", ids, out)
        finally:
            driver.quit()
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
