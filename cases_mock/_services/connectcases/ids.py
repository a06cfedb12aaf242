"""Identifiers and ARNs in the real service's formats (docs/behaviour.md#identifiers)."""

from __future__ import annotations

from cases_mock._engine.account_region import DEFAULT_ACCOUNT_ID, DEFAULT_REGION
from cases_mock._engine.request_ids import new_request_id

__all__ = ["DEFAULT_ACCOUNT_ID", "DEFAULT_REGION"]


def new_id() -> str:
    """A lower-case UUID4, the form of every generated id (drawn as request ids are: the
    engine's own generator, not the operating system's randomness on every call)."""
    return new_request_id()


def partition_for(region: str) -> str:
    """The ARN partition of a region, from botocore's partition data (``hosts.partition_of``)."""
    from cases_mock._protocol.hosts import partition_of

    return partition_of(region)


def cases_arn(region: str, account: str, resource: str) -> str:
    """``arn:<partition>:cases:<region>:<account>:<resource>``."""
    return f"arn:{partition_for(region)}:cases:{region}:{account}:{resource}"
