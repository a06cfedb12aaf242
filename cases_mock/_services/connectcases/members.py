"""What the mock does with every input member of the model: the one place for these facts.

Each member of every structure an operation's input reaches is *honoured* (the mock acts on
it: validates, stores, returns, filters...), *ignored* (accepted and without effect, with the
documented reason) or *refused* (the mock answers ValidationException when it is set, as the
AWS docs say). Keys are ``Shape.member``; a key ``Operation:Shape.member`` overrides the
shape's entry on that one operation. ``python -m maintainers.coverage --output docs/coverage.md``
writes the table to ``docs/members.md``; a test fails when the installed model has a member not accounted for
here. Entries the installed model does not have (an older botocore) are simply not listed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from botocore.model import Shape

from cases_mock._services.connectcases.service import SERVICE

REFERENCE = "https://docs.aws.amazon.com/connect/latest/APIReference/"

# Structure -> its members the mock honours, space-separated.
HONOURED: dict[str, str] = {
    "BasicLayout": "topPanel moreInfo",
    "BatchCreateRelatedItemIdentifier": "caseIdentifier",
    "BatchCreateRelatedItemRequest": "domainId content cases performedBy clientToken",
    "BatchGetCaseRuleRequest": "domainId caseRules",
    "BatchGetFieldRequest": "domainId fields",
    "BatchPutFieldOptionsRequest": "domainId fieldId options",
    "BatchUpdateCaseIdentifier": "caseIdentifier",
    "BatchUpdateCaseRequest": "domainId cases fields performedBy title status customerId clientToken",
    "BooleanCondition": "equalTo notEqualTo andAll orAll",
    "BooleanOperands": "operandOne operandTwo result",
    "CaseEventIncludedData": "fields autoIncludeFields",
    "CaseFilter": "field not tag andAll orAll",
    "CaseIdentifierUnion": "caseId referenceId",
    "CaseRuleDetails": "required fieldOptions hidden",
    "CaseRuleIdentifier": "id",
    "CommentContent": "body contentType",
    "CommentUpdateContent": "body contentType",
    "CompoundCondition": "conditions",
    "ConnectCaseFilter": "caseId",
    "ConnectCaseInputContent": "caseId",
    "Contact": "contactArn",
    "ContactFilter": "channel contactArn",
    "CreateCaseRequest": "domainId templateId fields clientToken performedBy tags",
    "CreateCaseRuleRequest": "domainId name description rule",
    "CreateDomainRequest": "name",
    "CreateFieldRequest": "domainId name type description attributes",
    "CreateLayoutRequest": "domainId name content",
    "CreateRelatedItemRequest": "domainId caseId type content performedBy",
    "CreateTemplateRequest": "domainId name description layoutConfiguration requiredFields status rules "
    "tagPropagationConfigurations",
    "CustomFieldsFilter": "field not andAll orAll",
    "CustomFilter": "fields",
    "CustomInputContent": "fields",
    "CustomUpdateContent": "fields",
    "DeleteCaseRequest": "domainId caseId",
    "DeleteCaseRuleRequest": "domainId caseRuleId",
    "DeleteDomainRequest": "domainId",
    "DeleteFieldRequest": "domainId fieldId",
    "DeleteLayoutRequest": "domainId layoutId",
    "DeleteRelatedItemRequest": "domainId caseId relatedItemId",
    "DeleteTemplateRequest": "domainId templateId",
    "EventBridgeConfiguration": "enabled includedData",
    "EventIncludedData": "caseData relatedItemData",
    "FieldAttributes": "text",
    "FieldFilter": "equalTo contains greaterThan greaterThanOrEqualTo lessThan lessThanOrEqualTo",
    "FieldGroup": "name fields",
    "FieldIdentifier": "id",
    "FieldIdentifierUnion": "id name",
    "FieldItem": "id",
    "FieldOption": "name value active",
    "FieldOptionsCaseRule": "parentFieldId childFieldId parentChildFieldOptionsMappings",
    "FieldValue": "id value",
    "FieldValueInput": "fieldIdentifier value",
    "FieldValueUnion": "stringValue doubleValue booleanValue emptyValue userArnValue",
    "FieldsConfiguration": "fieldIds sourceCaseId",
    "FileContent": "fileArn",
    "FileFilter": "fileArn",
    "GetCaseAuditEventsRequest": "caseId domainId maxResults nextToken",
    "GetCaseEventConfigurationRequest": "domainId",
    "GetCaseRequest": "caseId domainId fields nextToken",
    "GetDomainRequest": "domainId",
    "GetLayoutRequest": "domainId layoutId",
    "GetMergeCasesStatusRequest": "domainId caseId",
    "GetTemplateRequest": "domainId templateId",
    "HiddenCaseRule": "defaultValue conditions",
    "LayoutConfiguration": "defaultLayout",
    "LayoutContent": "basic",
    "LayoutSections": "sections",
    "ListCaseRulesRequest": "domainId maxResults nextToken",
    "ListCasesForContactRequest": "domainId contactArn maxResults nextToken",
    "ListDomainsRequest": "maxResults nextToken",
    "ListFieldOptionsRequest": "domainId fieldId maxResults nextToken values",
    "ListFieldsRequest": "domainId maxResults nextToken",
    "ListLayoutsRequest": "domainId maxResults nextToken",
    "ListTagsForResourceRequest": "arn",
    "ListTemplatesRequest": "domainId maxResults nextToken status",
    "OperandOne": "fieldId",
    "OperandTwo": "stringValue booleanValue doubleValue emptyValue",
    "ParentChildFieldOptionsMapping": "parentFieldOptionValue childFieldOptionValues",
    "PutCaseEventConfigurationRequest": "domainId eventBridge",
    "RelatedItemEventIncludedData": "includeContent",
    "RelatedItemInputContent": "contact comment file sla connectCase custom",
    "RelatedItemTypeFilter": "contact comment file sla connectCase custom",
    "RelatedItemUpdateContent": "comment custom sla",
    "RelatedItemsConfiguration": "comment connectCase contact custom",
    "RequiredCaseRule": "defaultValue conditions",
    "RequiredField": "fieldId",
    "SearchAllRelatedItemsRequest": "domainId maxResults nextToken filters sorts",
    "SearchAllRelatedItemsSort": "sortProperty sortOrder",
    "SearchCasesRequest": "domainId maxResults nextToken searchTerm filter sorts fields",
    "SearchRelatedItemsRequest": "domainId caseId maxResults nextToken filters",
    "Section": "fieldGroup",
    "SlaFilter": "name status",
    "SlaInputConfiguration": "name type fieldId targetFieldValues targetSlaMinutes",
    "SlaInputContent": "slaInputConfiguration",
    "SlaUpdateConfiguration": "targetSlaMinutes",
    "SlaUpdateContent": "slaUpdateConfiguration",
    "Sort": "fieldId sortOrder",
    "StartMergeCasesRequest": "domainId caseId secondaryCaseIds fieldsConfiguration "
    "relatedItemsConfiguration performedBy",
    "TagFilter": "equalTo",
    "TagPropagationConfiguration": "resourceType tagMap",
    "TagResourceRequest": "arn tags",
    "TagValue": "key value",
    "TemplateRule": "caseRuleId fieldId",
    "TextAttributes": "isMultiline",
    "UntagResourceRequest": "arn tagKeys",
    "UpdateCaseRequest": "domainId caseId fields performedBy",
    "UpdateCaseRuleRequest": "domainId caseRuleId name description rule",
    "UpdateFieldRequest": "domainId fieldId name description attributes",
    "UpdateLayoutRequest": "domainId layoutId name content",
    "UpdateRelatedItemRequest": "domainId caseId relatedItemId content performedBy",
    "UpdateTemplateRequest": "domainId templateId name description layoutConfiguration requiredFields status "
    "rules tagPropagationConfigurations",
    "UserUnion": "userArn customEntity",
}

# Member -> why it has no effect (the AWS page that says so).
IGNORED: dict[str, str] = {}

# Member -> why the mock refuses it (the AWS page that says so).
REFUSED: dict[str, str] = {
    **{
        f"BatchCreateRelatedItem:RelatedItemInputContent.{member}": (
            "only comment content is supported for batch creation "
            f"({REFERENCE}API_connect-cases_BatchCreateRelatedItem.html)"
        )
        for member in ("contact", "file", "sla", "connectCase", "custom")
    },
}

# Member -> a note on how it is honoured, where the table should say more than "honoured".
NOTES: dict[str, str] = {
    "CreateRelatedItemRequest.type": "must agree with the content member",
    "EventBridgeConfiguration.enabled": "stored, returned; turns the case event stream on (docs/events.md)",
    "EventBridgeConfiguration.includedData": "stored and returned; field ids checked",
    "FieldOption.value": "alphanumeric with hyphens and underscores (the FieldOption page)",
    "GetCaseRequest.nextToken": "GetCase issues none, so any token is refused",
    "SearchCasesRequest.fields": "a projection: unknown ids are absent from the output",
}


@dataclass(frozen=True, slots=True)
class Member:
    operation: str
    shape: str
    member: str
    status: str  # honoured | ignored | refused | unaccounted
    note: str = ""

    @property
    def key(self) -> str:
        return f"{self.shape}.{self.member}"


def _status(op: str, key: str) -> tuple[str, str]:
    for candidate in (f"{op}:{key}", key):
        if candidate in REFUSED:
            return "refused", REFUSED[candidate]
        if candidate in IGNORED:
            return "ignored", IGNORED[candidate]
    shape, _, member = key.partition(".")
    if member in HONOURED.get(shape, "").split():
        return "honoured", NOTES.get(key, "")
    return "unaccounted", ""


def _structures(shape: Shape, seen: set[str]) -> Iterator[Shape]:
    """Every structure ``shape`` reaches, each once, depth first in member order."""
    if shape.name in seen:
        return
    seen.add(shape.name)
    if shape.type_name == "structure":
        yield shape
        for child in shape.members.values():
            yield from _structures(child, seen)
    elif shape.type_name == "list":
        yield from _structures(shape.member, seen)
    elif shape.type_name == "map":
        yield from _structures(shape.value, seen)


def members() -> list[Member]:
    """Every input member of every operation of the installed model, with what the mock does."""
    found: list[Member] = []
    for name in sorted(SERVICE.operation_names()):
        root = SERVICE.operation(name).input_shape
        if root is None:
            continue
        for shape in _structures(root, set()):
            for member in shape.members:
                status, note = _status(name, f"{shape.name}.{member}")
                found.append(Member(name, shape.name, member, status, note))
    return found


def unaccounted() -> list[str]:
    """``Operation: Shape.member`` for each member this module says nothing about."""
    return [f"{m.operation}: {m.key}" for m in members() if m.status == "unaccounted"]
