"""Wire forms built only at the edge: stored records turned into the shapes the API returns.

Below both the handlers and the events package, above the backend: handlers answer with these
forms and case events carry them, and the backend never builds them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from cases_mock._services.connectcases.backend.layout_records import (
    BasicLayout,
    FieldGroup,
    LayoutContent,
    Panel,
)
from cases_mock._services.connectcases.backend.records import (
    AuditEvent,
    CaseRule,
    DomainData,
    Field,
    Layout,
    RelatedItem,
    Template,
)
from cases_mock._services.connectcases.backend.related_items import MEMBER_FOR_TYPE
from cases_mock._services.connectcases.backend.related_records import (
    Comment,
    Contact,
    Custom,
    CustomInput,
    CustomValue,
    File,
    InputContent,
    LinkedCase,
    RelatedContent,
    Sla,
    SlaInput,
    SlaUpdate,
    UpdateContent,
    User,
)
from cases_mock._services.connectcases.backend.rule_records import (
    BooleanRule,
    Comparison,
    Compound,
    Condition,
    FieldOptionsRule,
    OptionsMapping,
    RuleDetails,
)
from cases_mock._services.connectcases.backend.scalar import Scalar
from cases_mock._services.connectcases.backend.settings_records import (
    CaseDataIncluded,
    EventSettings,
    FieldAttributes,
    IncludedData,
    LayoutConfiguration,
    TagPropagation,
    TemplateRule,
    TextAttributes,
)
from cases_mock._services.connectcases.backend.slas import sla_status
from cases_mock._services.connectcases.backend.values import to_wire


def present(**members: Any) -> dict[str, Any]:
    """The optional output ``members`` that have a value (None: left out of the answer)."""
    return {member: value for member, value in members.items() if value is not None}


def field_type(data: DomainData, field_id: str) -> str:
    """The type of field ``field_id`` (Text when the domain does not know it)."""
    found = data.fields.get(field_id)
    return found.type if found is not None else "Text"


def content_wire(data: DomainData, item: RelatedItem, now: datetime) -> dict[str, Any]:
    """The ``RelatedItemContent`` of ``item`` as the service returns it."""
    content = item.content
    if isinstance(content, Contact):
        return {
            "contact": {
                "contactArn": content.contact_arn,
                "channel": item.channel,
                "connectedToSystemTime": item.connected_time,
            }
        }
    if isinstance(content, Sla):
        configuration: dict[str, Any] = {
            "name": content.name,
            "type": content.sla_type,
            "status": sla_status(item, now),
            "targetTime": item.target_time,
        }
        if content.field_id is not None:
            configuration["fieldId"] = content.field_id
            configuration["targetFieldValues"] = _sla_targets_wire(content)
        if item.completion_time is not None:
            configuration["completionTime"] = item.completion_time
        return {"sla": {"slaConfiguration": configuration}}
    if isinstance(content, Custom):
        return {
            "custom": {
                "fields": [
                    {"id": f.field_id, "value": to_wire(field_type(data, f.field_id), f.value)}
                    for f in content.fields
                ]
            }
        }
    return stored_content_wire(content)


def _sla_targets_wire(sla: Sla) -> list[dict[str, Any]] | None:
    """An SLA's targetFieldValues as given (its field is SingleSelect: stringValue or emptyValue)."""
    if sla.target_values is None:
        return None
    return [to_wire("SingleSelect", value) for value in sla.target_values]


# Related items: the request's content and performer as records; the stored form the state file
# keeps (RelatedItemInputContent as normalised before records, a custom item's values stored).


def user(wire: dict[str, Any]) -> User:
    """A UserUnion (``performedBy.user``, ``createdBy``...) as stored."""
    return User(wire.get("userArn"), wire.get("customEntity"))


def user_wire(given: User) -> dict[str, str]:
    if given.user_arn is not None:
        return {"userArn": given.user_arn}
    return {} if given.custom_entity is None else {"customEntity": given.custom_entity}


def performed_by_wire(iam_principal_arn: str | None, given: User | None) -> dict[str, Any]:
    """``performedBy`` of an audit event or a case event."""
    performed: dict[str, Any] = {"iamPrincipalArn": iam_principal_arn or ""}
    if given is not None:
        performed["user"] = user_wire(given)
    return performed


