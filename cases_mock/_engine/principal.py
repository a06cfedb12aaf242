"""Who made a request, as a service's records name the caller (one rule for every service)."""

from __future__ import annotations

import os

PRINCIPAL_ENV = "CASES_MOCK_PRINCIPAL_ARN"


def principal_arn(partition: str, account: str, access_key_id: str | None) -> str:
    """The caller's IAM principal: ``CASES_MOCK_PRINCIPAL_ARN`` names it outright; otherwise
    temporary credentials (access key ids starting ``ASIA``) are an assumed role, and long-term
    ones an IAM user (docs/behaviour.md#audit-history)."""
    configured = os.environ.get(PRINCIPAL_ENV)
    if configured:
        return configured
    if (access_key_id or "").startswith("ASIA"):
        return f"arn:{partition}:sts::{account}:assumed-role/cases-mock-role/cases-mock-session"
    return f"arn:{partition}:iam::{account}:user/cases-mock"
