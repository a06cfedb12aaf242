"""The records every resource module shares: the data model of one domain.

Field values of cases (and of custom related items) are stored as plain Python scalars keyed
by field id: ``str`` for Text, Url, SingleSelect (the option value), DateTime (normalised
ISO-8601, see ``values.py``) and User (the user ARN); ``float`` for Number; ``bool`` for
Boolean. A field with no value is simply absent. ``values.py`` converts to and from the wire
unions using the field's type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cases_mock._services.connectcases.backend.idempotency import TokenReplies
from cases_mock._services.connectcases.backend.layout_records import LayoutContent
from cases_mock._services.connectcases.backend.related_records import RelatedContent, User
from cases_mock._services.connectcases.backend.rule_records import RuleDetails
from cases_mock._services.connectcases.backend.scalar import Scalar as Scalar  # the one definition
from cases_mock._services.connectcases.backend.settings_records import (
    EventSettings,
    FieldAttributes,
    LayoutConfiguration,
    TagPropagation,
    TemplateRule,
)


def named(name: str, resource_id: str) -> str:
    """How messages name a resource: its name beside its id, e.g. ``'Priority' (eb43dcf0-…)``."""
    return f"{name!r} ({resource_id})"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _deleted(deleted: bool) -> str:
    return " deleted" if deleted else ""


@dataclass(slots=True)
class FieldOption:
    name: str
    value: str
    active: bool = True

    def __repr__(self) -> str:
        return f"<FieldOption {self.value!r} {self.name!r}{'' if self.active else ' inactive'}>"


@dataclass(slots=True)
class Field:
    field_id: str
    name: str
    arn: str
    type: str  # Text | Number | Boolean | DateTime | SingleSelect | Url | User
    namespace: str  # System | Custom
    created_time: datetime
    last_modified_time: datetime
    seq: int
    description: str | None = None
    attributes: FieldAttributes | None = None
    deleted: bool = False
    tags: dict[str, str] = field(default_factory=dict)
    options: dict[str, FieldOption] = field(default_factory=dict)  # by option value, in order

    @property
    def label(self) -> str:
        """The field's name beside its id, for messages."""
        return named(self.name, self.field_id)

    def __repr__(self) -> str:
        options = f", {_count(len(self.options), 'option')}" if self.options else ""
        return f"<Field {self.label} {self.type} {self.namespace}{options}{_deleted(self.deleted)}>"


@dataclass(slots=True)
class Layout:
    layout_id: str
    name: str
    arn: str
    content: LayoutContent
    created_time: datetime
    last_modified_time: datetime
    seq: int
    deleted: bool = False
    tags: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The layout's name beside its id, for messages."""
        return named(self.name, self.layout_id)

    def __repr__(self) -> str:
        return f"<Layout {self.label}{_deleted(self.deleted)}>"


@dataclass(slots=True)
class Template:
    template_id: str
    name: str
    arn: str
    created_time: datetime
    last_modified_time: datetime
    seq: int
    status: str = "Active"  # Active | Inactive
    description: str | None = None
    layout_configuration: LayoutConfiguration | None = None
    required_fields: list[str] = field(default_factory=list)  # field ids
    rules: tuple[TemplateRule, ...] = ()
    tag_propagation: tuple[TagPropagation, ...] = ()
    deleted: bool = False
    tags: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The template's name beside its id, for messages."""
        return named(self.name, self.template_id)

    def __repr__(self) -> str:
        return (
            f"<Template {self.label} {self.status}: {_count(len(self.required_fields), 'required field')}, "
            f"{_count(len(self.rules), 'rule')}{_deleted(self.deleted)}>"
        )


@dataclass(slots=True)
class CaseRule:
    case_rule_id: str
    name: str
    arn: str
    rule: RuleDetails
    created_time: datetime
    last_modified_time: datetime
    seq: int
    description: str | None = None
    deleted: bool = False
    tags: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The case rule's name beside its id, for messages."""
        return named(self.name, self.case_rule_id)

    def __repr__(self) -> str:
        return f"<CaseRule {self.label} {self.rule.kind}{_deleted(self.deleted)}>"


@dataclass(slots=True)
class AuditField:
    field_id: str
    new: Scalar | None  # None: emptyValue
    old: Scalar | None = None
    has_old: bool = False  # False: oldValue is omitted

    def __repr__(self) -> str:
        old = f"{self.old!r} -> " if self.has_old else ""
        return f"<AuditField {self.field_id} {old}{self.new!r}>"


@dataclass(slots=True)
class AuditEvent:
    event_id: str
    type: str  # Case.Created | Case.Updated | RelatedItem.* | Case.Merged
    performed_time: datetime
    seq: int
    fields: list[AuditField] = field(default_factory=list)
    # Case.Created: the case's first values dict itself (shared, never copied), whose items are
    # the event's fields (newValue only). Hence ``Case.values`` is replaced, never mutated.
    snapshot: dict[str, Scalar] | None = None
    related_item_type: str | None = None
    iam_principal_arn: str | None = None
    user: User | None = None  # performedBy.user
    merge_metadata: dict[str, str] | None = None

    def __repr__(self) -> str:
        changed = len(self.snapshot) if self.snapshot is not None else len(self.fields)
        return f"<AuditEvent {self.type} {self.performed_time.isoformat()}: {_count(changed, 'field')}>"


