"""Cases (docs/behaviour.md#cases): create, read, partial update, delete, batch update.

Every write validates the whole request first and writes nothing when any part fails: field
ids, value types (``values.from_wire``), options, read-only system fields, then the template's
required fields and case rules (``rule_engine.check_case``) on the case as it will be after the
write, with the service-maintained fields still at their pre-write values. The service then
fills its own fields (ids, reference number, times, users) and appends an audit event.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from datetime import datetime
from json.encoder import c_make_encoder, encode_basestring_ascii  # type: ignore[attr-defined]
from typing import Any

from cases_mock._services.connectcases.backend.audit import Performer, append_audit
from cases_mock._services.connectcases.backend.changes import case_changed
from cases_mock._services.connectcases.backend.configuration import TEMPLATES
from cases_mock._services.connectcases.backend.core import BackendCore
from cases_mock._services.connectcases.backend.records import (
    AuditField,
    Case,
    DomainData,
    Field,
    Scalar,
)
from cases_mock._services.connectcases.backend.rule_engine import check_case
from cases_mock._services.connectcases.backend.slas import refresh_slas
from cases_mock._services.connectcases.backend.tags import check_tags
from cases_mock._services.connectcases.backend.values import datetime_value, from_wire
from cases_mock._services.connectcases.errors import ConflictException, ValidationException, not_found
from cases_mock._services.connectcases.ids import new_id

READ_ONLY = frozenset(
    {
        "case_id",
        "created_datetime",
        "created_by",
        "last_updated_datetime",
        "last_updated_user",
        "last_closed_datetime",
        "last_reopened_datetime",
        "next_sla_breach_datetime",
    }
)
# Filled by the service when a case is created (status "open" unless given, a generated reference
# number), so an update may change them but never empty them (docs/behaviour.md#cases).
ALWAYS_SET = frozenset({"status", "reference_number"})
TITLE_MAX = 500
REFERENCE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_REFERENCE_PAIRS = [a + b for a in REFERENCE_ALPHABET for b in REFERENCE_ALPHABET]
_RANDOM = random.Random()  # seeded from the OS; reference numbers need no cryptography


@dataclass(slots=True)
class FieldChange:
    """One field of a write request, resolved: its field and new value (None clears)."""

    field: Field
    value: Scalar | None
    path: str


@dataclass(slots=True)
class BatchOutcome:
    succeeded: list[Case] = field(default_factory=list)
    failed: list[tuple[dict[str, str], str, str]] = field(default_factory=list)  # (identifier, code, message)


# ``json.dumps(request, sort_keys=True, default=str)``'s own C encoder, made once (its markers,
# the check for circular input, are off: a request's parameters never refer to themselves).
_CANONICAL = (
    c_make_encoder(None, str, encode_basestring_ascii, None, ": ", ", ", True, False, True)
    if c_make_encoder is not None
    else None
)


def request_digest(request: dict[str, Any]) -> str:
    """A stable digest of a request body, for clientToken replays (kept in a saved state, so
    its form never changes: the SHA-256 of ``json.dumps(request, sort_keys=True, default=str)``)."""
    if _CANONICAL is None:  # a Python without the C accelerator
        text = json.dumps(request, sort_keys=True, default=str)
    else:
        text = "".join(_CANONICAL(request, 0))
    return hashlib.sha256(text.encode()).hexdigest()


def _random_reference() -> str:
    """Nine characters of ``REFERENCE_ALPHABET``, each as likely as the others: one random
    number below 36**9, written two digits at a time."""
    number, last = divmod(_RANDOM.randrange(36**9), 1296)
    number, third = divmod(number, 1296)
    number, second = divmod(number, 1296)
    first, pair = divmod(number, 1296)
    parts = (REFERENCE_ALPHABET[first], _REFERENCE_PAIRS[pair], _REFERENCE_PAIRS[second])
    return "".join((*parts, _REFERENCE_PAIRS[third], _REFERENCE_PAIRS[last]))


def batch_replay(data: DomainData, key: str | None, digest: str, now: datetime) -> Any:
    """The reply a batch operation gave for clientToken ``key`` within the idempotency window,
    or None; ConflictException when the token was used with another request. ``key`` is
    "<operation>:<token>" or None."""
    found = None if key is None else data.batch_replies.get(key, now)
    if found is None or key is None:
        return None
    stored_digest, reply = found
    if stored_digest != digest:
        token = key.partition(":")[2]
        raise ConflictException(f"clientToken {token!r} was already used with a different request")
    return reply


def _invalid(path: str, why: str) -> ValidationException:
    return ValidationException(f"Invalid value at '{path}': {why}")


def resolve_changes(
    data: DomainData, entries: list[tuple[str, str, dict[str, Any]]], case: Case | None
) -> list[FieldChange]:
    """Checks ``(path, field id, value union)`` entries of a write against the domain.

    ``case`` is the case being updated, or None on create. Raises ValidationException naming
    the member path of the first problem.
    """
    changes: list[FieldChange] = []
    seen: set[str] = set()
    for path, field_id, union in entries:
        found = data.fields.get(field_id)
        if found is None:
            raise _invalid(f"{path}.id", f"field {field_id!r} does not exist in this domain")
        if field_id in seen:
            raise _invalid(f"{path}.id", f"field {found.label} is given more than once")
        seen.add(field_id)
        if field_id in READ_ONLY:
            raise _invalid(
                f"{path}.id", f"field {found.label} is maintained by the service and cannot be set"
            )
        if found.deleted and (case is None or field_id not in case.values):
            raise _invalid(f"{path}.id", f"field {found.label} is deleted")
        value = from_wire(found, union, f"{path}.value")
        if case is not None and field_id in ALWAYS_SET and (value is None or value == ""):
            raise _invalid(
                f"{path}.value", f"field {found.label} always has a value on a case and cannot be emptied"
            )
        if found.type == "SingleSelect" and value is not None:
            option = found.options.get(str(value))
            if option is None:
                raise _invalid(f"{path}.value", f"{value!r} is not an option of field {found.label}")
            unchanged = case is not None and case.values.get(field_id) == value
            if not option.active and not unchanged:
                raise _invalid(f"{path}.value", f"option {value!r} of field {found.label} is inactive")
        if field_id == "title" and isinstance(value, str) and len(value) > TITLE_MAX:
            raise _invalid(f"{path}.value", f"a title is at most {TITLE_MAX} characters")
        changes.append(FieldChange(found, value, path))
    return changes


def _applied(values: dict[str, Scalar], changes: list[FieldChange]) -> dict[str, Scalar]:
    result = dict(values)
    for change in changes:
        if change.value is None or change.value == "":
            result.pop(change.field.field_id, None)
        else:
            result[change.field.field_id] = change.value
    return result


def batch_targets(
    data: DomainData, identifiers: list[dict[str, str]]
) -> list[tuple[dict[str, str], Case | None]]:
    """(identifier, case or None) of each target of a batch write, in request order;
    ResourceNotFoundException for a reference number no case has, ValidationException for a
    case listed twice."""
    targets: list[tuple[dict[str, str], Case | None]] = []
    seen: set[str] = set()
    for index, identifier in enumerate(identifiers):
        if "referenceId" in identifier:
            reference = str(identifier["referenceId"])
            case_id = data.reference_numbers.get(reference.lower())
            if case_id is None:
                raise not_found("Case", reference)
        else:
            case_id = str(identifier["caseId"])
        if case_id in seen:
            raise _invalid(f"cases[{index}].caseIdentifier", f"case {case_id!r} is listed more than once")
        seen.add(case_id)
        targets.append((identifier, data.cases.get(case_id)))
    return targets


class Cases:
    """Case operations: ``backend.cases``."""

    def __init__(self, core: BackendCore) -> None:
        self.core = core

    # -- helpers shared by the writes ---------------------------------------------------------
    def _reference_number(self, data: DomainData, given: Scalar | None, case_id: str | None) -> str:
        if given is not None:
            holder = data.reference_numbers.get(str(given).lower())
            if holder is not None and holder != case_id:
                raise ConflictException(f"Reference number {given!r} is already used by another case")
            return str(given)
        while True:
            candidate = _random_reference()
            if candidate.lower() not in data.reference_numbers:
                return candidate

    # -- CreateCase -----------------------------------------------------------------------------
    def create(
        self,
        domain_id: str,
        template_id: str,
        fields: list[dict[str, Any]],
        performer: Performer,
        *,
        client_token: str | None = None,
        tags: dict[str, str] | None = None,
        request: dict[str, Any] | None = None,
    ) -> Case:
        with self.core.lock:
            domain = self.core.domain(domain_id)
            data = domain.data
            at = self.core.clock.now()  # the one moment of this write
            digest = request_digest(request if request is not None else {"t": template_id, "f": fields})
            if client_token:
                replay = data.client_tokens.get(client_token, at)
                if replay is not None and replay[1] in data.cases:
                    if replay[0] != digest:
                        raise ConflictException(
                            f"clientToken {client_token!r} was already used with a different request"
                        )
                    return data.cases[replay[1]]
            template = TEMPLATES.get(data, template_id)
            if template.deleted:
                raise _invalid("templateId", f"template {template.label} is deleted")
            if template.status != "Active":
                raise _invalid("templateId", f"template {template.label} is {template.status}, not Active")
            entries = [(f"fields[{i}]", str(e["id"]), e["value"]) for i, e in enumerate(fields)]
            changes = resolve_changes(data, entries, None)
            values = _applied({}, changes)
            values.setdefault("status", "open")
            check_case(data, template, values)
            merged_tags: dict[str, str] = {}
            for configuration in template.tag_propagation:
                merged_tags.update(configuration.tag_map)
            merged_tags.update(tags or {})
            check_tags(merged_tags)
            reference = self._reference_number(data, values.get("reference_number"), None)

            case_id = new_id()
            now = datetime_value(at)
            values["reference_number"] = reference
            values["case_id"] = case_id
            values["created_datetime"] = values["last_updated_datetime"] = now
            if performer.user_arn:
                values["created_by"] = values["last_updated_user"] = performer.user_arn
            if values["status"] == "closed":
                values["last_closed_datetime"] = now
            case = Case(
                case_id=case_id,
                domain_arn=domain.arn,
                template_id=template_id,
                seq=self.core.next_seq(),
                values=values,
                tags=merged_tags,
            )
            data.cases[case_id] = case
            data.touch(case_id)
            data.reference_numbers[reference.lower()] = case_id
            if client_token:
                data.client_tokens.put(client_token, digest, case_id, at, (case_id,))
            append_audit(self.core, case, "Case.Created", performer, snapshot=values, at=at)
            case_changed(self.core.changes, data, case, "CASE.CREATED", performer, at)
            return case

    # -- UpdateCase -----------------------------------------------------------------------------
    def _updated_values(
        self, data: DomainData, case: Case, entries: list[tuple[str, str, dict[str, Any]]]
    ) -> tuple[dict[str, Scalar], list[FieldChange]]:
        """The case's values after ``entries`` (validated, rules checked); nothing is written."""
        changes = resolve_changes(data, entries, case)
        values = _applied(case.values, changes)
        template = data.templates.get(case.template_id)
        if template is not None:
            check_case(data, template, values)
        if "reference_number" in values and values["reference_number"] != case.values.get("reference_number"):
            self._reference_number(data, values["reference_number"], case.case_id)
        return values, changes

    def _write_update(
        self,
        data: DomainData,
        case: Case,
        values: dict[str, Scalar],
        changes: list[FieldChange],
        performer: Performer,
    ) -> bool:
        """Stores ``values`` with the service fields and an audit event; False when nothing changed."""
        changed = [c for c in changes if case.values.get(c.field.field_id) != values.get(c.field.field_id)]
        if not changed:
            return False
        before = case.values
        at = self.core.clock.now()  # the one moment of this write
        now = datetime_value(at)
        values["last_updated_datetime"] = now
        if performer.user_arn:
            values["last_updated_user"] = performer.user_arn
        else:
            values.pop("last_updated_user", None)
        old_status, new_status = before.get("status"), values.get("status")
        if old_status != new_status:
            if new_status == "closed":
                values["last_closed_datetime"] = now
            elif old_status == "closed":
                values["last_reopened_datetime"] = now
        old_reference, new_reference = before.get("reference_number"), values.get("reference_number")
        if old_reference != new_reference:
            if old_reference is not None:
                data.reference_numbers.pop(str(old_reference).lower(), None)
            if new_reference is not None:
                data.reference_numbers[str(new_reference).lower()] = case.case_id
        case.values = values
        data.touch(case.case_id)
        refresh_slas(self.core, case)
        audit_fields = [
            AuditField(
                c.field.field_id,
                values.get(c.field.field_id),
                old=before.get(c.field.field_id),
                has_old=c.field.field_id in before,
            )
            for c in changed
        ]
        append_audit(self.core, case, "Case.Updated", performer, audit_fields, at=at)
        case_changed(self.core.changes, data, case, "CASE.UPDATED", performer, at, before)
        return True

    def update(
        self, domain_id: str, case_id: str, fields: list[dict[str, Any]], performer: Performer
    ) -> None:
        with self.core.lock:
            data = self.core.domain(domain_id).data
            case = self.core.case(domain_id, case_id)
            entries = [(f"fields[{i}]", str(e["id"]), e["value"]) for i, e in enumerate(fields)]
            values, changes = self._updated_values(data, case, entries)
            self._write_update(data, case, values, changes, performer)

    # -- DeleteCase -----------------------------------------------------------------------------
    def delete(self, domain_id: str, case_id: str, performer: Performer | None = None) -> None:
        with self.core.lock:
            data = self.core.domain(domain_id).data
            case = self.core.case(domain_id, case_id)
            del data.cases[case_id]
            data.touch(case_id)
            reference = case.values.get("reference_number")
            if reference is not None and data.reference_numbers.get(str(reference).lower()) == case_id:
                del data.reference_numbers[str(reference).lower()]
            data.client_tokens.drop_case(case_id)
            data.batch_replies.drop_case(case_id)
            if performer is not None:
                case_changed(self.core.changes, data, case, "CASE.DELETED", performer, self.core.clock.now())

    # -- BatchUpdateCase ------------------------------------------------------------------------
    def batch_update(
        self,
        domain_id: str,
        identifiers: list[dict[str, str]],
        fields: list[dict[str, Any]],
        performer: Performer,
        *,
        title: str | None = None,
        status: str | None = None,
        customer_id: str | None = None,
        client_token: str | None = None,
        request: dict[str, Any] | None = None,
    ) -> BatchOutcome:
        with self.core.lock:
            data = self.core.domain(domain_id).data
            digest = request_digest(request if request is not None else {"c": identifiers, "f": fields})
            token_key = f"batch-update:{client_token}" if client_token else None
            replayed = batch_replay(data, token_key, digest, self.core.clock.now())
            if replayed is not None:
                return replayed  # type: ignore[no-any-return]
            entries = self._batch_entries(data, fields, title, status, customer_id)
            targets = batch_targets(data, identifiers)
            outcome = BatchOutcome()
            for identifier, case in targets:
                if case is None:
                    outcome.failed.append(
                        (identifier, "CASE_NOT_FOUND", f"Case {identifier.get('caseId')!r} does not exist")
                    )
                    continue
                try:
                    values, changes = self._updated_values(data, case, entries)
                except ConflictException as error:
                    outcome.failed.append((identifier, "CONFLICT", error.message))
                    continue
                except ValidationException as error:
                    outcome.failed.append((identifier, "VALIDATION_ERROR", error.message))
                    continue
                self._write_update(data, case, values, changes, performer)
                outcome.succeeded.append(case)
            if token_key:
                named = [case.case_id for case in outcome.succeeded]
                data.batch_replies.put(token_key, digest, outcome, self.core.clock.now(), named)
            return outcome

    def _batch_entries(
        self,
        data: DomainData,
        fields: list[dict[str, Any]],
        title: str | None,
        status: str | None,
        customer_id: str | None,
    ) -> list[tuple[str, str, dict[str, Any]]]:
        by_name = {f.name: f.field_id for f in data.fields.values() if not f.deleted}
        entries: list[tuple[str, str, dict[str, Any]]] = []
        for index, entry in enumerate(fields):
            path = f"fields[{index}]"
            identifier = entry["fieldIdentifier"]
            if "name" in identifier:
                name = str(identifier["name"])
                if "|" in name or "," in name:
                    raise _invalid(
                        f"{path}.fieldIdentifier.name", "a field name used here may not contain '|' or ','"
                    )
                field_id = by_name.get(name)
                if field_id is None:
                    raise _invalid(
                        f"{path}.fieldIdentifier.name", f"no field is named {name!r} in this domain"
                    )
            else:
                field_id = str(identifier["id"])
                if field_id not in data.fields:
                    raise _invalid(
                        f"{path}.fieldIdentifier.id", f"field {field_id!r} does not exist in this domain"
                    )
            if field_id in ("title", "status", "customer_id"):
                raise _invalid(
                    f"{path}.fieldIdentifier",
                    f"set {data.field_label(field_id)} with the top-level member instead",
                )
            entries.append((path, field_id, entry["value"]))
        for member, field_id, value in (
            ("title", "title", title),
            ("status", "status", status),
            ("customerId", "customer_id", customer_id),
        ):
            if value is not None:
                entries.append((member, field_id, {"stringValue": value}))
        if not entries:
            raise ValidationException("Give at least one of fields, title, status and customerId to update")
        return entries
