"""Wire forms built only at the edge: stored records turned into the shapes the API returns.

Below both the handlers and the events package, above the backend: handlers answer with these
forms and case events carry them, and the backend never builds them.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from cases_mock._services.connectcases.backend.records import DomainData, RelatedItem
from cases_mock._services.connectcases.backend.slas import sla_status
from cases_mock._services.connectcases.backend.values import to_wire


def field_type(data: DomainData, field_id: str) -> str:
    """The type of field ``field_id`` (Text when the domain does not know it)."""
    found = data.fields.get(field_id)
    return found.type if found is not None else "Text"


def content_wire(data: DomainData, item: RelatedItem, now: datetime) -> dict[str, Any]:
    """The ``RelatedItemContent`` of ``item`` as the service returns it."""
    if item.type == "Contact":
        return {
            "contact": {
                "contactArn": item.content["contact"]["contactArn"],
                "channel": item.channel,
                "connectedToSystemTime": item.connected_time,
            }
        }
    if item.type == "Sla":
        given = item.content["sla"]["slaInputConfiguration"]
        configuration: dict[str, Any] = {
            "name": given["name"],
            "type": given["type"],
            "status": sla_status(item, now),
            "targetTime": item.target_time,
        }
        if given.get("fieldId") is not None:
            configuration["fieldId"] = given["fieldId"]
            configuration["targetFieldValues"] = copy.deepcopy(given.get("targetFieldValues"))
        if item.completion_time is not None:
            configuration["completionTime"] = item.completion_time
        return {"sla": {"slaConfiguration": configuration}}
    if item.type == "Custom":
        return {
            "custom": {
                "fields": [
                    {"id": f["id"], "value": to_wire(field_type(data, f["id"]), f["value"])}
                    for f in item.content["custom"]["fields"]
                ]
            }
        }
    return copy.deepcopy(item.content)