@dataclass(slots=True)
class RelatedItem:
    """A related item of a case. ``content`` is what the item was created with (an SLA's status
    is computed when read, from the members below)."""

    related_item_id: str
    case_id: str
    arn: str
    type: str  # Contact | Comment | File | Sla | ConnectCase | Custom
    content: RelatedContent
    association_time: datetime
    seq: int
    created_by: User | None = None  # the creator's performedBy.user
    last_updated_user: User | None = None
    tags: dict[str, str] = field(default_factory=dict)
    # Sla only
    target_time: datetime | None = None
    targets: list[Scalar] | None = None  # stored forms of targetFieldValues
    completion_time: datetime | None = None
    # Contact only
    channel: str | None = None
    connected_time: datetime | None = None

    def __repr__(self) -> str:
        return f"<RelatedItem {self.type} {self.related_item_id} of case {self.case_id}>"


@dataclass(slots=True)
class Case:
    """One case. ``values`` is replaced by every write, never mutated in place (see AuditEvent)."""

    case_id: str
    domain_arn: str  # the domain's own ARN string, shared by its cases
    template_id: str
    seq: int
    values: dict[str, Scalar] = field(default_factory=dict)  # field id -> value
    tags: dict[str, str] = field(default_factory=dict)
    audit: list[AuditEvent] = field(default_factory=list)  # oldest first
    related_items: dict[str, RelatedItem] = field(default_factory=dict)  # in association order
    merged_into: str | None = None  # set on a secondary case once merged into that primary
    merge_event_id: str | None = None

    @property
    def arn(self) -> str:
        return f"{self.domain_arn}/case/{self.case_id}"

    def __repr__(self) -> str:
        merged = f", merged into {self.merged_into}" if self.merged_into else ""
        return (
            f"<Case {self.case_id} template {self.template_id}: {_count(len(self.values), 'value')}, "
            f"{_count(len(self.related_items), 'related item')}, "
            f"{_count(len(self.audit), 'audit event')}{merged}>"
        )


@dataclass(slots=True)
class DomainData:
    """Everything below one domain, by id, each dict in creation order."""

    fields: dict[str, Field] = field(default_factory=dict)
    layouts: dict[str, Layout] = field(default_factory=dict)
    templates: dict[str, Template] = field(default_factory=dict)
    case_rules: dict[str, CaseRule] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    event_configuration: EventSettings | None = None
    reference_numbers: dict[str, str] = field(default_factory=dict)  # lower-case ref -> case id
    # clientToken replies (backend/idempotency.py), exported with the cases they name
    client_tokens: TokenReplies = field(default_factory=TokenReplies)  # CreateCase: reply is the case id
    batch_replies: TokenReplies = field(default_factory=TokenReplies)  # "<operation>:<token>" -> outcome
    deleted_counts: dict[str, int] = field(default_factory=dict)  # "field"/"layout"/"template" -> n
    search_index: Any = None  # a search_index.SearchIndex, built by searches; never exported
    # Cases whose values were replaced, created or deleted since the search index last looked;
    # every backend method that replaces Case.values adds the case here (never more of them than
    # there are cases: past that, touch drops the index and the next search rebuilds it).
    dirty_cases: set[str] = field(default_factory=set)
    lag: Any = None  # a search_lag.SearchLag while a search delay is set; never exported
    search_items: Any = None  # SearchCases' answer per case (search_items.SearchItems); never exported

    def touch(self, case_id: str) -> None:
        """Marks a case created, deleted or given new values (for the search index, if any,
        and the lagging view of searches, if any)."""
        if self.search_index is not None:
            dirty = self.dirty_cases
            dirty.add(case_id)
            if len(dirty) > len(self.cases):  # writes outnumber the cases: rebuilding costs less
                self.search_index = None
                dirty.clear()
        if self.lag is not None:
            self.lag.record(case_id, self.cases.get(case_id))

    def is_deleted_field(self, field_id: str) -> bool:
        """Whether ``field_id`` names a field deleted since: answers that list field ids omit it
        (the DeleteField page; docs/behaviour.md#deleted-fields-in-answers)."""
        found = self.fields.get(field_id)
        return found is not None and found.deleted

    def field_label(self, field_id: str) -> str:
        """How messages name field ``field_id``: its name beside its id (the id alone if unknown)."""
        found = self.fields.get(field_id)
        return found.label if found is not None else repr(field_id)

    def summary(self) -> str:
        """How many fields, layouts, templates, case rules and cases the domain holds."""
        return (
            f"{_count(len(self.fields), 'field')}, {_count(len(self.layouts), 'layout')}, "
            f"{_count(len(self.templates), 'template')}, {_count(len(self.case_rules), 'case rule')}, "
            f"{_count(len(self.cases), 'case')}"
        )

    def __repr__(self) -> str:
        return f"<DomainData: {self.summary()}>"


@dataclass(slots=True)
class Domain:
    """A domain: the aggregate whose ``data`` holds its fields, layouts, templates, case rules and cases."""

    domain_id: str
    name: str
    arn: str
    created_time: datetime
    seq: int
    status: str = "Active"
    tags: dict[str, str] = field(default_factory=dict)
    data: DomainData = field(default_factory=DomainData)

    def __repr__(self) -> str:
        return f"<Domain {named(self.name, self.domain_id)} {self.status}: {self.data.summary()}>"
