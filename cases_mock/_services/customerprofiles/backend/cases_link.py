"""The link from Connect Cases: a case written for a profile ARN becomes that profile's ``_case``
standard object (a mock choice: no AWS page says Cases writes one; docs/behaviour.md#customer-profiles).

Called by the Cases side, never by a Customer Profiles handler. ``case_written`` puts (or
replaces) the ``_case`` of a case on the profile its ``customer_id`` names, and removes it from
any other profile of that account and region (``customer_id`` changed); ``case_deleted`` removes
it. The ``_case``'s CaseId is the Cases case id, so ``SearchProfiles(KeyName="_caseId")`` and
``ListProfileObjects(ObjectTypeName="_case")`` find the customer's cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cases_mock._services.customerprofiles.backend.records import ProfileObject
from cases_mock._services.customerprofiles.backend.state import ProfilesBackend, ProfilesStore
from cases_mock._services.customerprofiles.ids import new_hex_id, parse_profile_arn

DATA_SOURCE = "Amazon Connect Cases"


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """What a ``_case`` object holds of a case (its system fields; None where unset)."""

    case_id: str
    title: str | None = None
    status: str | None = None
    summary: str | None = None
    created: datetime | None = None
    updated: datetime | None = None
    closed: datetime | None = None

    def content(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "CaseId": self.case_id,
            "Title": self.title,
            "Status": self.status,
            "Summary": self.summary,
            "CreatedDate": self.created.isoformat() if self.created else None,
            "UpdatedDate": self.updated.isoformat() if self.updated else None,
            "ClosedDate": self.closed.isoformat() if self.closed else None,
            "DataSource": DATA_SOURCE,
        }
        return {name: value for name, value in values.items() if value is not None}


def _drop(backend: ProfilesBackend, case_id: str) -> ProfileObject | None:
    """Removes the ``_case`` of ``case_id`` wherever it is in ``backend``; returns it."""
    for domain in backend.domains.values():
        for key, obj in list(domain.objects.items()):
            if obj.object_type == "_case" and obj.identity == f"CASES:{case_id}":
                del domain.objects[key]
                return obj
    return None


def case_written(
    store: ProfilesStore, profile_arn: str | None, case: CaseSummary, *, account: str, region: str
) -> bool:
    """A case of (``account``, ``region``) was created or updated with ``customer_id`` =
    ``profile_arn``. Returns whether a ``_case`` object now stands for it: False when the ARN is
    absent or names no profile of this mock (another account, region, domain or a deleted one)."""
    backend = store.backend(account, region)
    with backend.lock:
        previous = _drop(backend, case.case_id)
        ref = parse_profile_arn(profile_arn) if profile_arn else None
        if ref is None or (ref.account, ref.region) != (account, region):
            return False
        domain = backend.domains.get(ref.domain_name)
        if domain is None or ref.profile_id not in domain.profiles:
            return False
        stored = ProfileObject(
            unique_key=previous.unique_key if previous else new_hex_id(),
            object_type="_case",
            profile_id=ref.profile_id,
            seq=previous.seq if previous else backend.next_seq(),
            content=case.content(),
            index={"_caseId": [case.case_id]},
            identity=f"CASES:{case.case_id}",
        )
        domain.objects[stored.unique_key] = stored
        return True


def case_deleted(store: ProfilesStore, case_id: str, *, account: str, region: str) -> None:
    """The case ``case_id`` of (``account``, ``region``) is gone: its ``_case`` object goes too."""
    backend = store.backend(account, region)
    with backend.lock:
        _drop(backend, case_id)
