"""A short, readable walk-through against the in-memory backend (``cases-mock demo``).

Each step is a plain boto3 call a contact-centre team would make; the demo grows as
capabilities land.
"""

from __future__ import annotations

from typing import Any

from cases_mock._services.connectcases.releases import present
from cases_mock.mock import mock_connectcases


def _say(text: str) -> None:
    print(text)


def _domains(client: Any) -> str:
    domain = client.create_domain(name="demo-contact-centre")
    _say(f"1. Created domain {domain['domainId']} ({domain['domainStatus']})")
    _say(f"   ARN: {domain['domainArn']}")
    try:
        client.create_domain(name="demo-contact-centre")
    except client.exceptions.ConflictException as error:
        _say(f"2. A second domain with the same name is refused: {error.response['Error']['Code']}")
    return str(domain["domainId"])


def _configuration(client: Any, domain_id: str) -> dict[str, str]:
    system = client.list_fields(domainId=domain_id)["fields"]
    _say(f"3. The domain starts with {len(system)} system fields, e.g. {[f['fieldId'] for f in system[:4]]}")
    ids = {
        "priority": client.create_field(domainId=domain_id, name="Priority", type="Number")["fieldId"],
        "product": client.create_field(domainId=domain_id, name="Product", type="SingleSelect")["fieldId"],
        "resolution": client.create_field(domainId=domain_id, name="Resolution", type="Text")["fieldId"],
    }
    client.batch_put_field_options(
        domainId=domain_id,
        fieldId=ids["product"],
        options=[
            {"name": "Router", "value": "router", "active": True},
            {"name": "Modem", "value": "modem", "active": True},
        ],
    )
    options = client.list_field_options(domainId=domain_id, fieldId=ids["product"])["options"]
    _say(f"4. Custom fields Priority, Product, Resolution; Product offers {[o['value'] for o in options]}")
    layout_id = client.create_layout(
        domainId=domain_id,
        name="Support layout",
        content={
            "basic": {
                "topPanel": {
                    "sections": [{"fieldGroup": {"name": "Triage", "fields": [{"id": ids["priority"]}]}}]
                },
                "moreInfo": {
                    "sections": [{"fieldGroup": {"name": "Details", "fields": [{"id": ids["product"]}]}}]
                },
            }
        },
    )["layoutId"]
    _say(f"5. Layout {layout_id}: Priority in the top panel, Product under More Info")
    closed = {"operandOne": {"fieldId": "status"}, "operandTwo": {"stringValue": "closed"}, "result": True}
    rule_id = client.create_case_rule(
        domainId=domain_id,
        name="Resolution when closed",
        rule={"required": {"defaultValue": False, "conditions": [{"equalTo": closed}]}},
    )["caseRuleId"]
    ids["template"] = client.create_template(
        domainId=domain_id,
        name="Support",
        layoutConfiguration={"defaultLayout": layout_id},
        requiredFields=[{"fieldId": ids["priority"]}],
        rules=[{"caseRuleId": rule_id, "fieldId": ids["resolution"]}],
    )["templateId"]
    template = client.get_template(domainId=domain_id, templateId=ids["template"])
    _say(
        f"6. Template {template['name']!r} ({template['status']}): Priority required, "
        f"and case rule {rule_id} makes Resolution required once a case is closed"
    )
    return ids


def _cases(client: Any, domain_id: str, ids: dict[str, str]) -> None:
    agent = "arn:aws:connect:us-east-1:123456789012:instance/demo/agent/alice"
    case_id = client.create_case(
        domainId=domain_id,
        templateId=ids["template"],
        fields=[
            {"id": "title", "value": {"stringValue": "Router keeps rebooting"}},
            {"id": ids["priority"], "value": {"doubleValue": 2}},
            {"id": ids["product"], "value": {"stringValue": "router"}},
        ],
        performedBy={"userArn": agent},
    )["caseId"]
    shown = client.get_case(
        domainId=domain_id, caseId=case_id, fields=[{"id": "status"}, {"id": "reference_number"}]
    )
    values = {f["id"]: f["value"]["stringValue"] for f in shown["fields"]}
    _say(
        f"7. Case {case_id} created, performedBy userArn {agent}: status {values['status']}, "
        f"reference {values['reference_number']}"
    )
    closing = [{"id": "status", "value": {"stringValue": "closed"}}]
    try:
        client.update_case(domainId=domain_id, caseId=case_id, fields=closing)
    except client.exceptions.ValidationException as error:
        _say(f"8. Closing it without a resolution is refused: {error.response['Error']['Message']}")
    closing.append({"id": ids["resolution"], "value": {"stringValue": "Firmware updated"}})
    # a user who is no Connect agent (UserUnion.customEntity) arrived in botocore 1.38.5
    bot = (
        {"customEntity": "billing-bot"}
        if present("UserUnion.customEntity")
        else {"userArn": agent.replace("alice", "billing-bot")}
    )
    client.update_case(domainId=domain_id, caseId=case_id, fields=closing, performedBy=bot)
    _say("9. With a resolution, the billing bot closes it")
    _say("10. Its audit trail, newest first:")
    names = {f["fieldId"]: f["name"] for f in client.list_fields(domainId=domain_id)["fields"]}
    for event in client.get_case_audit_events(domainId=domain_id, caseId=case_id)["auditEvents"]:
        who = event["performedBy"].get("user") or {"iamPrincipalArn": event["performedBy"]["iamPrincipalArn"]}
        changes = ", ".join(
            f"{names.get(f['eventFieldId'], f['eventFieldId'])}: "
            f"{_shown(f.get('oldValue'))} -> {_shown(f['newValue'])}"
            for f in event["fields"]
            if not f["eventFieldId"].endswith(("_datetime", "_user", "created_by", "case_id"))
        )
        _say(f"    {event['type']:<13} by {next(iter(who.values()))}: {changes}")


def _shown(value: dict[str, Any] | None) -> str:
    if value is None:
        return "(unset)"
    member, content = next(iter(value.items()))
    if member == "emptyValue":
        return "(empty)"
    if isinstance(content, float) and content.is_integer():
        return str(int(content))  # a number field's 2 comes back as 2.0 in JSON: shown as given
    return repr(content)


def run() -> None:
    import boto3

    with mock_connectcases():
        client: Any = boto3.client("connectcases", region_name="us-east-1")
        _say("cases_mock demo: an in-memory Amazon Connect Cases, driven through boto3\n")
        domain_id = _domains(client)
        ids = _configuration(client, domain_id)
        _cases(client, domain_id, ids)
    _say("\nThe mock is stopped: its state is gone and nothing reached AWS.")
