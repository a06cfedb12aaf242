"""Headless Chromium (installed here when missing), one browser for the session, and a real
``cases-mock serve`` process per module with clients pointed at it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config

from maintainers.screenshots import CHROMEDRIVER, CHROMIUM, chromium

APT_TIMEOUT = 900  # seconds for apt-get update + install, at most
TOKEN = "dashboard-secret"


def _install_chromium() -> str | None:
    """Installs Debian's chromium and chromium-driver if missing; the reason it cannot, else None."""
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not Path(path).exists()]
    if not missing:
        return None
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return f"{', '.join(missing)} missing, and installing needs root and apt-get"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        for command in (
            ["apt-get", "update", "-q"],
            ["apt-get", "install", "-y", "-q", "chromium", "chromium-driver"],
        ):
            subprocess.run(command, env=env, check=True, capture_output=True, timeout=APT_TIMEOUT)
    except (OSError, subprocess.SubprocessError) as error:
        return f"{', '.join(missing)} missing and could not be installed: {error}"
    still = [path for path in (CHROMIUM, CHROMEDRIVER) if not Path(path).exists()]
    return f"{', '.join(still)} still missing after apt-get install" if still else None


@pytest.fixture(scope="session")
def chromium_installed() -> None:
    """Headless Chromium and chromedriver are there (installed now if need be), else a skip saying why."""
    reason = _install_chromium()
    if reason is not None:
        pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser(chromium_installed: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    driver = chromium(str(tmp_path_factory.mktemp("chromium-profile")))
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def _serve(*options: str) -> Iterator[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "cases_mock", "serve", "--port", "0", "--quiet", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    assert "cases-mock listening on http://" in first, first
    yield first.split()[-1]
    process.terminate()
    process.communicate(timeout=10)


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    yield from _serve()


@pytest.fixture(scope="module")
def token_server() -> Iterator[str]:
    """A server started with ``--control-token TOKEN``."""
    yield from _serve("--control-token", TOKEN)


@pytest.fixture
def server(server_url: str) -> str:
    """The server's URL, its state, calls and faults reset."""
    urllib.request.urlopen(
        urllib.request.Request(f"{server_url}/_cases_mock/reset", method="POST"), timeout=10
    )
    return server_url


@pytest.fixture
def client(server: str) -> Any:
    return boto3.client(
        "connectcases",
        region_name="us-east-1",
        endpoint_url=server,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"total_max_attempts": 1, "mode": "standard"}),
    )
