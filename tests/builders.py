"""Builders shared by the tests: clients and resources made the way a boto3 user makes them."""

from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config

NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})
UNCHECKED = Config(parameter_validation=False, retries={"total_max_attempts": 1, "mode": "standard"})


def a_client(region: str = "us-east-1", config: Config | None = None) -> Any:
    return boto3.client("connectcases", region_name=region, config=config or NO_RETRIES)


def an_unchecked_client(region: str = "us-east-1") -> Any:
    """A client that skips botocore's own validation, as other SDKs and raw HTTP do."""
    return boto3.client("connectcases", region_name=region, config=UNCHECKED)


def a_domain(client: Any, name: str = "test-domain") -> str:
    return str(client.create_domain(name=name)["domainId"])


def error_of(excinfo: Any) -> dict[str, Any]:
    """The parsed error response of a ``pytest.raises(ClientError)``."""
    return dict(excinfo.value.response)