def input_content(wire: dict[str, Any]) -> InputContent:
    """RelatedItemInputContent (CreateRelatedItem, BatchCreateRelatedItem) as a record."""
    (member, body), *_ = wire.items()
    if member == "sla":
        return _sla_input(body)
    if member == "custom":
        return _custom_input(body)
    return _plain_content(member, body)


def _sla_input(body: dict[str, Any]) -> SlaInput:
    given = body["slaInputConfiguration"]
    unions = given.get("targetFieldValues")
    return SlaInput(
        given["name"],
        given["type"],
        int(given["targetSlaMinutes"]),
        given.get("fieldId"),
        None if unions is None else tuple(unions),
    )


def update_content(wire: dict[str, Any]) -> UpdateContent:
    """RelatedItemUpdateContent (UpdateRelatedItem) as a record."""
    (member, body), *_ = wire.items()
    if member == "sla":
        return SlaUpdate(int(body["slaUpdateConfiguration"]["targetSlaMinutes"]))
    if member == "custom":
        return _custom_input(body)
    return _comment(body)


def _custom_input(body: dict[str, Any]) -> CustomInput:
    return CustomInput(tuple((entry["id"], entry["value"]) for entry in body["fields"]))


def _comment(body: dict[str, Any]) -> Comment:
    return Comment(body["body"], body["contentType"])


def _plain_content(member: str, body: dict[str, Any]) -> Comment | Contact | File | LinkedCase:
    if member == "comment":
        return _comment(body)
    if member == "contact":
        return Contact(body["contactArn"])
    if member == "file":
        return File(body["fileArn"])
    if member == "connectCase":
        return LinkedCase(body["caseId"])
    raise ValueError(f"{member!r} is not a member of RelatedItemInputContent")


def stored_content(wire: dict[str, Any]) -> RelatedContent:
    """A related item's content from the form the state file keeps."""
    (member, body), *_ = wire.items()
    if member == "sla":
        given = _sla_input(body)
        unions = given.target_unions
        values = None if unions is None else tuple(_union_value(union) for union in unions)
        return Sla(given.name, given.sla_type, given.target_minutes, given.field_id, values)
    if member == "custom":
        return Custom(tuple(CustomValue(entry["id"], entry["value"]) for entry in body["fields"]))
    return _plain_content(member, body)


def _union_value(union: dict[str, Any]) -> Any:
    (member, value), *_ = union.items()
    return None if member == "emptyValue" else value


def stored_content_wire(content: RelatedContent) -> dict[str, Any]:
    """The form the state file keeps a related item's content in (and the answer of the kinds
    the service returns as given: comment, file, connectCase)."""
    member = MEMBER_FOR_TYPE[content.type]
    if isinstance(content, Comment):
        return {member: {"body": content.body, "contentType": content.content_type}}
    if isinstance(content, Contact):
        return {member: {"contactArn": content.contact_arn}}
    if isinstance(content, File):
        return {member: {"fileArn": content.file_arn}}
    if isinstance(content, LinkedCase):
        return {member: {"caseId": content.case_id}}
    if isinstance(content, Custom):
        return {member: {"fields": [{"id": f.field_id, "value": f.value} for f in content.fields]}}
    given: dict[str, Any] = {"name": content.name, "type": content.sla_type}
    if content.field_id is not None:
        given["fieldId"] = content.field_id
    if content.target_values is not None:
        given["targetFieldValues"] = _sla_targets_wire(content)
    given["targetSlaMinutes"] = content.target_minutes
    return {member: {"slaInputConfiguration": given}}


# Settings: each record from its validated wire form and back (members in the model's order).


def event_settings(wire: dict[str, Any]) -> EventSettings:
    """EventBridgeConfiguration as stored."""
    included = wire.get("includedData")
    return EventSettings(
        enabled=wire["enabled"], included=_included_data(included) if included is not None else None
    )


def _included_data(wire: dict[str, Any]) -> IncludedData:
    case_data = wire.get("caseData")
    related = wire.get("relatedItemData")
    return IncludedData(
        case_data=None
        if case_data is None
        else CaseDataIncluded(
            field_ids=None
            if case_data.get("fields") is None
            else tuple(entry["id"] for entry in case_data["fields"]),
            auto_include=case_data.get("autoIncludeFields"),
        ),
        include_related_content=None if related is None else related["includeContent"],
    )


