"""The event envelope, built as the case event payload page documents it
(https://docs.aws.amazon.com/connect/latest/adminguide/case-event-streams-sample.html).

Every choice the page leaves open is in docs/behaviour.md#event-streams. Builders take the
change as it is stored and the domain's event configuration in force at the time; they return
plain JSON-able dicts (times as ISO-8601 strings) and never touch the stored state.
"""

from __future__ import annotations

import copy
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from cases_mock._services.connectcases.ids import new_id

if TYPE_CHECKING:
    from cases_mock._services.connectcases.backend.audit import Performer
    from cases_mock._services.connectcases.backend.base import BackendBase
    from cases_mock._services.connectcases.backend.records import Case, DomainData, RelatedItem, Scalar

SOURCE = "aws.cases"
DETAIL_TYPE = "Amazon Connect Cases Change"
# detail.relatedItem.relatedItemType, as the Connect analytics data lake lists its values and
# AWS's own consumers compare them (docs/behaviour.md#event-streams).
RELATED_ITEM_TYPE = {
    "Comment": "comment",
    "Contact": "contact",
    "File": "file",
    "Sla": "sla",
    "ConnectCase": "connect",
    "Custom": "custom",
}


def millis(moment: datetime) -> str:
    """``2022-03-16T23:16:57.893Z``: approximateChangeTime and createdDateTime."""
    utc = moment.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def seconds(moment: datetime) -> str:
    """``2022-03-16T23:43:26Z``: the envelope's ``time``."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def jsonable(value: Any) -> Any:
    """``value`` with every datetime as a millisecond ISO string (the rest deep-copied)."""
    if isinstance(value, datetime):
        return millis(value)
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [jsonable(item) for item in value]
    return copy.deepcopy(value)


def enabled(data: DomainData) -> bool:
    configuration = data.event_configuration
    return bool(configuration and configuration.get("enabled"))


def _included(data: DomainData) -> dict[str, Any]:
    return dict((data.event_configuration or {}).get("includedData") or {})


def _performed_by(performer: Performer) -> dict[str, Any]:
    performed: dict[str, Any] = {"iamPrincipalArn": performer.iam_principal_arn}
    if performer.user:
        performed["user"] = dict(performer.user)
    return performed


def _envelope(
    backend: BackendBase, resource_arn: str, domain_arn: str, detail: dict[str, Any]
) -> dict[str, Any]:
    return {
        "version": "0",
        "id": new_id(),
        "detail-type": DETAIL_TYPE,
        "source": SOURCE,
        "account": backend.account,
        "time": seconds(backend.clock.now()),
        "region": backend.region,
        "resources": [domain_arn, resource_arn],
        "detail": detail,
    }


# caseData.autoIncludeFields -> the field namespaces it includes (the model's CaseEventIncludedData:
# "All (include all fields on the case), System (include all system fields), and Custom").
AUTO_INCLUDED = {"All": ("System", "Custom"), "System": ("System",), "Custom": ("Custom",)}


def included_field_ids(data: DomainData) -> list[str] | None:
    """The ids of the fields case events carry: ``caseData.fields`` united with the fields of the
    ``autoIncludeFields`` category as the domain has them now (so fields added after the Put are
    included); None when the configuration asks for no case data."""
    case_data = _included(data).get("caseData") or {}
    ids = [str(entry["id"]) for entry in case_data.get("fields") or []]
    auto = case_data.get("autoIncludeFields")
    if auto:
        namespaces = AUTO_INCLUDED.get(str(auto), ())
        ids += [field_id for field_id, found in data.fields.items() if found.namespace in namespaces]
    elif not ids:
        return None
    return list(dict.fromkeys(ids))


def case_fields(data: DomainData, values: dict[str, Scalar]) -> dict[str, Any] | None:
    """The non-null values of the included fields (``included_field_ids``; None: none asked for),
    fields deleted since left out."""
    from cases_mock._services.connectcases.backend.values import to_wire

    field_ids = included_field_ids(data)
    if field_ids is None:
        return None
    fields: dict[str, Any] = {}
    for field_id in field_ids:
        found = data.fields.get(field_id)
        if found is None or found.deleted or values.get(field_id) is None:
            continue
        fields[field_id] = {"value": to_wire(found.type, values[field_id])}
    return fields


def changed_field_ids(before: dict[str, Scalar], after: dict[str, Scalar]) -> list[str]:
    """Every field whose value differs, the ones a request sets first, then the service's own."""
    from cases_mock._services.connectcases.backend.cases import READ_ONLY

    changed = [key for key in after if before.get(key) != after[key]]
    changed += [key for key in before if key not in after]
    return sorted(changed, key=lambda key: key in READ_ONLY or key == "next_sla_breach_datetime")


def case_event(
    backend: BackendBase,
    data: DomainData,
    case: Case,
    event_type: str,
    performer: Performer,
    before: dict[str, Scalar] | None = None,
) -> dict[str, Any] | None:
    """A CASE.* event; for CASE.UPDATED (``before`` given) None when no value changed."""
    detail: dict[str, Any] = {
        "version": "0",
        "eventType": event_type,
        "approximateChangeTime": millis(backend.clock.now()),
    }
    if before is not None:
        changed = changed_field_ids(before, case.values)
        if not changed:
            return None
        detail["changedFieldIds"] = changed
    detail["performedBy"] = _performed_by(performer)
    body: dict[str, Any] = {
        "caseId": case.case_id,
        "templateId": case.template_id,
        "createdDateTime": str(case.values.get("created_datetime", "")),
    }
    fields = case_fields(data, case.values)
    if fields is not None:
        body["fields"] = fields
    detail["case"] = body
    return _envelope(backend, case.arn, case.domain_arn, detail)


def changed_attributes(item: RelatedItem) -> list[str]:
    """``<member>.<attribute>`` for each attribute the creation set; a comment's body is
    ``comment.commentText``, as the sample payload names it."""
    from cases_mock._services.connectcases.backend.related_items import MEMBER_FOR_TYPE

    if item.type == "Comment":
        return ["comment.commentText"]
    member = MEMBER_FOR_TYPE[item.type]
    return [f"{member}.{attribute}" for attribute in item.content[member]]


def related_item_event(
    backend: BackendBase, data: DomainData, case: Case, item: RelatedItem, performer: Performer
) -> dict[str, Any]:
    """A RELATED_ITEM.CREATED event; the content only with ``relatedItemData.includeContent``."""
    from cases_mock._services.connectcases.handlers.related_items import content_wire

    body: dict[str, Any] = {
        "relatedItemType": RELATED_ITEM_TYPE[item.type],
        "relatedItemId": item.related_item_id,
        "caseId": case.case_id,
        "createdDateTime": millis(item.association_time),
    }
    if (_included(data).get("relatedItemData") or {}).get("includeContent"):
        body.update(jsonable(content_wire(data, item, backend.clock.now())))
    detail = {
        "version": "0",
        "eventType": "RELATED_ITEM.CREATED",
        "approximateChangeTime": millis(backend.clock.now()),
        "changedAttributes": changed_attributes(item),
        "performedBy": _performed_by(performer),
        "relatedItem": body,
    }
    return _envelope(backend, item.arn, case.domain_arn, detail)
