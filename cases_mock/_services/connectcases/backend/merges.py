"""Merging cases (docs/behaviour.md#merging-cases): StartMergeCases and GetMergeCasesStatus.

Merges complete synchronously inside StartMergeCases, so no case is ever held by a running
merge. Every precondition is checked before anything changes. Afterwards the primary holds the
chosen field values and the moved related items, each case links the other with a ConnectCase
item, the secondary is closed and can never be merged again, and both audit histories record a
Case.Updated (when values changed) and a Case.Merged event sharing one ``mergeEventId``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cases_mock._services.connectcases.backend.audit import Performer, append_audit
from cases_mock._services.connectcases.backend.changes import case_changed, related_item_created
from cases_mock._services.connectcases.backend.core import BackendCore
from cases_mock._services.connectcases.backend.records import (
    AuditField,
    Case,
    DomainData,
    RelatedItem,
    Scalar,
)
from cases_mock._services.connectcases.backend.related_records import Contact, LinkedCase
from cases_mock._services.connectcases.backend.rule_engine import check_case
from cases_mock._services.connectcases.backend.slas import refresh_slas
from cases_mock._services.connectcases.backend.values import datetime_value
from cases_mock._services.connectcases.errors import (
    ConflictException,
    ServiceQuotaExceededException,
    ValidationException,
    not_found,
)
from cases_mock._services.connectcases.ids import new_id

MERGEABLE_SYSTEM = frozenset({"assigned_queue", "assigned_user", "summary", "case_reason"})
MOVABLE = {"comment": "Comment", "connectCase": "ConnectCase", "contact": "Contact", "custom": "Custom"}


def _invalid(path: str, why: str) -> ValidationException:
    return ValidationException(f"Invalid value at '{path}': {why}")


def _mergeable(data: DomainData, field_id: str) -> bool:
    found = data.fields.get(field_id)
    return found is not None and (found.namespace == "Custom" or field_id in MERGEABLE_SYSTEM)


def _links(case: Case) -> set[str]:
    """The ids of the cases ``case`` links to with ConnectCase items."""
    return {i.content.case_id for i in case.related_items.values() if isinstance(i.content, LinkedCase)}


def _link(backend: BackendCore, owner: Case, other: Case, performer: Performer) -> RelatedItem:
    item_id = new_id()
    item = RelatedItem(
        related_item_id=item_id,
        case_id=owner.case_id,
        arn=f"{owner.arn}/related-item/{item_id}",
        type="ConnectCase",
        content=LinkedCase(other.case_id),
        association_time=backend.clock.now(),
        seq=backend.next_seq(),
        created_by=performer.user,
    )
    owner.related_items[item_id] = item
    return item


@dataclass(slots=True)
class _ItemPlan:
    moved: list[RelatedItem] = field(default_factory=list)
    dropped: list[RelatedItem] = field(default_factory=list)
    gained: list[tuple[RelatedItem, dict[str, str]]] = field(default_factory=list)


class Merges:
    """StartMergeCases, GetMergeCasesStatus: ``backend.merges``."""

    def __init__(self, core: BackendCore) -> None:
        self.core = core

    def _merged_values(
        self, data: DomainData, primary: Case, secondary: Case, chosen: list[str]
    ) -> dict[str, Scalar]:
        values = dict(primary.values)
        for field_id, value in secondary.values.items():
            if not _mergeable(data, field_id):
                continue
            if field_id in chosen or field_id not in values:
                values[field_id] = value
        for field_id in chosen:
            if field_id not in secondary.values:
                values.pop(field_id, None)
        return values

    def _item_plan(self, primary: Case, secondary: Case, kinds: dict[str, Any]) -> _ItemPlan:
        """Which of the secondary's items move, which are dropped, which tags the primary gains.

        A link to a case the primary already links to (or to the primary itself) is removed,
        not moved; a contact related to both cases stays on the primary, whose newest item for
        that contact gains the tag keys only the secondary's item had
        (https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_RelatedItemsConfiguration.html).
        """
        wanted = {MOVABLE[key] for key, on in kinds.items() if on and key in MOVABLE}
        linked = {primary.case_id} | _links(primary)
        contacts: dict[str, RelatedItem] = {}
        for item in sorted(primary.related_items.values(), key=lambda i: i.seq):
            if isinstance(item.content, Contact):
                contacts[item.content.contact_arn] = item
        plan = _ItemPlan()
        for item in secondary.related_items.values():
            if item.type not in wanted:
                continue
            content = item.content
            if isinstance(content, LinkedCase) and content.case_id in linked:
                plan.dropped.append(item)
            elif isinstance(content, Contact) and content.contact_arn in contacts:
                kept = contacts[content.contact_arn]
                extra = {k: v for k, v in item.tags.items() if k not in kept.tags}
                plan.gained.append((kept, extra))
                plan.dropped.append(item)
            else:
                plan.moved.append(item)
        return plan

    def start(
        self,
        domain_id: str,
        primary_id: str,
        secondary_ids: list[str],
        performer: Performer,
        *,
        fields_configuration: list[dict[str, Any]] | None = None,
        related_items: dict[str, Any] | None = None,
    ) -> str:
        """Merges the secondary case into the primary; returns the merge event id."""
        with self.core.lock:
            data = self.core.domain(domain_id).data
            primary = self.core.case(domain_id, primary_id)
            secondary_id = secondary_ids[0]
            secondary = data.cases.get(secondary_id)
            if secondary is None:
                raise not_found("Case", secondary_id)
            if secondary_id == primary_id:
                raise _invalid("secondaryCaseIds[0]", "a case cannot be merged into itself")
            for role, case in (("primary", primary), ("secondary", secondary)):
                if case.merged_into is not None:
                    raise ConflictException(
                        f"The {role} case {case.case_id!r} was already merged into another case"
                    )
                if case.values.get("status") == "closed":
                    raise _invalid(
                        "caseId" if role == "primary" else "secondaryCaseIds[0]", f"the {role} case is closed"
                    )
            customers = (primary.values.get("customer_id"), secondary.values.get("customer_id"))
            if all(customers) and customers[0] != customers[1]:
                raise _invalid("secondaryCaseIds[0]", "the two cases belong to different customers")
            chosen: list[str] = []
            if len(fields_configuration or []) > 1:
                raise _invalid("fieldsConfiguration", "give at most one entry, for the secondary case")
            for index, entry in enumerate(fields_configuration or []):
                if entry["sourceCaseId"] != secondary_id:
                    raise _invalid(f"fieldsConfiguration[{index}].sourceCaseId", "must be the secondary case")
                for f_index, identifier in enumerate(entry["fieldIds"]):
                    field_id = str(identifier["id"])
                    path = f"fieldsConfiguration[{index}].fieldIds[{f_index}].id"
                    label = data.field_label(field_id)
                    if not _mergeable(data, field_id):
                        raise _invalid(path, f"field {label} cannot be merged")
                    if field_id in chosen:
                        raise _invalid(path, f"field {label} is listed more than once")
                    if field_id not in secondary.values:
                        raise _invalid(path, f"the secondary case has no value for field {label}")
                    chosen.append(field_id)
            values = self._merged_values(data, primary, secondary, chosen)
            most = self.core.quotas.field_values_per_merged_case
            if len(values) > most:
                raise _invalid("caseId", f"the merged case would hold more than {most} field values")
            template = data.templates.get(primary.template_id)
            if template is not None:
                check_case(data, template, values)
            plan = self._item_plan(primary, secondary, related_items or {})
            limit = self.core.quotas.related_items_per_case
            if (
                len(primary.related_items) + len(plan.moved) + 1 > limit
                or len(secondary.related_items) + 1 > limit
            ):
                raise ServiceQuotaExceededException(f"The merge would take a case over {limit} related items")

            before = (primary.values, secondary.values)  # replaced below, never mutated
            event_id = new_id()
            metadata = {
                "mergeEventId": event_id,
                "primaryCaseId": primary_id,
                "secondaryCaseId": secondary_id,
            }
            now = datetime_value(self.core.clock.now())
            changed = [k for k in values if primary.values.get(k) != values.get(k)]
            changed += [k for k in primary.values if k not in values]
            if changed:
                audit = [
                    AuditField(k, values.get(k), old=primary.values.get(k), has_old=k in primary.values)
                    for k in changed
                ]
                primary.values = {**values, "last_updated_datetime": now}
                append_audit(self.core, primary, "Case.Updated", performer, audit, merge_metadata=metadata)
            for item in plan.moved:
                del secondary.related_items[item.related_item_id]
                item.case_id = primary_id
                item.arn = f"{primary.arn}/related-item/{item.related_item_id}"
                primary.related_items[item.related_item_id] = item
            for item in plan.dropped:
                del secondary.related_items[item.related_item_id]
            for kept, extra in plan.gained:
                kept.tags = {**kept.tags, **extra}
            links: list[tuple[Case, RelatedItem]] = []  # (case, new link), for the events
            for owner, other in ((primary, secondary), (secondary, primary)):
                if other.case_id not in _links(owner):
                    links.append((owner, _link(self.core, owner, other, performer)))
            old_status = secondary.values.get("status")
            secondary.values = {
                **secondary.values,
                "status": "closed",
                "last_closed_datetime": now,
                "last_updated_datetime": now,
            }
            secondary.merged_into, secondary.merge_event_id = primary_id, event_id
            status_change = [AuditField("status", "closed", old=old_status, has_old=old_status is not None)]
            append_audit(
                self.core, secondary, "Case.Updated", performer, status_change, merge_metadata=metadata
            )
            for case in (primary, secondary):
                append_audit(self.core, case, "Case.Merged", performer, merge_metadata=metadata)
                refresh_slas(self.core, case)
            data.touch(primary_id)
            data.touch(secondary_id)
            case_changed(
                self.core.changes, data, primary, "CASE.UPDATED", performer, self.core.clock.now(), before[0]
            )
            for case, item in links:
                related_item_created(self.core.changes, data, case, item, performer, self.core.clock.now())
            case_changed(
                self.core.changes,
                data,
                secondary,
                "CASE.UPDATED",
                performer,
                self.core.clock.now(),
                before[1],
            )
            return event_id

    def status(self, domain_id: str, case_id: str) -> Case:
        """The secondary case of a completed merge; ResourceNotFoundException for any other case."""
        case = self.core.case(domain_id, case_id)
        if case.merged_into is None:
            raise not_found("Case", case_id)
        return case
