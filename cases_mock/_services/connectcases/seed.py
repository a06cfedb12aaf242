"""``mock.seed(...)``: a realistic domain in one line (docs/working-with-the-mock.md#seeding).

The domain gets its system fields, five custom fields (Priority, Product with options,
Resolution, Due, Escalated), a layout, an active template requiring Priority, optionally a case
rule making Resolution required once a case is closed, and ``cases`` generated cases, all made
through the backend's own operations (so every rule of the real API applies), deterministically
from ``seed``. ``customers`` (given the number of cases, once the domain is made) names the
profile ARN each case's ``customer_id`` takes; ``_services/seeding.py`` makes the profiles.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from cases_mock._services.connectcases.backend.audit import Performer
from cases_mock._services.connectcases.backend.settings_records import LayoutConfiguration, TemplateRule
from cases_mock._services.connectcases.backend.store import CasesBackend
from cases_mock._services.connectcases.backend.templates import TemplateAttributes
from cases_mock._services.connectcases.wire_forms import case_rule_details, layout_content

PRODUCTS = ("router", "modem", "phone", "tv")
SEEDER = "arn:aws:iam::{account}:user/cases-mock-seed"


@dataclass
class SeededDomain:
    """The ids of what ``seed`` made."""

    domain_id: str
    domain_arn: str
    template_id: str
    layout_id: str
    fields: dict[str, str]  # field name -> field id
    case_ids: list[str] = field(default_factory=list)
    case_rule_ids: list[str] = field(default_factory=list)
    # the Customer Profiles domain holding the generated customers (None: profiles off)
    profile_domain: str | None = None
    profile_ids: list[str] = field(default_factory=list)  # one per generated customer
    case_profiles: dict[str, str] = field(default_factory=dict)  # case id -> its customer's profile id


def seed_domain(
    backend: CasesBackend,
    *,
    name: str = "seeded",
    cases: int = 10,
    rules: bool = True,
    seed: int = 0,
    customers: Callable[[int], Sequence[str]] | None = None,
) -> SeededDomain:
    rng = random.Random(seed)
    domain = backend.create_domain(name)
    domain_id = domain.domain_id
    kinds = {
        "Priority": "Number",
        "Product": "SingleSelect",
        "Resolution": "Text",
        "Due": "DateTime",
        "Escalated": "Boolean",
    }
    ids = {label: backend.fields.create(domain_id, label, kind).field_id for label, kind in kinds.items()}
    backend.fields.put_options(
        domain_id, ids["Product"], [{"name": p.title(), "value": p, "active": True} for p in PRODUCTS]
    )
    content = {
        "basic": {
            "topPanel": {
                "sections": [
                    {
                        "fieldGroup": {
                            "name": "Triage",
                            "fields": [{"id": ids["Priority"]}, {"id": ids["Due"]}],
                        }
                    }
                ]
            },
            "moreInfo": {
                "sections": [
                    {
                        "fieldGroup": {
                            "name": "Details",
                            "fields": [{"id": ids["Product"]}, {"id": ids["Resolution"]}],
                        }
                    }
                ]
            },
        }
    }
    layout = backend.layouts.create(domain_id, "Support layout", layout_content(content))
    rule_ids: list[str] = []
    associations: list[TemplateRule] = []
    if rules:
        closed = {
            "operandOne": {"fieldId": "status"},
            "operandTwo": {"stringValue": "closed"},
            "result": True,
        }
        rule = backend.case_rules.create(
            domain_id,
            "Resolution when closed",
            case_rule_details({"required": {"defaultValue": False, "conditions": [{"equalTo": closed}]}}),
        )
        rule_ids.append(rule.case_rule_id)
        associations.append(TemplateRule(rule.case_rule_id, ids["Resolution"]))
    template = backend.templates.create(
        domain_id,
        "Support",
        TemplateAttributes(
            layout_configuration=LayoutConfiguration(layout.layout_id),
            required_fields=[ids["Priority"]],
            rules=tuple(associations),
        ),
    )
    performer = Performer(SEEDER.format(account=backend.account))
    now = backend.clock.now()
    arns = customers(cases) if customers is not None else ()
    made: list[str] = []
    for index in range(cases):
        closed_case = rng.random() < 0.3
        values = [
            ("title", {"stringValue": f"{rng.choice(PRODUCTS).title()} issue #{index + 1}"}),
            ("status", {"stringValue": "closed" if closed_case else "open"}),
            (ids["Priority"], {"doubleValue": float(rng.randint(1, 5))}),
            (ids["Product"], {"stringValue": rng.choice(PRODUCTS)}),
            (ids["Due"], {"stringValue": (now + timedelta(days=rng.randint(1, 30))).isoformat()}),
            (ids["Escalated"], {"booleanValue": rng.random() < 0.2}),
        ]
        if closed_case:
            values.append((ids["Resolution"], {"stringValue": "Resolved by support"}))
        if arns:
            values.append(("customer_id", {"stringValue": arns[index]}))
        case = backend.cases.create(
            domain_id, template.template_id, [{"id": fid, "value": value} for fid, value in values], performer
        )
        made.append(case.case_id)
    return SeededDomain(domain_id, domain.arn, template.template_id, layout.layout_id, ids, made, rule_ids)
