"""The configuration resources' one store: what fields, layouts, templates and case rules share.

Each kind (``FIELDS``, ``LAYOUTS``, ``TEMPLATES``, ``CASE_RULES``) names its table in
``DomainData``, its record and how messages call it; ``get``, ``live``, ``check_name`` and
``batch_get`` are written once for all four. ``ConfigurationStore`` is a kind's store over a
backend's domains: get, batch get and list, and the parts of create (a free name, room under the
quota, the new record with its id, ARN, times and sequence number), update (no update of a deleted
one, a free new name, the attributes given) and delete that every kind shares; each component
(``backend.fields``, ``.layouts``, ``.templates``, ``.case_rules``) extends it with its own
checks. A deleted resource stays in its table (flagged ``deleted``): found by id, left out of
lists and of name uniqueness.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

from cases_mock._services.connectcases.backend.core import BackendCore
from cases_mock._services.connectcases.backend.records import CaseRule, DomainData, Field, Layout, Template
from cases_mock._services.connectcases.errors import (
    ConflictException,
    ServiceQuotaExceededException,
    ValidationException,
    not_found,
)
from cases_mock._services.connectcases.ids import cases_arn, new_id


class ConfigurationRecord(Protocol):
    name: str
    arn: str
    deleted: bool
    seq: int
    last_modified_time: datetime

    @property
    def label(self) -> str: ...


R = TypeVar("R", bound=ConfigurationRecord)


@dataclass(frozen=True, slots=True)
class Kind(Generic[R]):
    """One configuration resource kind: its names, its table and its record."""

    noun: str  # as messages name one: "field", "case rule" (and its key in ``deleted_counts``)
    record: Callable[..., R]  # the record class
    table: Callable[[DomainData], dict[str, R]]
    quota_noun: str = ""  # what its quota counts, as the message names it (empty: the noun's plural)
    counted: Callable[[R], bool] | None = None  # which live ones the quota counts (None: all)
    deletions_counted: bool = True  # whether deleting one counts in ``deleted_counts``

    @property
    def resource(self) -> str:
        """As ResourceNotFoundException names it: "Field", "CaseRule"."""
        return self.noun.title().replace(" ", "")

    @property
    def id_member(self) -> str:
        """The record's id member: "field_id", "case_rule_id"."""
        return self.noun.replace(" ", "_") + "_id"

    @property
    def counted_as(self) -> str:
        """What its quota counts, as the messages name it: "layouts", "custom fields"."""
        return self.quota_noun or self.noun + "s"

    def get(self, data: DomainData, resource_id: str) -> R:
        """The resource (deleted or not); ResourceNotFoundException when there is no such id."""
        found = self.table(data).get(resource_id)
        if found is None:
            raise not_found(self.resource, resource_id)
        return found

    def live(self, data: DomainData) -> list[R]:
        """The resources not deleted, in creation order."""
        return sorted((r for r in self.table(data).values() if not r.deleted), key=lambda r: r.seq)

    def check_name(self, data: DomainData, name: str, except_id: str | None = None) -> None:
        """ConflictException when another resource not deleted has ``name``."""
        for resource_id, existing in self.table(data).items():
            if not existing.deleted and existing.name == name and resource_id != except_id:
                raise ConflictException(f"A {self.noun} named {name!r} already exists in this domain")

    def batch_get(self, data: DomainData, ids: list[str]) -> tuple[list[R], list[str]]:
        """The resources found (deleted ones included), in request order, and the ids not found."""
        table = self.table(data)
        found: list[R] = []
        missing: list[str] = []
        for resource_id in dict.fromkeys(ids):
            resource = table.get(resource_id)
            if resource is None:
                missing.append(resource_id)
            else:
                found.append(resource)
        return found, missing

    def arn(self, core: BackendCore, domain_id: str, resource_id: str) -> str:
        """The resource's ARN: ``...:domain/<domain id>/case-rule/<id>``."""
        kind = self.noun.replace(" ", "-")
        return cases_arn(core.region, core.account, f"domain/{domain_id}/{kind}/{resource_id}")


