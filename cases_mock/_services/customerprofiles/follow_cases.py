"""Customer Profiles following Connect Cases: a case created, updated or deleted with a
``customer_id`` naming a profile becomes (or stops being) that profile's ``_case`` object.

The dispatcher calls ``follow`` after every successful call (``Service.follow``); it acts on
CreateCase, UpdateCase and DeleteCase only, reads the case back through Connect Cases' own
GetCase (``dispatch.read``: no Cases internals here, nothing recorded) and calls
``backend/cases_link`` (docs/behaviour.md#customer-profiles). While the account and region have
no Customer Profiles domain there is no profile for a case to stand for (nor one holding it), so
a Cases write is not read back at all (nor is an empty Profiles backend made for it, so a
Cases-only state exports no Customer Profiles member): most writes of a test that never uses
Customer Profiles.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cases_mock._services.customerprofiles.backend.cases_link import CaseSummary, case_deleted, case_written
from cases_mock._services.customerprofiles.model import SERVICE_NAME

CASES = "connectcases"
_FIELDS = ("customer_id", "title", "status", "summary", "created_datetime", "last_updated_datetime")


def _when(value: Any) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if isinstance(value, str) else None


def follow(followed: Any) -> None:
    if followed.service != CASES or followed.operation not in ("CreateCase", "UpdateCase", "DeleteCase"):
        return
    store = followed.stores.get(SERVICE_NAME)
    backend = followed.backend
    case_id = followed.output.get("caseId") or followed.params.get("caseId")
    profiles = store.get(backend.account, backend.region) if store is not None else None  # makes none
    if profiles is None or not profiles.domains or not case_id:
        return  # no profile to stand for the case, none holding it: nothing to link or unlink
    where = {"account": backend.account, "region": backend.region}
    if followed.operation == "DeleteCase":
        case_deleted(store, case_id, **where)
        return
    from cases_mock._engine.dispatch import read

    params = {
        "domainId": followed.params["domainId"],
        "caseId": case_id,
        "fields": [{"id": f} for f in _FIELDS],
    }
    found = read(backend, "GetCase", params, "cases-link")
    values = {item["id"]: next(iter(item["value"].values()), None) for item in found.get("fields", [])}
    summary = CaseSummary(
        case_id,
        title=values.get("title"),
        status=values.get("status"),
        summary=values.get("summary"),
        created=_when(values.get("created_datetime")),
        updated=_when(values.get("last_updated_datetime")),
    )
    case_written(store, values.get("customer_id"), summary, **where)
