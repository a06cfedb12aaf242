"""Printing the mock's state gives short, readable lines, not kilobytes of dataclass fields."""

from __future__ import annotations

import boto3

from cases_mock import mock_connectcases


def test_printing_the_domains_of_a_backend_is_short() -> None:
    with mock_connectcases() as mock:
        client = boto3.client("connectcases", region_name="us-east-1")
        domain_id = client.create_domain(name="support")["domainId"]

        shown = repr(mock.backend().domains)

    assert shown == (
        f"{{'{domain_id}': <Domain 'support' ({domain_id}) Active: 16 fields, 0 layouts, "
        f"0 templates, 0 case rules, 0 cases>}}"
    )


def test_records_of_a_seeded_domain_name_themselves_briefly() -> None:
    with mock_connectcases() as mock:
        seeded = mock.seed(cases=3)
        data = mock.backend().domains[seeded.domain_id].data
        priority = data.fields[seeded.fields["Priority"]]
        template = data.templates[seeded.template_id]
        case = data.cases[seeded.case_ids[0]]
        client = boto3.client("connectcases", region_name="us-east-1")
        client.list_domains()

        assert repr(priority) == f"<Field 'Priority' ({priority.field_id}) Number Custom>"
        assert repr(template).startswith(
            f"<Template 'Support' ({seeded.template_id}) Active: 1 required field"
        )
        assert repr(case).startswith(f"<Case {case.case_id} template {seeded.template_id}: ")
        assert repr(case.audit[0]).startswith("<AuditEvent Case.Created ")
        assert repr(mock.calls) == "[<RecordedCall ListDomains 200>]"
        assert repr(mock) == "<CasesMock account 123456789012, region us-east-1, active>"
        assert all(len(repr(record)) < 200 for record in [*data.fields.values(), *data.cases.values()])
