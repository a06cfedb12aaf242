"""Related items (docs/behaviour.md#related-items): contacts, comments, files, SLAs, linked cases
and custom items on a case, with their audit events and quotas.

SLA status: see ``slas.py``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from cases_mock._services.connectcases.backend.audit import Performer, append_audit
from cases_mock._services.connectcases.backend.cases import batch_replay, batch_targets, request_digest
from cases_mock._services.connectcases.backend.changes import related_item_created
from cases_mock._services.connectcases.backend.core import BackendCore
from cases_mock._services.connectcases.backend.records import Case, DomainData, RelatedItem, Scalar
from cases_mock._services.connectcases.backend.related_records import (
    Comment,
    Contact,
    Custom,
    CustomInput,
    CustomValue,
    InputContent,
    LinkedCase,
    RelatedContent,
    Sla,
    SlaInput,
    UpdateContent,
    ValueUnion,
)
from cases_mock._services.connectcases.backend.slas import refresh_slas, retarget_sla
from cases_mock._services.connectcases.backend.values import from_wire
from cases_mock._services.connectcases.errors import (
    ServiceQuotaExceededException,
    ValidationException,
    not_found,
)
from cases_mock._services.connectcases.ids import new_id

MEMBER_FOR_TYPE = {
    "Contact": "contact",
    "Comment": "comment",
    "File": "file",
    "Sla": "sla",
    "ConnectCase": "connectCase",
    "Custom": "custom",
}  # the content member of each related item type, as messages name it
UPDATABLE = ("Comment", "Custom", "Sla")


def _invalid(path: str, why: str) -> ValidationException:
    return ValidationException(f"Invalid value at '{path}': {why}")


def _wrong_kind(given: str, wanted: str) -> ValidationException:
    """Content of type ``given`` for an item of type ``wanted``."""
    return _invalid(
        f"content.{MEMBER_FOR_TYPE[given]}",
        f"a {wanted} related item takes content.{MEMBER_FOR_TYPE[wanted]}",
    )


def _custom_fields(
    backend: BackendCore, data: DomainData, fields: tuple[tuple[str, ValueUnion], ...], path: str
) -> tuple[CustomValue, ...]:
    limit = backend.quotas.fields_per_custom_related_item
    if len(fields) > limit:
        raise ServiceQuotaExceededException(
            f"A custom related item may have at most {limit} fields, not {len(fields)}"
        )
    stored: list[CustomValue] = []
    seen: set[str] = set()
    for index, (field_id, union) in enumerate(fields):
        here = f"{path}[{index}]"
        found = data.fields.get(field_id)
        if found is None or found.deleted:
            raise _invalid(f"{here}.id", f"field {field_id!r} does not exist in this domain")
        if found.namespace == "System":
            raise _invalid(
                f"{here}.id", f"{found.label} is a System field; custom related items take custom fields"
            )
        if field_id in seen:
            raise _invalid(f"{here}.id", f"field {found.label} is given more than once")
        seen.add(field_id)
        value = from_wire(found, union, f"{here}.value")
        if found.type == "SingleSelect" and value is not None:
            option = found.options.get(str(value))
            if option is None or not option.active:
                raise _invalid(f"{here}.value", f"{value!r} is not an active option of field {found.label}")
        stored.append(CustomValue(field_id, value))
    return tuple(stored)


class RelatedItems:
    """Related-item operations: ``backend.related_items``."""

    def __init__(self, core: BackendCore) -> None:
        self.core = core

    def get(self, domain_id: str, case_id: str, item_id: str) -> RelatedItem:
        found = self.core.case(domain_id, case_id).related_items.get(item_id)
        if found is None:
            raise not_found("RelatedItem", item_id)
        return found

    # -- content ---------------------------------------------------------------------------------
    def _checked_content(
        self, data: DomainData, case: Case, item_type: str, content: InputContent
    ) -> tuple[RelatedContent, list[Scalar] | None]:
        """The content to store for ``item_type`` (and an SLA's target values)."""
        if content.type != item_type:
            raise _wrong_kind(content.type, item_type)
        if isinstance(content, LinkedCase):
            linked = content.case_id
            if linked not in data.cases or linked == case.case_id:
                raise _invalid(
                    "content.connectCase.caseId", f"case {linked!r} is not another case of this domain"
                )
        elif isinstance(content, CustomInput):
            return Custom(_custom_fields(self.core, data, content.fields, "content.custom.fields")), None
        elif isinstance(content, SlaInput):
            return self._checked_sla(data, content)
        return content, None

    def _checked_sla(self, data: DomainData, sla: SlaInput) -> tuple[Sla, list[Scalar] | None]:
        path = "content.sla.slaInputConfiguration"
        field_id, wanted = sla.field_id, sla.target_unions
        if (field_id is None) != (wanted is None):
            raise _invalid(path, "give fieldId and targetFieldValues together, or neither")
        stored = Sla(sla.name, sla.sla_type, sla.target_minutes)
        if field_id is None:
            return stored, None
        found = data.fields.get(field_id)
        if found is None or found.deleted:
            raise _invalid(f"{path}.fieldId", f"field {field_id!r} does not exist in this domain")
        if found.type != "SingleSelect":
            raise _invalid(
                f"{path}.fieldId",
                f"field {found.label} is a {found.type} field; an SLA tracks a SingleSelect field",
            )
        values: list[Scalar | None] = []
        for index, union in enumerate(wanted or ()):
            here = f"{path}.targetFieldValues[{index}]"
            value = from_wire(found, union, here)
            if value is not None and str(value) not in found.options:
                raise _invalid(here, f"{value!r} is not an option of field {found.label}")
            values.append(value)
        targets = [value for value in values if value is not None]
        return Sla(sla.name, sla.sla_type, sla.target_minutes, field_id, tuple(values)), targets

    def _check_quotas(self, case: Case, item_type: str) -> None:
        items = list(case.related_items.values())
        checks = [
            (len(items), self.core.quotas.related_items_per_case, "related items"),
            (sum(1 for i in items if i.type == "File"), self.core.quotas.files_per_case, "files")
            if item_type == "File"
            else (0, 1, ""),
            (sum(1 for i in items if i.type == "Sla"), self.core.quotas.slas_per_case, "SLAs")
            if item_type == "Sla"
            else (0, 1, ""),
        ]
        for count, limit, what in checks:
            if count >= limit:
                raise ServiceQuotaExceededException(
                    f"Case {case.case_id!r} already has {limit} {what}, the most a case may have"
                )

    # -- create, update, delete --------------------------------------------------------------------
    def _new_item(
        self,
        domain_id: str,
        case: Case,
        content: RelatedContent,
        targets: list[Scalar] | None,
        performer: Performer,
    ) -> RelatedItem:
        item_id = new_id()
        now = self.core.clock.now()
        item = RelatedItem(
            related_item_id=item_id,
            case_id=case.case_id,
            arn=f"{case.arn}/related-item/{item_id}",
            type=content.type,
            content=content,
            association_time=now,
            seq=self.core.next_seq(),
            created_by=performer.user,
        )
        item_type = content.type
        if isinstance(content, Sla):
            item.target_time = now + timedelta(minutes=content.target_minutes)
            item.targets = targets
        if isinstance(content, Contact):
            channel, connected = self.core.contacts.get(content.contact_arn, ("VOICE", None))
            item.channel, item.connected_time = channel, connected or now
        case.related_items[item_id] = item
        append_audit(self.core, case, "RelatedItem.Created", performer, related_item_type=item_type)
        if item_type == "Sla":
            refresh_slas(self.core, case)
            self.core.domain(domain_id).data.touch(case.case_id)
        related_item_created(
            self.core.changes, self.core.domain(domain_id).data, case, item, performer, self.core.clock.now()
        )
        return item

    def create(
        self, domain_id: str, case_id: str, item_type: str, content: InputContent, performer: Performer
    ) -> RelatedItem:
        with self.core.lock:
            data = self.core.domain(domain_id).data
            case = self.core.case(domain_id, case_id)
            stored, targets = self._checked_content(data, case, item_type, content)
            self._check_quotas(case, item_type)
            return self._new_item(domain_id, case, stored, targets, performer)

    def update(
        self, domain_id: str, case_id: str, item_id: str, content: UpdateContent, performer: Performer
    ) -> RelatedItem:
        with self.core.lock:
            data = self.core.domain(domain_id).data
            case = self.core.case(domain_id, case_id)
            item = self.get(domain_id, case_id, item_id)
            if item.type not in UPDATABLE:
                raise _invalid("relatedItemId", f"a {item.type} related item cannot be updated")
            if content.type != item.type:
                raise _wrong_kind(content.type, item.type)
            if isinstance(content, Comment):
                item.content = content
            elif isinstance(content, CustomInput):
                item.content = Custom(
                    _custom_fields(self.core, data, content.fields, "content.custom.fields")
                )
            else:
                retarget_sla(item, content.target_minutes)
            item.last_updated_user = performer.user
            append_audit(self.core, case, "RelatedItem.Updated", performer, related_item_type=item.type)
            if item.type == "Sla":
                refresh_slas(self.core, case)
                data.touch(case.case_id)
            return item

    def delete(self, domain_id: str, case_id: str, item_id: str, performer: Performer) -> None:
        with self.core.lock:
            case = self.core.case(domain_id, case_id)
            item = self.get(domain_id, case_id, item_id)
            if item.type == "File":
                raise _invalid("relatedItemId", "File related items are removed with DeleteAttachedFile")
            del case.related_items[item_id]
            append_audit(self.core, case, "RelatedItem.Deleted", performer, related_item_type=item.type)
            if item.type == "Sla":
                refresh_slas(self.core, case)
                self.core.domain(domain_id).data.touch(case.case_id)

    def batch_create(
        self,
        domain_id: str,
        identifiers: list[dict[str, str]],
        content: InputContent,
        performer: Performer,
        *,
        client_token: str | None = None,
        request: dict[str, Any] | None = None,
    ) -> tuple[list[tuple[Case, RelatedItem]], list[tuple[dict[str, str], str, str]]]:
        with self.core.lock:
            data = self.core.domain(domain_id).data
            digest = request_digest(request if request is not None else {"c": identifiers, "x": content})
            token_key = f"batch-related:{client_token}" if client_token else None
            replayed = batch_replay(data, token_key, digest, self.core.clock.now())
            if replayed is not None:
                return replayed  # type: ignore[no-any-return]
            if not isinstance(content, Comment):
                raise _invalid(
                    f"content.{MEMBER_FOR_TYPE[content.type]}",
                    "BatchCreateRelatedItem takes comment content only",
                )
            targets = batch_targets(data, identifiers)
            made: list[tuple[Case, RelatedItem]] = []
            failed: list[tuple[dict[str, str], str, str]] = []
            for identifier, case in targets:
                if case is None:
                    failed.append(
                        (identifier, "CASE_NOT_FOUND", f"Case {identifier.get('caseId')!r} does not exist")
                    )
                    continue
                try:
                    self._check_quotas(case, "Comment")
                except ServiceQuotaExceededException as error:
                    failed.append((identifier, "SERVICE_QUOTA_EXCEEDED", error.message))
                    continue
                made.append((case, self._new_item(domain_id, case, content, None, performer)))
            reply = (made, failed)
            if token_key:
                named = [case.case_id for case, _ in made]
                data.batch_replies.put(token_key, digest, reply, self.core.clock.now(), named)
            return reply

    # -- reads -------------------------------------------------------------------------------------
    def cases_for_contact(self, domain_id: str, contact_arn: str) -> list[tuple[RelatedItem, Case]]:
        """(the newest contact item naming the ARN, its case) per case, newest first."""
        found: list[tuple[RelatedItem, Case]] = []
        for case in self.core.domain(domain_id).data.cases.values():
            items = [
                i
                for i in case.related_items.values()
                if isinstance(i.content, Contact) and i.content.contact_arn == contact_arn
            ]
            if items:
                found.append((max(items, key=lambda i: i.seq), case))
        return sorted(found, key=lambda pair: pair[0].seq, reverse=True)
