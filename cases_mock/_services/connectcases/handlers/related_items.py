"""CreateRelatedItem, UpdateRelatedItem, DeleteRelatedItem, BatchCreateRelatedItem,
SearchRelatedItems, SearchAllRelatedItems, ListCasesForContact."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from cases_mock._services.connectcases.backend.pagination import paginate
from cases_mock._services.connectcases.backend.records import DomainData, RelatedItem
from cases_mock._services.connectcases.backend.related_records import Contact, Custom, File, LinkedCase, Sla
from cases_mock._services.connectcases.backend.search import Predicate, compile_filter
from cases_mock._services.connectcases.backend.search_lag import visible_items
from cases_mock._services.connectcases.backend.slas import sla_status
from cases_mock._services.connectcases.handlers import Call, Output, Params, handles
from cases_mock._services.connectcases.handlers.cases import case_identifier, performer
from cases_mock._services.connectcases.wire_forms import (
    content_wire,
    input_content,
    update_content,
    user_wire,
)


def _item_wire(data: DomainData, item: RelatedItem, now: datetime, *, with_case: bool) -> dict[str, Any]:
    wire: dict[str, Any] = {
        "relatedItemId": item.related_item_id,
        "type": item.type,
        "associationTime": item.association_time,
        "content": content_wire(data, item, now),
        "tags": dict(item.tags),
    }
    if item.created_by:
        wire["performedBy"] = user_wire(item.created_by)
    if with_case:
        wire["caseId"] = item.case_id
    return wire


@handles("CreateRelatedItem")
def create_related_item(call: Call, params: Params) -> Output:
    item = call.backend.related_items.create(
        params["domainId"],
        params["caseId"],
        params["type"],
        input_content(params["content"]),
        performer(call, params),
    )
    return {"relatedItemId": item.related_item_id, "relatedItemArn": item.arn}


@handles("UpdateRelatedItem")
def update_related_item(call: Call, params: Params) -> Output:
    domain_id = params["domainId"]
    item = call.backend.related_items.update(
        domain_id,
        params["caseId"],
        params["relatedItemId"],
        update_content(params["content"]),
        performer(call, params),
    )
    output: dict[str, Any] = {
        "relatedItemId": item.related_item_id,
        "relatedItemArn": item.arn,
        "type": item.type,
        "content": content_wire(call.backend.domain(domain_id).data, item, call.backend.clock.now()),
        "associationTime": item.association_time,
        "tags": dict(item.tags),
    }
    if item.last_updated_user:
        output["lastUpdatedUser"] = user_wire(item.last_updated_user)
    if item.created_by:
        output["createdBy"] = user_wire(item.created_by)
    return output


@handles("DeleteRelatedItem")
def delete_related_item(call: Call, params: Params) -> Output:
    call.backend.related_items.delete(
        params["domainId"], params["caseId"], params["relatedItemId"], performer(call, params)
    )
    return {}


@handles("BatchCreateRelatedItem")
def batch_create_related_item(call: Call, params: Params) -> Output:
    made, failed = call.backend.related_items.batch_create(
        params["domainId"],
        [dict(entry["caseIdentifier"]) for entry in params["cases"]],
        input_content(params["content"]),
        performer(call, params),
        client_token=params.get("clientToken"),
        request={k: v for k, v in params.items() if k != "clientToken"},
    )
    return {
        "successfulItems": [
            {
                "caseIdentifier": case_identifier(case),
                "relatedItemId": item.related_item_id,
                "relatedItemArn": item.arn,
            }
            for case, item in made
        ],
        "failedItems": [
            {"caseIdentifier": identifier, "errorCode": code, "errorMessage": message}
            for identifier, code, message in failed
        ],
    }


def _matches(item: RelatedItem, wanted: dict[str, Any], custom: Predicate | None, now: datetime) -> bool:
    """Whether ``item`` passes one RelatedItemTypeFilter (``custom``: its compiled fields filter)."""
    (kind, body), *_ = wanted.items()
    content = item.content
    if kind == "contact":
        if not isinstance(content, Contact):
            return False
        channels = body.get("channel")
        arn = body.get("contactArn")
        return (not channels or item.channel in channels) and arn in (None, content.contact_arn)
    if kind == "comment":
        return item.type == "Comment"
    if kind == "file":
        return isinstance(content, File) and body.get("fileArn") in (None, content.file_arn)
    if kind == "sla":
        if not isinstance(content, Sla):
            return False
        return body.get("name") in (None, content.name) and body.get("status") in (
            None,
            sla_status(item, now),
        )
    if kind == "connectCase":
        return isinstance(content, LinkedCase) and body.get("caseId") in (None, content.case_id)
    if not isinstance(content, Custom):
        return False
    if custom is None:
        return True
    values = {f.field_id: f.value for f in content.fields if f.value is not None}
    return custom(SimpleNamespace(values=values, tags={}))  # type: ignore[arg-type]


def _filtered(
    data: DomainData, items: list[RelatedItem], filters: list[dict[str, Any]], now: datetime
) -> list[RelatedItem]:
    """The items passing any of ``filters`` (all items without filters); custom field filters
    are compiled (and checked) once, even when there are no items."""
    compiled: list[Predicate | None] = []
    for index, wanted in enumerate(filters):
        (kind, body), *_ = wanted.items()
        fields_filter = body.get("fields") if kind == "custom" else None
        compiled.append(
            compile_filter(data, fields_filter, f"filters[{index}].custom.fields") if fields_filter else None
        )
    if not filters:
        return items
    return [
        item
        for item in items
        if any(_matches(item, wanted, custom, now) for wanted, custom in zip(filters, compiled, strict=True))
    ]


def _time_key(item: RelatedItem) -> float:
    return item.association_time.timestamp()


@dataclass(frozen=True, slots=True)
class _Search:
    """One SearchRelatedItems or SearchAllRelatedItems call over its domain, under the lock."""

    call: Call
    params: Params
    data: DomainData
    now: datetime

    @classmethod
    def of(cls, call: Call, params: Params) -> _Search:
        return cls(call, params, call.backend.domain(params["domainId"]).data, call.backend.clock.now())

    @property
    def filters(self) -> list[dict[str, Any]]:
        return self.params.get("filters") or []

    def visible(self, items: list[RelatedItem]) -> list[RelatedItem]:
        """The ``items`` the search sees (search lag) that pass its filters."""
        return _filtered(self.data, visible_items(self.call.backend.limits, items), self.filters, self.now)

    def page(
        self,
        ordered: list[RelatedItem],
        position: Callable[[RelatedItem], Any],
        scope: str,
        *,
        with_case: bool,
    ) -> Output:
        """The answer: the page of the ``ordered`` items, its token scoped to the domain and
        ``scope`` (what else the search was given)."""
        page, token = paginate(
            self.params,
            ordered,
            position,
            operation=self.call.operation,
            scope=f"{self.call.account}/{self.params['domainId']}/{scope}",
            default_page=25,
        )
        items = [_item_wire(self.data, i, self.now, with_case=with_case) for i in page]
        return {"relatedItems": items, "nextToken": token}


@handles("SearchRelatedItems")
def search_related_items(call: Call, params: Params) -> Output:
    with call.backend.lock:
        case = call.backend.case(params["domainId"], params["caseId"])
        search = _Search.of(call, params)
        items = search.visible(list(case.related_items.values()))
        ordered = sorted(items, key=lambda i: (-_time_key(i), -i.seq))
        scope = f"{params['caseId']}/{json.dumps(search.filters, sort_keys=True)}"
        return search.page(ordered, lambda i: [-_time_key(i), -i.seq], scope, with_case=False)


@handles("SearchAllRelatedItems")
def search_all_related_items(call: Call, params: Params) -> Output:
    with call.backend.lock:
        search = _Search.of(call, params)
        every = [item for case in search.data.cases.values() for item in case.related_items.values()]
        items = search.visible(every)
        sorts = params.get("sorts") or [{"sortProperty": "AssociationTime", "sortOrder": "Desc"}]
        ordered = sorted(items, key=lambda i: i.seq)
        for sort in reversed(sorts):
            by_case = sort["sortProperty"] == "CaseId"
            ordered.sort(
                key=(lambda i: i.case_id) if by_case else _time_key, reverse=sort["sortOrder"] == "Desc"
            )
        rank = {item.related_item_id: index for index, item in enumerate(ordered)}
        scope = json.dumps([search.filters, sorts], sort_keys=True)
        return search.page(
            ordered, lambda i: [rank[i.related_item_id], i.related_item_id], scope, with_case=True
        )


@handles("ListCasesForContact")
def list_cases_for_contact(call: Call, params: Params) -> Output:
    domain_id = params["domainId"]
    found = call.backend.related_items.cases_for_contact(domain_id, params["contactArn"])
    page, token = paginate(
        params,
        found,
        lambda pair: [-pair[0].seq],
        operation="ListCasesForContact",
        scope=f"{call.account}/{domain_id}/{params['contactArn']}",
        default_page=10,
    )
    return {
        "cases": [{"caseId": c.case_id, "templateId": c.template_id} for _, c in page],
        "nextToken": token,
    }
