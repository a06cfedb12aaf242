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

from cases_mock._services.connectcases.backend.cases import READ_ONLY
from cases_mock._services.connectcases.backend.changes import CaseChanged, RelatedItemCreated
from cases_mock._services.connectcases.backend.values import to_wire
from cases_mock._services.connectcases.ids import new_id
from cases_mock._services.connectcases.wire_forms import content_wire, performed_by_wire, stored_content_wire

if TYPE_CHECKING:
    from cases_mock._services.connectcases.backend.audit import Performer
    from cases_mock._services.connectcases.backend.core import BackendCore
    from cases_mock._services.connectcases.backend.records import DomainData, RelatedItem, Scalar
    from cases_mock._services.connectcases.backend.settings_records import EventSettings

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


def _performed_by(performer: Performer) -> dict[str, Any]:
    return performed_by_wire(performer.iam_principal_arn, performer.user)


def _envelope(
    backend: BackendCore, at: datetime, resource_arn: str, domain_arn: str, detail: dict[str, Any]
) -> dict[str, Any]:
    return {
        "version": "0",
        "id": new_id(),
        "detail-type": DETAIL_TYPE,
        "source": SOURCE,
        "account": backend.account,
        "time": seconds(at),
        "region": backend.region,
        "resources": [domain_arn, resource_arn],
        "detail": detail,
    }


# caseData.autoIncludeFields -> the field namespaces it includes (the model's CaseEventIncludedData:
# "All (include all fields on the case), System (include all system fields), and Custom").
AUTO_INCLUDED = {"All": ("System", "Custom"), "System": ("System",), "Custom": ("Custom",)}


def included_field_ids(data: DomainData, configuration: EventSettings) -> list[str] | None:
    """The ids of the fields case events carry: ``caseData.fields`` united with the fields of the
    ``autoIncludeFields`` category as the domain has them now (so fields added after the Put are
    included); None when the configuration asks for no case data."""
    case_data = configuration.case_data
    ids = list(case_data.field_ids or ()) if case_data is not None else []
    auto = case_data.auto_include if case_data is not None else None
    if auto:
        namespaces = AUTO_INCLUDED.get(auto, ())
        ids += [field_id for field_id, found in data.fields.items() if found.namespace in namespaces]
    elif not ids:
        return None
    return list(dict.fromkeys(ids))


def case_fields(
    data: DomainData, configuration: EventSettings, values: dict[str, Scalar]
) -> dict[str, Any] | None:
    """The non-null values of the included fields (``included_field_ids``; None: none asked for),
    fields deleted since left out."""
    field_ids = included_field_ids(data, configuration)
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
    changed = [key for key in after if before.get(key) != after[key]]
    changed += [key for key in before if key not in after]
    return sorted(changed, key=lambda key: key in READ_ONLY or key == "next_sla_breach_datetime")


def case_event(backend: BackendCore, change: CaseChanged) -> dict[str, Any] | None:
    """A CASE.* event; for CASE.UPDATED (``before`` given) None when no value changed."""
    case = change.case
    detail: dict[str, Any] = {
        "version": "0",
        "eventType": change.event_type,
        "approximateChangeTime": millis(change.at),
    }
    if change.before is not None:
        changed = changed_field_ids(change.before, change.values)
        if not changed:
            return None
        detail["changedFieldIds"] = changed
    detail["performedBy"] = _performed_by(change.performer)
    body: dict[str, Any] = {
        "caseId": case.case_id,
        "templateId": case.template_id,
        "createdDateTime": str(change.values.get("created_datetime", "")),
    }
    fields = case_fields(change.data, change.configuration, change.values)
    if fields is not None:
        body["fields"] = fields
    detail["case"] = body
    return _envelope(backend, change.at, case.arn, case.domain_arn, detail)


def changed_attributes(item: RelatedItem) -> list[str]:
    """``<member>.<attribute>`` for each attribute the creation set; a comment's body is
    ``comment.commentText``, as the sample payload names it."""
    if item.type == "Comment":
        return ["comment.commentText"]
    ((member, given),) = stored_content_wire(item.content).items()
    return [f"{member}.{attribute}" for attribute in given]


def related_item_event(backend: BackendCore, change: RelatedItemCreated) -> dict[str, Any]:
    """A RELATED_ITEM.CREATED event; the content only with ``relatedItemData.includeContent``."""
    item, case = change.item, change.case
    body: dict[str, Any] = {
        "relatedItemType": RELATED_ITEM_TYPE[item.type],
        "relatedItemId": item.related_item_id,
        "caseId": case.case_id,
        "createdDateTime": millis(item.association_time),
    }
    if change.configuration.includes_related_content:
        body.update(jsonable(content_wire(change.data, item, change.at)))
    detail = {
        "version": "0",
        "eventType": "RELATED_ITEM.CREATED",
        "approximateChangeTime": millis(change.at),
        "changedAttributes": changed_attributes(item),
        "performedBy": _performed_by(change.performer),
        "relatedItem": body,
    }
    return _envelope(backend, change.at, item.arn, case.domain_arn, detail)
