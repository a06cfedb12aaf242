"""Tags on every taggable ARN; case event configuration."""

from __future__ import annotations

from typing import Any

import pytest

from tests.builders import ALWAYS_REQUIRED, an_unchecked_client
from tests.config.helpers import a_field, a_layout, code_of


def _arns(client: Any, domain_id: str) -> dict[str, str]:
    field = client.create_field(domainId=domain_id, name="Notes", type="Text")
    return {
        "domain": client.get_domain(domainId=domain_id)["domainArn"],
        "field": field["fieldArn"],
        "layout": client.get_layout(domainId=domain_id, layoutId=a_layout(client, domain_id, "L"))[
            "layoutArn"
        ],
        "template": client.create_template(domainId=domain_id, name="T")["templateArn"],
        "case rule": client.create_case_rule(domainId=domain_id, name="R", rule=ALWAYS_REQUIRED)[
            "caseRuleArn"
        ],
    }


@pytest.mark.parametrize("kind", ["domain", "field", "layout", "template", "case rule"])
def test_every_taggable_arn(client: Any, domain_id: str, kind: str) -> None:
    arn = _arns(client, domain_id)[kind]

    client.tag_resource(arn=arn, tags={"team": "billing", "tier": "1"})
    client.tag_resource(arn=arn, tags={"tier": "2"})
    client.untag_resource(arn=arn, tagKeys=["team", "absent"])

    assert client.list_tags_for_resource(arn=arn)["tags"] == {"tier": "2"}


def test_tags_show_on_the_resources(client: Any, domain_id: str) -> None:
    arns = _arns(client, domain_id)
    for arn in arns.values():
        client.tag_resource(arn=arn, tags={"k": "v"})

    assert client.get_domain(domainId=domain_id)["tags"] == {"k": "v"}
    template_id = arns["template"].rsplit("/", 1)[1]
    assert client.get_template(domainId=domain_id, templateId=template_id)["tags"] == {"k": "v"}


def test_a_deleted_field_keeps_tags_that_can_still_change(client: Any, domain_id: str) -> None:
    """The tagging pages say nothing of deleted resources; a deleted field stays readable
    (https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_DeleteField.html),
    and so do its tags."""
    field = client.create_field(domainId=domain_id, name="Old", type="Text")
    client.tag_resource(arn=field["fieldArn"], tags={"team": "billing"})
    client.delete_field(domainId=domain_id, fieldId=field["fieldId"])

    client.tag_resource(arn=field["fieldArn"], tags={"tier": "1"})
    client.untag_resource(arn=field["fieldArn"], tagKeys=["team"])

    assert client.list_tags_for_resource(arn=field["fieldArn"])["tags"] == {"tier": "1"}


def test_unknown_and_malformed_arns(client: Any, domain_id: str) -> None:
    domain_arn = client.get_domain(domainId=domain_id)["domainArn"]
    for arn in (f"{domain_arn}/field/ghost", domain_arn.replace(domain_id, "ghost")):
        code, _ = code_of(lambda a=arn: client.list_tags_for_resource(arn=a))
        assert code == "ResourceNotFoundException"
    code, _ = code_of(lambda: client.tag_resource(arn="arn:aws:s3:::bucket", tags={"a": "b"}))
    assert code == "ValidationException"


def test_tag_rules(client: Any, domain_id: str) -> None:
    arn = client.get_domain(domainId=domain_id)["domainArn"]
    unchecked = an_unchecked_client()

    code, message = code_of(lambda: unchecked.tag_resource(arn=arn, tags={"aws:reserved": "x"}))
    assert (code, "aws:reserved" in message) == ("ValidationException", True)
    client.tag_resource(arn=arn, tags={f"k{i}": "v" for i in range(50)})
    code, _ = code_of(lambda: client.tag_resource(arn=arn, tags={"one-more": "v"}))
    assert code == "ValidationException"
    assert len(client.list_tags_for_resource(arn=arn)["tags"]) == 50


def test_a_null_tag_value_is_refused_and_an_empty_one_kept(client: Any, domain_id: str) -> None:
    """TagResource's ``tags`` is a sparse map, so other SDKs can send a null value; the tagging
    page says "you can set the value of a tag to an empty string, but you can't set the value of
    a tag to null" (https://docs.aws.amazon.com/connect/latest/adminguide/tagging.html)."""
    arn = client.get_domain(domainId=domain_id)["domainArn"]

    code, message = code_of(lambda: an_unchecked_client().tag_resource(arn=arn, tags={"a": "1", "b": None}))
    client.tag_resource(arn=arn, tags={"empty": ""})

    assert (code, "'tags.b'" in message) == ("ValidationException", True)
    assert client.list_tags_for_resource(arn=arn)["tags"] == {"empty": ""}


@pytest.mark.needs_model("CreateCaseRequest.tags", "CreateTemplateRequest.tagPropagationConfigurations")
def test_a_case_holds_at_most_50_tags_propagated_ones_included(client: Any, domain_id: str) -> None:
    """The tagging page: "Amazon Connect services support up to 50 tags per resource"
    (https://docs.aws.amazon.com/connect/latest/adminguide/tagging.html). CreateCase's own
    ``tags`` may hold 50 (MutableTags), but with the template's propagated tags the case would
    hold more."""
    propagated = {f"t{i}": "v" for i in range(10)}
    template_id = client.create_template(
        domainId=domain_id,
        name="Tagged",
        tagPropagationConfigurations=[{"resourceType": "Cases", "tagMap": propagated}],
    )["templateId"]
    title = [{"id": "title", "value": {"stringValue": "Lost parcel"}}]

    code, message = code_of(
        lambda: client.create_case(
            domainId=domain_id, templateId=template_id, fields=title, tags={f"k{i}": "v" for i in range(41)}
        )
    )
    client.create_case(
        domainId=domain_id, templateId=template_id, fields=title, tags={f"k{i}": "v" for i in range(40)}
    )

    assert (code, "at most 50 tags" in message) == ("ValidationException", True)
    found = client.search_cases(domainId=domain_id)["cases"]
    assert [len(case["tags"]) for case in found] == [50]


def test_event_configuration_default_put_and_get(client: Any, domain_id: str) -> None:
    assert client.get_case_event_configuration(domainId=domain_id)["eventBridge"] == {"enabled": False}
    notes, gone = a_field(client, domain_id, "Notes"), a_field(client, domain_id, "Gone")
    configuration = {
        "enabled": True,
        "includedData": {
            "caseData": {"fields": [{"id": notes}, {"id": gone}]},
            "relatedItemData": {"includeContent": True},
        },
    }

    client.put_case_event_configuration(domainId=domain_id, eventBridge=configuration)
    assert client.get_case_event_configuration(domainId=domain_id)["eventBridge"] == configuration

    client.delete_field(domainId=domain_id, fieldId=gone)
    shown = client.get_case_event_configuration(domainId=domain_id)["eventBridge"]
    assert shown["includedData"]["caseData"]["fields"] == [{"id": notes}]


def test_event_configuration_with_unknown_fields_is_refused(client: Any, domain_id: str) -> None:
    code, message = code_of(
        lambda: client.put_case_event_configuration(
            domainId=domain_id,
            eventBridge={"enabled": True, "includedData": {"caseData": {"fields": [{"id": "ghost"}]}}},
        )
    )

    assert code == "ValidationException"
    assert "eventBridge.includedData.caseData.fields[0].id" in message
    assert client.get_case_event_configuration(domainId=domain_id)["eventBridge"] == {"enabled": False}
    code, _ = code_of(lambda: client.get_case_event_configuration(domainId="ghost"))
    assert code == "ResourceNotFoundException"
