"""One server per ``--state-file``: a second one refuses to start (exit 2 / StateFileLocked)
instead of overwriting the first one's saves; the lock goes with the server that held it."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from cases_mock._server import CasesServer, StateFileLocked
from tests.server.conftest import Served, a_server_client


def _second_start(state: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cases_mock", "serve", "--port", "0", "--state-file", str(state)],
        capture_output=True,
        text=True,
        timeout=30,
    )


def _domain_names(url: str) -> list[str]:
    return [d["name"] for d in a_server_client(url).list_domains()["domains"]]


def test_a_second_server_on_the_same_file_refuses_to_start_naming_the_first(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with Served("--state-file", str(state)) as first:
        a_server_client(first.url).create_domain(name="first")

        second = _second_start(state)

        assert second.returncode == 2
        assert "listening" not in second.stdout
        assert second.stderr == (
            f"cases-mock: the state file {state} is in use by process {first.process.pid} (a second "
            "server would overwrite its saves); stop that server or choose another --state-file; "
            "the file was left untouched\n"
        )
        assert _domain_names(first.url) == ["first"]  # the first one serves on
        out, _ = first.stop()
    assert first.process.returncode == 0
    assert "saved the state" in out

    with Served("--state-file", str(state)) as after:  # released on stop
        assert _domain_names(after.url) == ["first"]
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]  # the lock file goes too


def test_a_killed_server_leaves_no_lock_behind(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    killed = Served("--state-file", str(state))
    killed.process.send_signal(signal.SIGKILL)
    killed.stop()

    with Served("--state-file", str(state)) as next_one:
        assert _domain_names(next_one.url) == []


def test_the_python_server_refuses_a_file_another_process_holds(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with Served("--state-file", str(state)) as other:
        with pytest.raises(StateFileLocked, match=f"in use by process {other.process.pid}"):
            CasesServer(quiet=True, state_file=str(state))
        assert other.process.poll() is None


def test_two_python_servers_take_the_file_in_turn(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with CasesServer(quiet=True, state_file=str(state)) as first:
        first.client().create_domain(name="first")
        with pytest.raises(StateFileLocked, match=str(state)):
            CasesServer(quiet=True, state_file=str(state))

    with CasesServer(quiet=True, state_file=str(state)) as second:
        assert [d["name"] for d in second.client().list_domains()["domains"]] == ["first"]
