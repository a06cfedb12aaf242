"""Identifiers and ARNs in Customer Profiles' formats (docs/behaviour.md#customer-profiles).

Profile ids and history record ids are 32 lower-case hex digits (the model's ``uuid`` shape);
domains are named by the user. ARNs follow the Service Authorization Reference (service prefix
``profile``); a profile's ARN follows the form Connect Cases documents for ``customer_id``.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from cases_mock._protocol.hosts import partition_of

_PROFILE_ARN = re.compile(
    r"arn:(?P<partition>[a-z0-9-]+):profile:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):"
    r"domains/(?P<domain>[a-zA-Z0-9_-]{1,64})/profiles/(?P<profile>[a-f0-9]{32})"
)


def new_hex_id() -> str:
    """A fresh id of 32 lower-case hex digits (a UUID4 without hyphens)."""
    return uuid.uuid4().hex


def profile_arn(region: str, account: str, resource: str) -> str:
    """``arn:<partition>:profile:<region>:<account>:<resource>``."""
    return f"arn:{partition_of(region)}:profile:{region}:{account}:{resource}"


@dataclass(frozen=True, slots=True)
class ProfileRef:
    """What a profile ARN names: account, region, Customer Profiles domain and profile id."""

    account: str
    region: str
    domain_name: str
    profile_id: str


def parse_profile_arn(arn: str) -> ProfileRef | None:
    """The profile a ``customer_id`` ARN names, or None when ``arn`` is not a profile ARN."""
    found = _PROFILE_ARN.fullmatch(arn)
    if found is None:
        return None
    return ProfileRef(found["account"], found["region"], found["domain"], found["profile"])