FIELDS: Kind[Field] = Kind(
    "field",
    Field,
    lambda data: data.fields,
    quota_noun="custom fields",
    counted=lambda field: field.namespace == "Custom",
)
LAYOUTS: Kind[Layout] = Kind("layout", Layout, lambda data: data.layouts)
TEMPLATES: Kind[Template] = Kind("template", Template, lambda data: data.templates)
CASE_RULES: Kind[CaseRule] = Kind(
    "case rule", CaseRule, lambda data: data.case_rules, deletions_counted=False
)


class ConfigurationStore(Generic[R]):
    """One kind's operations over a backend's domains; callers of the parts (``_add``,
    ``_change``...) hold the backend's lock."""

    def __init__(self, core: BackendCore, kind: Kind[R]) -> None:
        self.core = core
        self.kind = kind

    def get(self, domain_id: str, resource_id: str) -> R:
        """The resource (deleted or not); ResourceNotFoundException when the domain has no such id."""
        return self.kind.get(self.core.domain(domain_id).data, resource_id)

    def batch_get(self, domain_id: str, ids: list[str]) -> tuple[list[R], list[str]]:
        """The resources found (deleted ones included), in request order, and the ids not found."""
        return self.kind.batch_get(self.core.domain(domain_id).data, ids)

    def live(self, domain_id: str) -> list[R]:
        """The resources not deleted, in creation order."""
        return self.kind.live(self.core.domain(domain_id).data)

    def _add(self, domain_id: str, name: str, limit: int, **members: Any) -> R:
        """A new resource named ``name``, with its own ``members``, stored in the domain: once the
        name is free (ConflictException) and the domain has fewer than ``limit`` that the quota
        counts (ServiceQuotaExceededException)."""
        kind = self.kind
        data = self.core.domain(domain_id).data
        kind.check_name(data, name)
        counted = kind.live(data) if kind.counted is None else [r for r in kind.live(data) if kind.counted(r)]
        if len(counted) >= limit:
            raise ServiceQuotaExceededException(
                f"This domain already has {limit} {kind.counted_as}, the most it may have"
            )
        resource_id = new_id()
        now = self.core.clock.now()
        created = kind.record(
            **{kind.id_member: resource_id},
            name=name,
            arn=kind.arn(self.core, domain_id, resource_id),
            created_time=now,
            last_modified_time=now,
            seq=self.core.next_seq(),
            **members,
        )
        kind.table(data)[resource_id] = created
        return created

    def _refuse_deleted(self, existing: R, action: str) -> None:
        """ValidationException when ``existing`` is deleted (it cannot be ``action``: "updated")."""
        if existing.deleted:
            raise ValidationException(
                f"{self.kind.noun.capitalize()} {existing.label} is deleted and cannot be {action}"
            )

    def _updatable(self, domain_id: str, resource_id: str) -> R:
        """The resource an update acts on: it exists and is not deleted."""
        existing = self.get(domain_id, resource_id)
        self._refuse_deleted(existing, "updated")
        return existing

    def _change(self, data: DomainData, existing: R, name: str | None, **changes: Any) -> None:
        """Renames ``existing`` to ``name`` when given (a free name, else ConflictException) and
        sets each of ``changes`` that is given (not None); its last-modified time is now."""
        if name is not None:
            self.kind.check_name(data, name, except_id=getattr(existing, self.kind.id_member))
            existing.name = name
        for member, value in changes.items():
            if value is not None:
                setattr(existing, member, value)
        existing.last_modified_time = self.core.clock.now()

    def _mark_deleted(self, data: DomainData, existing: R) -> None:
        """Flags ``existing`` deleted now, counting it in ``deleted_counts`` if its kind does."""
        existing.deleted = True
        existing.last_modified_time = self.core.clock.now()
        if self.kind.deletions_counted:
            data.deleted_counts[self.kind.noun] = data.deleted_counts.get(self.kind.noun, 0) + 1

    def _delete_counted(self, domain_id: str, resource_id: str, limit: int) -> None:
        """Deletes the resource (nothing if it is deleted already), unless the domain has ``limit``
        deleted ones already (ValidationException naming how many)."""
        with self.core.lock:
            data = self.core.domain(domain_id).data
            existing = self.get(domain_id, resource_id)
            if existing.deleted:
                return
            deleted = data.deleted_counts.get(self.kind.noun, 0)
            if deleted >= limit:
                raise ValidationException(
                    f"This domain already has {deleted} deleted {self.kind.counted_as}, the most it may have"
                )
            self._mark_deleted(data, existing)