def event_settings_wire(
    settings: EventSettings, shown: Callable[[str], bool] = lambda _: True
) -> dict[str, Any]:
    """EventBridgeConfiguration; ``shown`` picks the field ids listed (GetCaseEventConfiguration
    leaves out fields deleted since)."""
    wire: dict[str, Any] = {"enabled": settings.enabled}
    included = settings.included
    if included is None:
        return wire
    included_wire: dict[str, Any] = {}
    case_data = included.case_data
    if case_data is not None:
        case_wire: dict[str, Any] = {}
        if case_data.field_ids is not None:
            case_wire["fields"] = [{"id": field_id} for field_id in case_data.field_ids if shown(field_id)]
        if case_data.auto_include is not None:
            case_wire["autoIncludeFields"] = case_data.auto_include
        included_wire["caseData"] = case_wire
    if included.include_related_content is not None:
        included_wire["relatedItemData"] = {"includeContent": included.include_related_content}
    wire["includedData"] = included_wire
    return wire


def field_attributes(wire: dict[str, Any]) -> FieldAttributes:
    """FieldAttributes as stored (``{}``: none)."""
    text = wire.get("text")
    return FieldAttributes(text=None if text is None else TextAttributes(text["isMultiline"]))


def field_attributes_wire(attributes: FieldAttributes) -> dict[str, Any]:
    wire: dict[str, Any] = {}
    if attributes.text is not None:
        wire["text"] = {"isMultiline": attributes.text.is_multiline}
    return wire


def layout_configuration(wire: dict[str, Any]) -> LayoutConfiguration:
    layout_id = wire.get("defaultLayout")
    return LayoutConfiguration(default_layout=layout_id)


def layout_configuration_wire(configuration: LayoutConfiguration) -> dict[str, Any]:
    if configuration.default_layout is None:
        return {}
    return {"defaultLayout": configuration.default_layout}


def template_rules(wire: list[dict[str, Any]]) -> tuple[TemplateRule, ...]:
    """A template's ``rules`` as stored."""
    return tuple(TemplateRule(entry["caseRuleId"], entry.get("fieldId")) for entry in wire)


def template_rules_wire(rules: Iterable[TemplateRule]) -> list[dict[str, Any]]:
    return [
        {"caseRuleId": rule.case_rule_id, **({"fieldId": rule.field_id} if rule.field_id is not None else {})}
        for rule in rules
    ]


def tag_propagation(wire: list[dict[str, Any]]) -> tuple[TagPropagation, ...]:
    """A template's ``tagPropagationConfigurations`` as stored."""
    return tuple(TagPropagation(entry["resourceType"], tuple(entry["tagMap"].items())) for entry in wire)


def tag_propagation_wire(configurations: Iterable[TagPropagation]) -> list[dict[str, Any]]:
    return [{"resourceType": c.resource_type, "tagMap": dict(c.tag_map)} for c in configurations]


PANELS = ("topPanel", "moreInfo")  # a basic layout's panels, as LayoutContent.panels names them


def layout_content(wire: dict[str, Any]) -> LayoutContent:
    """LayoutContent as stored."""
    basic = wire.get("basic")
    if basic is None:
        return LayoutContent()
    return LayoutContent(BasicLayout(_panel(basic.get("topPanel")), _panel(basic.get("moreInfo"))))


def _panel(wire: dict[str, Any] | None) -> Panel | None:
    if wire is None:
        return None
    sections = wire.get("sections")
    return Panel(
        None if sections is None else tuple(_group(section.get("fieldGroup")) for section in sections)
    )


def _group(wire: dict[str, Any] | None) -> FieldGroup | None:
    if wire is None:
        return None
    return FieldGroup(tuple(item["id"] for item in wire["fields"]), wire.get("name"))


def layout_content_wire(content: LayoutContent) -> dict[str, Any]:
    if content.basic is None:
        return {}
    basic: dict[str, Any] = {}
    for name, panel in content.panels():
        if panel is not None:
            basic[name] = (
                {} if panel.sections is None else {"sections": [_section_wire(g) for g in panel.sections]}
            )
    return {"basic": basic}


