"""Plain records of a related item's content, one per kind (the RelatedItemInputContent union:
Comment, Contact, File, Sla, ConnectCase, Custom), and of who acted (the UserUnion of
``performedBy``). ``wire_forms.py`` turns them to and from the API's shapes.

A Custom item's field values and an SLA's target values arrive as FieldValue unions that only
the field's type can read (``values.from_wire``), so they reach the backend as ``CustomInput``
and ``SlaInput``, which keep those unions as given; the backend checks them against the
domain's fields and stores ``Custom`` and ``Sla`` with plain values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from cases_mock._services.connectcases.backend.scalar import Scalar

Value = Scalar | None  # a stored field value, None for emptyValue
ValueUnion = dict[str, Any]  # a FieldValueUnion as the request gave it, read by values.from_wire


@dataclass(frozen=True, slots=True)
class User:
    """The ``user`` of ``performedBy`` (UserUnion): a Connect user ARN or a custom entity."""

    user_arn: str | None = None
    custom_entity: str | None = None


@dataclass(frozen=True, slots=True)
class Comment:
    type: ClassVar[str] = "Comment"
    body: str
    content_type: str


@dataclass(frozen=True, slots=True)
class Contact:
    type: ClassVar[str] = "Contact"
    contact_arn: str


@dataclass(frozen=True, slots=True)
class File:
    type: ClassVar[str] = "File"
    file_arn: str


@dataclass(frozen=True, slots=True)
class LinkedCase:
    """A ConnectCase item: another case of the domain."""

    type: ClassVar[str] = "ConnectCase"
    case_id: str


@dataclass(frozen=True, slots=True)
class Sla:
    """An SLA as it was given (``slaInputConfiguration``); its status and target time are the
    item's. ``target_values`` are the target field values in stored form, None for emptyValue."""

    type: ClassVar[str] = "Sla"
    name: str
    sla_type: str  # CaseField
    target_minutes: int
    field_id: str | None = None
    target_values: tuple[Value, ...] | None = None


@dataclass(frozen=True, slots=True)
class CustomValue:
    field_id: str
    value: Value


@dataclass(frozen=True, slots=True)
class Custom:
    type: ClassVar[str] = "Custom"
    fields: tuple[CustomValue, ...]


RelatedContent = Comment | Contact | File | LinkedCase | Sla | Custom


@dataclass(frozen=True, slots=True)
class SlaInput:
    """An SLA as the request gives it, its target values still unions."""

    type: ClassVar[str] = "Sla"
    name: str
    sla_type: str
    target_minutes: int
    field_id: str | None = None
    target_unions: tuple[ValueUnion, ...] | None = None


@dataclass(frozen=True, slots=True)
class CustomInput:
    """A custom item as the request gives it: (field id, value union) pairs."""

    type: ClassVar[str] = "Custom"
    fields: tuple[tuple[str, ValueUnion], ...]


@dataclass(frozen=True, slots=True)
class SlaUpdate:
    """UpdateRelatedItem's ``sla.slaUpdateConfiguration``: a new target."""

    type: ClassVar[str] = "Sla"
    target_minutes: int


InputContent = Comment | Contact | File | LinkedCase | SlaInput | CustomInput
UpdateContent = Comment | CustomInput | SlaUpdate
