"""Identifiers and ARNs in the real service's formats (docs/behaviour.md#identifiers)."""

from __future__ import annotations

import uuid

from cases_mock._engine.account_region import DEFAULT_ACCOUNT_ID, DEFAULT_REGION

__all__ = ["DEFAULT_ACCOUNT_ID", "DEFAULT_REGION"]


def new_id() -> str:
    """A lower-case UUID4, the form of every generated id."""
    return str(uuid.uuid4())


def partition_for(region: str) -> str:
    """The ARN partition of a region, from botocore's partition data (``hosts.partition_of``)."""
    from cases_mock._protocol.hosts import partition_of

    return partition_of(region)


def cases_arn(region: str, account: str, resource: str) -> str:
    """``arn:<partition>:cases:<region>:<account>:<resource>``."""
    return f"arn:{partition_for(region)}:cases:{region}:{account}:{resource}"
