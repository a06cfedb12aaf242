"""Fields, the system fields every domain starts with, and field options
(docs/behaviour.md#fields-and-field-options).

Names are unique per domain among fields not deleted. System fields can be neither updated nor
deleted. A deleted field stays readable through BatchGetField (``deleted: true``), leaves
ListFields, and takes no updates or options. Options are upserted by their exact value; they are
never removed, only deactivated; the two built-in ``status`` options cannot change. An option
value is alphanumeric with hyphens and underscores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cases_mock._services.connectcases.backend.configuration import FIELDS, ConfigurationStore
from cases_mock._services.connectcases.backend.core import BackendCore
from cases_mock._services.connectcases.backend.records import Domain, DomainData, Field, FieldOption
from cases_mock._services.connectcases.backend.settings_records import FieldAttributes
from cases_mock._services.connectcases.errors import (
    ServiceQuotaExceededException,
    ValidationException,
)

# (id, name, type) in the order the service lists them (SEMANTICS §7.2).
SYSTEM_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("assigned_queue", "Assigned queue", "Text"),
    ("assigned_user", "Assigned user", "Text"),
    ("case_id", "Case ID", "Text"),
    ("case_reason", "Case Reason", "SingleSelect"),
    ("created_by", "Created By", "User"),
    ("customer_id", "Customer", "Text"),
    ("last_closed_datetime", "Date/Time Closed", "DateTime"),
    ("created_datetime", "Date/Time Opened", "DateTime"),
    ("last_updated_datetime", "Date/Time Updated", "DateTime"),
    ("last_updated_user", "Last Updated User", "User"),
    ("reference_number", "Reference number", "Text"),
    ("status", "Status", "SingleSelect"),
    ("summary", "Summary", "Text"),
    ("title", "Title", "Text"),
    ("next_sla_breach_datetime", "Next SLA Breach", "DateTime"),
    ("last_reopened_datetime", "Date/Time Reopened", "DateTime"),
)
BUILT_IN_OPTIONS = {"status": (FieldOption("Open", "open"), FieldOption("Closed", "closed"))}
# FieldOption: a value "must be alphanumeric with hyphens and underscores" (ASCII letters and
# digits: the page names no other alphabet). The model's own pattern only forbids a trailing space.
OPTION_VALUE = re.compile(r"[A-Za-z0-9_-]+")


def seed_system_fields(backend: BackendCore, domain: Domain) -> None:
    """Gives a new domain the system fields (``create_domain`` calls it)."""
    for field_id, name, field_type in SYSTEM_FIELDS:
        options = {
            o.value: FieldOption(o.name, o.value, o.active) for o in BUILT_IN_OPTIONS.get(field_id, ())
        }
        domain.data.fields[field_id] = Field(
            field_id=field_id,
            name=name,
            arn=FIELDS.arn(backend, domain.domain_id, field_id),
            type=field_type,
            namespace="System",
            created_time=domain.created_time,
            last_modified_time=domain.created_time,
            seq=backend.next_seq(),
            options=options,
        )


@dataclass(slots=True)
class OptionError:
    value: str
    code: str
    message: str


def live_field(data: DomainData, field_id: str, path: str) -> Field:
    """The field ``field_id`` if it exists and is not deleted; else ValidationException at ``path``."""
    found = data.fields.get(field_id)
    if found is None:
        raise ValidationException(
            f"Invalid field id at '{path}': field {field_id!r} does not exist in this domain"
        )
    if found.deleted:
        raise ValidationException(f"Invalid field id at '{path}': field {found.label} is deleted")
    return found


def _stored(attributes: FieldAttributes | None) -> FieldAttributes | None:
    """What a field keeps of the attributes given: none when they set nothing."""
    return None if attributes is None or attributes == FieldAttributes() else attributes


def _check_attributes(field_type: str, attributes: FieldAttributes | None, field: str) -> None:
    """``attributes.text`` only on a Text field (``field``: how the message names the field)."""
    if attributes is not None and attributes.text is not None and field_type != "Text":
        raise ValidationException(
            f"Invalid attributes at 'attributes.text': field {field} is a {field_type} field, "
            "and text attributes apply to Text fields only"
        )


def _check_option_values(field: Field, options: list[dict[str, Any]]) -> None:
    """Every option value fits the FieldOption rule; else one ValidationException naming each."""
    bad = [
        f"{value!r} at 'options[{index}].value'"
        for index, option in enumerate(options)
        if not OPTION_VALUE.fullmatch(value := str(option["value"]))
    ]
    if bad:
        raise ValidationException(
            f"Invalid option value for field {field.label}: {', '.join(bad)}; an option value must be "
            "alphanumeric with hyphens and underscores"
        )


class Fields(ConfigurationStore[Field]):
    """Field and field option operations: ``backend.fields``."""

    def __init__(self, core: BackendCore) -> None:
        super().__init__(core, FIELDS)

    def create(
        self,
        domain_id: str,
        name: str,
        field_type: str,
        description: str | None = None,
        attributes: FieldAttributes | None = None,
    ) -> Field:
        with self.core.lock:
            _check_attributes(field_type, attributes, repr(name))
            return self._add(
                domain_id,
                name,
                self.core.quotas.fields_per_domain,
                type=field_type,
                namespace="Custom",
                description=description,
                attributes=_stored(attributes),
            )

    def _changeable(self, domain_id: str, field_id: str, action: str) -> Field:
        existing = self.get(domain_id, field_id)
        if existing.namespace == "System":
            raise ValidationException(f"Field {existing.label} is a System field and cannot be {action}")
        self._refuse_deleted(existing, action)
        return existing

    def update(
        self,
        domain_id: str,
        field_id: str,
        *,
        name: str | None = None,
        description: str | None = None,
        attributes: FieldAttributes | None = None,
    ) -> None:
        with self.core.lock:
            data = self.core.domain(domain_id).data
            existing = self._changeable(domain_id, field_id, "updated")
            _check_attributes(existing.type, attributes, existing.label)
            self._change(data, existing, name, description=description)
            if attributes is not None:
                existing.attributes = _stored(attributes)

    def delete(self, domain_id: str, field_id: str) -> None:
        with self.core.lock:
            data = self.core.domain(domain_id).data
            existing = self._changeable(domain_id, field_id, "deleted")
            limit = self.core.quotas.deleted_fields_per_domain
            if data.deleted_counts.get("field", 0) >= limit:
                raise ServiceQuotaExceededException(
                    f"This domain already has {limit} deleted fields, the most it may have"
                )
            self._mark_deleted(data, existing)

    def put_options(self, domain_id: str, field_id: str, options: list[dict[str, Any]]) -> list[OptionError]:
        """Upserts ``options`` by value; returns the options refused (the others are applied)."""
        with self.core.lock:
            existing = self.get(domain_id, field_id)
            if existing.deleted:
                raise ValidationException(f"Field {existing.label} is deleted and takes no options")
            if existing.type != "SingleSelect":
                raise ValidationException(
                    f"Field {existing.label} is a {existing.type} field; "
                    "only SingleSelect fields have options"
                )
            _check_option_values(existing, options)
            wanted: dict[str, FieldOption] = {}
            errors: list[OptionError] = []
            built_in = {o.value: o for o in BUILT_IN_OPTIONS.get(field_id, ())}
            for index, option in enumerate(options):
                value = str(option["value"])
                proposed = FieldOption(str(option["name"]), value, bool(option["active"]))
                fixed = built_in.get(value)
                if fixed is not None and (proposed.name, proposed.active) != (fixed.name, fixed.active):
                    errors.append(
                        OptionError(
                            value,
                            "ValidationException",
                            f"options[{index}]: the built-in option {value!r} of field {existing.label} "
                            "cannot change",
                        )
                    )
                    continue
                wanted[value] = proposed
            total = len(existing.options) + sum(1 for value in wanted if value not in existing.options)
            limit = self.core.quotas.options_per_field
            if total > limit:
                raise ServiceQuotaExceededException(
                    f"Field {existing.label} would have {total} options; the most a field may have is {limit}"
                )
            for value, chosen in wanted.items():
                existing.options[value] = chosen
            if wanted:
                existing.last_modified_time = self.core.clock.now()
            return errors

    def list_options(
        self, domain_id: str, field_id: str, values: list[str] | None
    ) -> list[tuple[int, FieldOption]]:
        """(position, option) pairs in insertion order, narrowed to ``values`` when given."""
        existing = self.get(domain_id, field_id)
        pairs = list(enumerate(existing.options.values()))
        if values:
            pairs = [(i, o) for i, o in pairs if o.value in values]
        return pairs
