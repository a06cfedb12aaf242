"""The configuration resources' one store: what fields, layouts, templates and case rules share.

Each kind (``FIELDS``, ``LAYOUTS``, ``TEMPLATES``, ``CASE_RULES``) names its table in
``DomainData`` and how messages call it; ``get``, ``live``, ``check_name`` and ``batch_get``
are written once for all four. A deleted resource stays in its table (flagged ``deleted``):
found by id, left out of lists and of name uniqueness.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from cases_mock._services.connectcases.backend.records import CaseRule, DomainData, Field, Layout, Template
from cases_mock._services.connectcases.errors import ConflictException, not_found


class ConfigurationRecord(Protocol):
    name: str
    deleted: bool
    seq: int


R = TypeVar("R", bound=ConfigurationRecord)


@dataclass(frozen=True, slots=True)
class Kind(Generic[R]):
    """One configuration resource kind: its table and its names in messages."""

    resource: str  # as ResourceNotFoundException names it: "Field", "CaseRule"
    noun: str  # as a name conflict names it: "field", "case rule"
    table: Callable[[DomainData], dict[str, R]]

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


FIELDS: Kind[Field] = Kind("Field", "field", lambda data: data.fields)
LAYOUTS: Kind[Layout] = Kind("Layout", "layout", lambda data: data.layouts)
TEMPLATES: Kind[Template] = Kind("Template", "template", lambda data: data.templates)
CASE_RULES: Kind[CaseRule] = Kind("CaseRule", "case rule", lambda data: data.case_rules)
