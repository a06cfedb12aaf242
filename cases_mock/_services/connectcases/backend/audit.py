"""Audit history (docs/behaviour.md#audit-history): one event per case write, newest first.

``append_audit`` is the one way anything records an event on a case: case creates and updates
here, related items and merges elsewhere call it with their own ``type``, ``related_item_type``
or ``merge_metadata``. ``Performer`` says who acted: the caller's IAM principal always, plus the
``performedBy`` user union (``userArn`` or ``customEntity``) when the request named one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cases_mock._services.connectcases.backend.core import BackendCore
from cases_mock._services.connectcases.backend.records import AuditEvent, AuditField, Case, Scalar
from cases_mock._services.connectcases.backend.related_records import User
from cases_mock._services.connectcases.backend.values import USER_ARN
from cases_mock._services.connectcases.errors import ValidationException
from cases_mock._services.connectcases.ids import new_id


@dataclass(frozen=True, slots=True)
class Performer:
    iam_principal_arn: str
    user: User | None = None

    @property
    def user_arn(self) -> str | None:
        """The Connect user ARN when the request named a user (not a custom entity)."""
        return self.user.user_arn if self.user else None

    @classmethod
    def of(cls, iam_principal_arn: str, user: User | None) -> Performer:
        """The performer of a request; ValidationException when ``performedBy.userArn`` is not an
        Amazon Connect user ARN, since the service reads that user (connect:DescribeUser) and
        keeps the ARN in the case's User fields (docs/behaviour.md#audit-history)."""
        arn = user.user_arn if user else None
        if arn is not None and not USER_ARN.match(arn):
            raise ValidationException(
                f"Invalid value at 'performedBy.userArn': {arn!r} is not an Amazon Connect user ARN "
                "(arn:aws:connect:<region>:<account>:instance/<instance id>/agent/<user id>)"
            )
        return cls(iam_principal_arn, user)


def append_audit(
    backend: BackendCore,
    case: Case,
    event_type: str,
    performer: Performer,
    fields: list[AuditField] | None = None,
    *,
    related_item_type: str | None = None,
    merge_metadata: dict[str, str] | None = None,
    snapshot: dict[str, Scalar] | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Records an event on ``case`` at ``at``, the write's moment (default: the backend clock's
    now); call under the backend lock."""
    event = AuditEvent(
        event_id=new_id(),
        type=event_type,
        performed_time=backend.clock.now() if at is None else at,
        seq=backend.next_seq(),
        fields=fields or [],
        related_item_type=related_item_type,
        iam_principal_arn=performer.iam_principal_arn,
        user=performer.user,
        merge_metadata=merge_metadata,
        snapshot=snapshot,
    )
    case.audit.append(event)
    return event


def event_fields(event: AuditEvent) -> list[AuditField]:
    """The fields of ``event``: stored, or (Case.Created) the values the case was created with."""
    if event.snapshot is not None:
        return [AuditField(field_id, value) for field_id, value in event.snapshot.items()]
    return event.fields


def audit_events_newest_first(case: Case) -> list[AuditEvent]:
    return sorted(case.audit, key=lambda event: event.seq, reverse=True)
