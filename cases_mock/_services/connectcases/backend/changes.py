"""Change records: what a backend write appends for the case event streams to take.

A write that creates, updates or deletes a case, or creates a related item, appends one record
to ``changes`` of its backend while the domain's event stream is on (``streams_events``). The
events package drains them after the write, under the backend's lock (``events.publish.drain``),
and builds the envelopes; so the backend never imports upward. A record keeps what the event
needs as it was at the write: the case's values, the event configuration and the time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cases_mock._services.connectcases.backend.audit import Performer
from cases_mock._services.connectcases.backend.records import Case, DomainData, RelatedItem, Scalar
from cases_mock._services.connectcases.backend.settings_records import EventSettings


def streams_events(data: DomainData) -> bool:
    """Whether the domain's event configuration has EventBridge enabled."""
    configuration = data.event_configuration
    return configuration is not None and configuration.enabled


@dataclass(frozen=True, slots=True)
class CaseChanged:
    """CASE.CREATED / CASE.DELETED, or CASE.UPDATED from the values ``before`` the write."""

    data: DomainData
    case: Case
    event_type: str
    performer: Performer
    # The case's values right after the write: the dict itself, never copied, since a write
    # replaces ``Case.values`` and never mutates it (docs/architecture.md).
    values: dict[str, Scalar]
    configuration: EventSettings
    at: datetime
    before: dict[str, Scalar] | None = None


@dataclass(frozen=True, slots=True)
class RelatedItemCreated:
    """RELATED_ITEM.CREATED of ``item`` on ``case``."""

    data: DomainData
    case: Case
    item: RelatedItem
    performer: Performer
    configuration: EventSettings
    at: datetime


Change = CaseChanged | RelatedItemCreated


def case_changed(
    changes: list[Change],
    data: DomainData,
    case: Case,
    event_type: str,
    performer: Performer,
    at: datetime,
    before: dict[str, Scalar] | None = None,
) -> None:
    """Appends a ``CaseChanged`` while the domain streams events."""
    if data.event_configuration is not None and streams_events(data):
        changes.append(
            CaseChanged(data, case, event_type, performer, case.values, data.event_configuration, at, before)
        )


def related_item_created(
    changes: list[Change], data: DomainData, case: Case, item: RelatedItem, performer: Performer, at: datetime
) -> None:
    """Appends a ``RelatedItemCreated`` while the domain streams events."""
    if data.event_configuration is not None and streams_events(data):
        changes.append(RelatedItemCreated(data, case, item, performer, data.event_configuration, at))
