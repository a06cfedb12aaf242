"""Which botocore release added what to the ``connectcases`` model: the one record of these facts.

The mock serves exactly the operations and members of the installed model (its router, parser,
validator and serialiser all read it), so on an older botocore an operation or member added
later is simply not there: a call gets ``UnknownOperationException`` or a client-side
``ParamValidationError``, as it would from AWS through that client. This table says which
release brought each operation and, since the supported lower bound, each member and widened
constraint; ``docs/coverage.md`` shows the operations' column from it and the test suite skips
what the installed model lacks with it (``@pytest.mark.needs_model(...)``).

The releases were found by reading ``botocore/data/connectcases/2022-10-03/service-2.json``
release by release (the first tag holding each change, checked against the published wheels).
"""

from __future__ import annotations

from functools import cache

import botocore

from cases_mock._protocol import model

MODEL_NAME = "connectcases"  # the botocore model this table records (service.py registers it)
# The newest operation the mock relies on; its absence marks a model too old to mock.
NEWEST_REQUIRED_OPERATION = "CreateCaseRule"

OPERATIONS: dict[str, str] = {
    **dict.fromkeys(
        (
            "BatchGetField", "BatchPutFieldOptions", "CreateCase", "CreateDomain", "CreateField",
            "CreateLayout", "CreateRelatedItem", "CreateTemplate", "GetCase",
            "GetCaseEventConfiguration", "GetDomain", "GetLayout", "GetTemplate",
            "ListCasesForContact", "ListDomains", "ListFieldOptions", "ListFields", "ListLayouts",
            "ListTagsForResource", "ListTemplates", "PutCaseEventConfiguration", "SearchCases",
            "SearchRelatedItems", "TagResource", "UntagResource", "UpdateCase", "UpdateField",
            "UpdateLayout", "UpdateTemplate",
        ),
        "1.27.86",
    ),
    "DeleteDomain": "1.29.79",
    "GetCaseAuditEvents": "1.34.24",
    **dict.fromkeys(("DeleteField", "DeleteLayout", "DeleteTemplate"), "1.34.94"),
    **dict.fromkeys(
        ("BatchGetCaseRule", "CreateCaseRule", "DeleteCaseRule", "ListCaseRules", "UpdateCaseRule"),
        "1.36.15",
    ),
    **dict.fromkeys(("DeleteCase", "DeleteRelatedItem"), "1.39.2"),
    "SearchAllRelatedItems": "1.40.44",
    "UpdateRelatedItem": "1.42.74",
    **dict.fromkeys(("BatchCreateRelatedItem", "BatchUpdateCase"), "1.43.126"),
    **dict.fromkeys(("GetMergeCasesStatus", "StartMergeCases"), "1.44.1"),
}  # fmt: skip
"""Operation name -> the botocore release whose model first has it (1.27.86: the first model)."""

LOWER_BOUND = OPERATIONS[NEWEST_REQUIRED_OPERATION]
"""The supported lower bound: the first botocore whose model has the 2025-02 case rules."""

MEMBERS: dict[str, str] = {
    "RelatedItemInputContent.sla": "1.37.35",
    "RelatedItemTypeFilter.sla": "1.37.35",
    "FieldValueUnionStringValueString:max=3000": "1.37.35",
    "UserUnion.customEntity": "1.38.5",
    "SearchCasesRequestMaxResultsInteger:max=100": "1.38.5",
    "RelatedItemInputContent.connectCase": "1.40.42",
    "RelatedItemInputContent.custom": "1.40.42",
    "RelatedItemTypeFilter.custom": "1.40.42",
    "CaseRuleDetails.hidden": "1.40.64",
    "CaseRuleDetails.fieldOptions": "1.40.64",
    "BatchGetCaseRuleResponse.unprocessedCaseRules": "1.40.64",
    "CaseFilter.tag": "1.42.35",
    "CreateCaseRequest.tags": "1.42.35",
    "CreateTemplateRequest.tagPropagationConfigurations": "1.42.35",
    "CreateFieldRequest.attributes": "1.42.42",
    "SearchCasesResponse.totalCount": "1.42.42",
    "FieldValueUnionStringValueString:max=4100": "1.42.42",
    "SearchCasesRequestFieldsList:max=25": "1.42.55",
    "BooleanCondition.andAll": "1.42.65",
    "BooleanCondition.orAll": "1.42.65",
    "AuditEvent.mergeMetadata": "1.44.1",
    "CaseEventIncludedData.autoIncludeFields": "1.44.5",
    "RelatedItemUpdateContent.sla": "1.44.7",
}
"""Since the lower bound: ``Shape.member`` -> the release that added the member, and
``Shape:max=N`` -> the release that raised the shape's maximum to N."""


def release(feature: str) -> str:
    """The botocore release that added ``feature`` (an operation, ``Shape.member`` or ``Shape:max=N``)."""
    found = OPERATIONS.get(feature) or MEMBERS.get(feature)
    if found is None:
        raise KeyError(f"{feature!r} is not in cases_mock._services.connectcases.releases")
    return found


@cache
def present(feature: str) -> bool:
    """Whether the installed model has ``feature`` (read from the model, not from its version)."""
    release(feature)
    if feature in OPERATIONS:
        return feature in model.operation_names(MODEL_NAME)
    shapes = model.service_model(MODEL_NAME)
    if ":max=" in feature:
        shape_name, bound = feature.split(":max=")
        return shape_name in shapes.shape_names and shapes.shape_for(shape_name).metadata.get(
            "max", 0
        ) >= int(bound)
    shape_name, member = feature.split(".")
    return shape_name in shapes.shape_names and member in shapes.shape_for(shape_name).members


def absent(*features: str) -> list[str]:
    """Those of ``features`` the installed model lacks, each with the release that added it."""
    return [f"{f} (botocore {release(f)})" for f in features if not present(f)]


def complete() -> bool:
    """True when the installed model has everything this table knows of."""
    return not absent(*OPERATIONS, *MEMBERS)


def version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".")[:3])


def installed() -> str:
    return str(botocore.__version__)
