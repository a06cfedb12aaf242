"""A real ``cases-mock serve`` process per test module, and clients pointed at it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config

CREDENTIALS = {"aws_access_key_id": "SERVERTESTKEY", "aws_secret_access_key": "secret"}


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "cases_mock", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    assert first.startswith("cases-mock listening on http://127.0.0.1:"), first
    yield first.split()[-1]
    process.terminate()
    out, err = process.communicate(timeout=10)
    assert process.returncode == 0
    assert "cases-mock stopped" in out
    assert '"POST /domains HTTP/1.1" 200' in err  # one log line per request


def a_server_client(url: str, region: str = "us-east-1", **credentials: str) -> Any:
    return boto3.client(
        "connectcases",
        region_name=region,
        endpoint_url=url,
        config=Config(retries={"total_max_attempts": 1, "mode": "standard"}),
        **(credentials or CREDENTIALS),
    )
