"""SLA status (docs/behaviour.md#related-items), computed when read from the backend clock.

An SLA is *completed* the moment a case write makes its field equal one of its target values
(or at creation when it already does), and then stays Met (on time) or NotMet (late); until
then it is Active, or Overdue once its target time has passed. The case's
``next_sla_breach_datetime`` is the earliest target time of its SLAs not completed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from cases_mock._services.connectcases.backend.core import BackendCore
from cases_mock._services.connectcases.backend.records import Case, RelatedItem
from cases_mock._services.connectcases.backend.related_records import Sla
from cases_mock._services.connectcases.backend.values import datetime_value


def sla_status(item: RelatedItem, now: datetime) -> str:
    target = item.target_time or now
    if item.completion_time is not None:
        return "Met" if item.completion_time <= target else "NotMet"
    return "Active" if now <= target else "Overdue"


def retarget_sla(item: RelatedItem, minutes: int) -> None:
    """UpdateRelatedItem on an SLA: the new deadline counts from the SLA's creation.

    A completed SLA keeps its completion time and is Met or NotMet against the new deadline;
    an open one is Active or Overdue against it (``sla_status`` reads both from the clock).
    """
    if isinstance(item.content, Sla):
        item.content = replace(item.content, target_minutes=minutes)
    item.target_time = item.association_time + timedelta(minutes=minutes)


def refresh_slas(backend: BackendCore, case: Case) -> None:
    """Completes the SLAs the case's values now fulfil; keeps ``next_sla_breach_datetime`` right.

    Call under the lock after any change of the case's values or SLAs. Replaces ``case.values``
    (never mutates it) when the breach time changes.
    """
    now = backend.clock.now()
    pending: list[datetime] = []
    for item in case.related_items.values():
        if not isinstance(item.content, Sla) or item.completion_time is not None:
            continue
        field_id = item.content.field_id
        if field_id is not None and item.targets and case.values.get(field_id) in item.targets:
            item.completion_time = now
        elif item.target_time is not None:
            pending.append(item.target_time)
    breach = datetime_value(min(pending)) if pending else None
    if case.values.get("next_sla_breach_datetime") != breach:
        values = {k: v for k, v in case.values.items() if k != "next_sla_breach_datetime"}
        if breach is not None:
            values["next_sla_breach_datetime"] = breach
        case.values = values
