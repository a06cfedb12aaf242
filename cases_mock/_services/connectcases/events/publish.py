"""The calls the backend writers make, one line each, after a write has been stored.

They publish only while the domain's ``eventBridge.enabled`` is true, with the configuration in
force at that moment, and swallow every error: an event never fails the Cases call.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from cases_mock._services.connectcases.events import build

if TYPE_CHECKING:
    from cases_mock._services.connectcases.backend.audit import Performer
    from cases_mock._services.connectcases.backend.base import BackendBase
    from cases_mock._services.connectcases.backend.records import Case, DomainData, RelatedItem, Scalar

log = logging.getLogger("cases_mock.events")


def case_changed(
    backend: BackendBase,
    data: DomainData,
    case: Case,
    event_type: str,
    performer: Performer,
    before: dict[str, Scalar] | None = None,
) -> None:
    """CASE.CREATED / CASE.DELETED, or CASE.UPDATED from the values ``before`` the write."""
    if not build.enabled(data):
        return
    try:
        event = build.case_event(backend, data, case, event_type, performer, before)
    except Exception:
        log.exception("cases_mock: could not build the %s event of case %s", event_type, case.case_id)
        backend.publisher.failed()
        return
    if event is not None:
        backend.publisher.publish(event)


def related_item_created(
    backend: BackendBase, data: DomainData, case: Case, item: RelatedItem, performer: Performer
) -> None:
    if not build.enabled(data):
        return
    try:
        event = build.related_item_event(backend, data, case, item, performer)
    except Exception:
        log.exception("cases_mock: could not build the event of related item %s", item.related_item_id)
        backend.publisher.failed()
        return
    backend.publisher.publish(event)