def _section_wire(group: FieldGroup | None) -> dict[str, Any]:
    if group is None:
        return {}
    wire: dict[str, Any] = {} if group.name is None else {"name": group.name}
    wire["fields"] = [{"id": field_id} for field_id in group.field_ids]
    return {"fieldGroup": wire}


def case_rule_details(wire: dict[str, Any]) -> RuleDetails:
    """CaseRuleDetails as stored (numbers as floats)."""
    (kind, body), *_ = wire.items()
    if kind == "fieldOptions":
        return FieldOptionsRule(
            body.get("parentFieldId"),
            body.get("childFieldId"),
            tuple(
                OptionsMapping(m["parentFieldOptionValue"], tuple(m["childFieldOptionValues"]))
                for m in body["parentChildFieldOptionsMappings"]
            ),
        )
    if kind not in ("required", "hidden"):
        raise ValueError(f"{kind!r} is not a member of CaseRuleDetails")
    return BooleanRule(kind, bool(body["defaultValue"]), _conditions(body["conditions"]))


def _conditions(wire: list[dict[str, Any]]) -> tuple[Condition, ...]:
    return tuple(_condition(condition) for condition in wire)


def _condition(wire: dict[str, Any]) -> Condition:
    (member, body), *_ = wire.items()
    if member in ("andAll", "orAll"):
        return Compound(member == "andAll", _conditions(body["conditions"]))
    if member not in ("equalTo", "notEqualTo"):
        raise ValueError(f"{member!r} is not a member of BooleanCondition")
    (operand_member, literal), *_ = body["operandTwo"].items()
    operand: Scalar | None = literal
    if operand_member == "emptyValue":
        operand = None
    elif operand_member == "doubleValue":
        operand = float(literal)
    return Comparison(member == "equalTo", body["operandOne"]["fieldId"], operand, bool(body["result"]))


def case_rule_wire(rule: RuleDetails) -> dict[str, Any]:
    if isinstance(rule, FieldOptionsRule):
        body: dict[str, Any] = {}
        if rule.parent_field_id is not None:
            body["parentFieldId"] = rule.parent_field_id
        if rule.child_field_id is not None:
            body["childFieldId"] = rule.child_field_id
        body["parentChildFieldOptionsMappings"] = [
            {"parentFieldOptionValue": m.parent_value, "childFieldOptionValues": list(m.child_values)}
            for m in rule.mappings
        ]
        return {"fieldOptions": body}
    return {rule.kind: {"defaultValue": rule.default_value, "conditions": _conditions_wire(rule.conditions)}}


def _conditions_wire(conditions: Iterable[Condition]) -> list[dict[str, Any]]:
    wire: list[dict[str, Any]] = []
    for condition in conditions:
        if isinstance(condition, Compound):
            wire.append({condition.member: {"conditions": _conditions_wire(condition.conditions)}})
            continue
        operand: dict[str, Any] = {
            condition.operand_member: {} if condition.operand is None else condition.operand
        }
        wire.append(
            {
                condition.member: {
                    "operandOne": {"fieldId": condition.field_id},
                    "operandTwo": operand,
                    "result": condition.result,
                }
            }
        )
    return wire


# The records the state file keeps in their wire form (the format from before they were records,
# so older files load and new exports are unchanged): (owner record, member) -> (to wire, from wire).
StoredForm = tuple[Callable[[Any], Any], Callable[[Any], Any]]
STORED_AS_WIRE: dict[tuple[type[Any], str], StoredForm] = {
    (DomainData, "event_configuration"): (event_settings_wire, event_settings),
    (CaseRule, "rule"): (case_rule_wire, case_rule_details),
    (Field, "attributes"): (field_attributes_wire, field_attributes),
    (Layout, "content"): (layout_content_wire, layout_content),
    (AuditEvent, "user"): (user_wire, user),
    (RelatedItem, "content"): (stored_content_wire, stored_content),
    (RelatedItem, "created_by"): (user_wire, user),
    (RelatedItem, "last_updated_user"): (user_wire, user),
    (Template, "layout_configuration"): (layout_configuration_wire, layout_configuration),
    (Template, "rules"): (template_rules_wire, template_rules),
    (Template, "tag_propagation"): (tag_propagation_wire, tag_propagation),
}
