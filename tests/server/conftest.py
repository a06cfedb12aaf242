"""A real ``cases-mock serve`` process per test module, and clients pointed at it."""

from __future__ import annotations

import os
import random
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
    assert "cases-mock stopped" in out, err


def an_account_client(url: str) -> Any:
    """A client of an account of its own (the 12-digit access key id), so tests sharing one
    server process stay under the per-account domain quota."""
    return a_server_client(
        url, aws_access_key_id=f"{random.randrange(10**11, 10**12)}", aws_secret_access_key="s"
    )


def a_server_client(url: str, region: str = "us-east-1", **credentials: str) -> Any:
    return boto3.client(
        "connectcases",
        region_name=region,
        endpoint_url=url,
        config=Config(retries={"total_max_attempts": 1, "mode": "standard"}),
        **(credentials or CREDENTIALS),
    )


class Served:
    """A ``cases-mock serve`` process started with extra flags (stopped with SIGTERM)."""

    def __init__(self, *flags: str, env: dict[str, str] | None = None, quiet: bool = True) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cases_mock", "serve", "--port", "0", *(["--quiet"] * quiet), *flags],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        )
        assert self.process.stdout is not None
        first = self.process.stdout.readline()
        assert first.startswith("cases-mock listening on http://"), first + self.process.stderr.read()
        self.url = first.split()[-1]

    def stop(self) -> tuple[str, str]:
        if self.process.poll() is None:
            self.process.terminate()
        out, err = self.process.communicate(timeout=20)
        return out, err

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def http_json(
    url: str, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
) -> tuple[int, Any]:
    """One request on its own connection: the status and the JSON body (None if empty)."""
    import http.client
    import json
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    connection.request(method, path, body=body, headers=headers or {})
    answer = connection.getresponse()
    data = answer.read()
    connection.close()
    return answer.status, json.loads(data) if data else None


def raw_exchange(url: str, data: bytes, *, timeout: float = 10) -> bytes:
    """Sends ``data`` on a new connection and reads until the server closes it."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    with socket.create_connection((parts.hostname or "", parts.port or 0), timeout=timeout) as sock:
        sock.sendall(data)
        received = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return received
            received += chunk
