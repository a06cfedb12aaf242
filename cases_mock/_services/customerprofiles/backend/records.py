"""The stored records of Customer Profiles, as plain dataclasses (no wire forms).

A ``Domain`` is the aggregate: it holds its profiles, object types, objects, integrations and
history records, so deleting a domain deletes everything in it. Standard profile fields are kept
under the standard profile's own field names (``FirstName``, ``Address``...), the names object
type targets use (``_profile.FirstName``), not as request members.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(slots=True)
class Profile:
    profile_id: str
    seq: int
    created_at: datetime
    fields: dict[str, Any] = field(default_factory=dict)
    # Keys added by AddProfileKey or by ingestion: key name -> values as given.
    keys: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FieldDef:
    """One field of an object type: where its value comes from and where it goes."""

    source: str
    target: str | None
    content_type: str


@dataclass(frozen=True, slots=True)
class KeyDef:
    """One definition of a key: its standard identifiers and the fields whose values make it."""

    identifiers: tuple[str, ...]
    field_names: tuple[str, ...]


@dataclass(slots=True)
class ObjectTypeSpec:
    """What an object type or a template defines for ingestion."""

    allow_profile_creation: bool = False
    timestamp_format: str | None = None
    fields: dict[str, FieldDef] = field(default_factory=dict)
    keys: dict[str, list[KeyDef]] = field(default_factory=dict)


@dataclass(slots=True)
class ObjectType:
    name: str
    arn: str
    description: str
    created_at: datetime
    last_updated_at: datetime
    spec: ObjectTypeSpec
    template_id: str | None = None
    expiration_days: int | None = None
    encryption_key: str | None = None
    max_profile_object_count: int | None = None
    source_priority: int | None = None
    tags: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Template:
    """A sample object type template (mock data, not the service's list)."""

    template_id: str
    source_name: str
    source_object: str
    spec: ObjectTypeSpec


@dataclass(slots=True)
class ProfileObject:
    unique_key: str
    object_type: str
    profile_id: str
    seq: int
    content: dict[str, Any]
    # Key name -> values of this object, for ListProfileObjects' ObjectFilter.
    index: dict[str, list[str]] = field(default_factory=dict)
    # The value of the UNIQUE key (or the case id of a ``_case``): one object per value.
    identity: str = ""


@dataclass(slots=True)
class Integration:
    uri: str
    arn: str
    created_at: datetime
    last_updated_at: datetime
    object_type_name: str | None = None
    object_type_names: dict[str, str] = field(default_factory=dict)
    role_arn: str | None = None
    event_trigger_names: list[str] = field(default_factory=list)
    scope: str | None = None
    workflow_id: str | None = None
    tags: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class HistoryRecord:
    record_id: str
    profile_id: str
    seq: int
    object_type_name: str
    action_type: str
    created_at: datetime
    content: str
    performed_by: str | None = None
    unique_key: str | None = None


@dataclass(slots=True)
class DomainSettings:
    """The settings CreateDomain and UpdateDomain take, stored and echoed (not simulated)."""

    default_expiration_days: int
    default_encryption_key: str | None = None
    dead_letter_queue_url: str | None = None
    # Matching, RuleBasedMatching and DataStore: stored as given and echoed; their jobs do not run.
    matching: dict[str, Any] | None = None
    rule_based_matching: dict[str, Any] | None = None
    data_store: dict[str, Any] | None = None


@dataclass(slots=True)
class Domain:
    name: str
    arn: str
    seq: int
    created_at: datetime
    last_updated_at: datetime
    settings: DomainSettings
    tags: dict[str, str] = field(default_factory=dict)
    profiles: dict[str, Profile] = field(default_factory=dict)
    object_types: dict[str, ObjectType] = field(default_factory=dict)
    objects: dict[str, ProfileObject] = field(default_factory=dict)
    integrations: dict[str, Integration] = field(default_factory=dict)
    history: list[HistoryRecord] = field(default_factory=list)
    # Key name -> content type, from object types' key fields (keys.py normalises by it).
    key_types: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        return (
            f"<Domain {self.name}: {len(self.profiles)} profile(s), "
            f"{len(self.object_types)} object type(s), {len(self.objects)} object(s)>"
        )
