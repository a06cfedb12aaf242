"""Profile history records (ListProfileHistoryRecords, GetProfileHistoryRecord).

Which call writes which record is undocumented; the mock's rule (docs/behaviour.md#customer-profiles):
CreateProfile CREATED, UpdateProfile UPDATED, PutProfileObject INGESTED, AddProfileKey
ADDED_PROFILE_KEY, DeleteProfileKey DELETED_PROFILE_KEY, DeleteProfile DELETED_BY_CUSTOMER,
MergeProfiles MERGED on the main profile and DELETED_BY_MERGE on each merged one. A profile-level
record's object type is ``_profile``. Records outlive their profile; newest first.
"""

from __future__ import annotations

import json
from typing import Any

from cases_mock._services.customerprofiles.backend.records import Domain, HistoryRecord
from cases_mock._services.customerprofiles.backend.state import ProfilesBackend
from cases_mock._services.customerprofiles.errors import not_found
from cases_mock._services.customerprofiles.ids import new_hex_id

PROFILE_TYPE = "_profile"


def record(
    backend: ProfilesBackend,
    domain: Domain,
    profile_id: str,
    action: str,
    content: Any,
    *,
    performed_by: str | None,
    object_type: str = PROFILE_TYPE,
    unique_key: str | None = None,
) -> HistoryRecord:
    """Appends one history record of ``profile_id``; ``content`` is stored as JSON text."""
    entry = HistoryRecord(
        record_id=new_hex_id(),
        profile_id=profile_id,
        seq=backend.next_seq(),
        object_type_name=object_type,
        action_type=action,
        created_at=backend.clock.now(),
        content=json.dumps(content, default=str, sort_keys=True),
        performed_by=performed_by,
        unique_key=unique_key,
    )
    domain.history.append(entry)
    return entry


def list_records(
    domain: Domain,
    profile_id: str,
    *,
    object_type: str | None = None,
    action: str | None = None,
    performed_by: str | None = None,
) -> list[HistoryRecord]:
    """The records of ``profile_id`` matching every filter given, newest first."""
    found = [
        entry
        for entry in domain.history
        if entry.profile_id == profile_id
        and (object_type is None or entry.object_type_name == object_type)
        and (action is None or entry.action_type == action)
        and (performed_by is None or entry.performed_by == performed_by)
    ]
    return sorted(found, key=lambda e: -e.seq)


def get_record(domain: Domain, profile_id: str, record_id: str) -> HistoryRecord:
    for entry in domain.history:
        if entry.record_id == record_id and entry.profile_id == profile_id:
            return entry
    raise not_found("Profile history record", record_id, f"profile {profile_id!r}")
