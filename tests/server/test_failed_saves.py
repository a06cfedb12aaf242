"""Saves that fail (a full disk, a read-only one): a JSON error naming the cause, no temporary
file left behind, one logged line per cause and one on recovery, ``/_cases_mock/health``
degraded until a save succeeds, and a stop whose save fails says so in one line, exit status 3.

The disks are real where the machine lets us mount a 200 KB tmpfs (root); elsewhere those tests
skip, and the in-process tests at the end make the write itself fail with ENOSPC."""

from __future__ import annotations

import errno
import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cases_mock._server import CasesServer, StateSaveError, persistence
from tests.server.conftest import Served, a_server_client, http_json

ENOSPC = "No space left on device (ENOSPC)"
EROFS = "Read-only file system (EROFS)"
FILL = 300  # cases of 500-character titles: well over 200 KB of state


def _mount(where: Path, *options: str) -> None:
    where.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command here")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join(("size=200k", *options)), "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")


def _unmount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], check=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 200 KB file system, empty."""
    disk = tmp_path / "disk"
    _mount(disk)
    yield disk
    _unmount(disk)


@pytest.fixture
def read_only_disk(tmp_path: Path) -> Iterator[Path]:
    """A read-only file system holding a state file with one domain."""
    disk = tmp_path / "disk"
    _mount(disk)
    with CasesServer(quiet=True, state_file=str(disk / "state.json")) as server:
        server.client().create_domain(name="on the read-only disk")
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    yield disk
    _unmount(disk)


def _one_case(client: Any) -> tuple[str, str]:
    domain_id = client.create_domain(name="filled")["domainId"]
    template_id = client.create_template(domainId=domain_id, name="T")["templateId"]
    _create_cases(client, domain_id, template_id, 1)
    return domain_id, template_id


def _create_cases(client: Any, domain_id: str, template_id: str, count: int) -> None:
    title = [{"id": "title", "value": {"stringValue": "x" * 500}}]
    for _ in range(count):
        client.create_case(domainId=domain_id, templateId=template_id, fields=title)


def _health(url: str) -> tuple[int, Any]:
    return http_json(url, "GET", "/_cases_mock/health")


def _wait_for_health(url: str, done: Any) -> dict[str, Any]:
    """Polls the health endpoint until ``done(body)`` (the saver runs every 0.05 s)."""
    for _ in range(400):
        body: dict[str, Any] = _health(url)[1]
        if done(body):
            return body
        time.sleep(0.05)
    raise AssertionError(f"the health endpoint never got there: {body}")


def _no_temporary_file_stays(folder: Path) -> bool:
    """Whether ``folder`` is seen without a ``.tmp`` file within 5 s: a background save (every
    0.05 s) has one only while it writes; one a failed save left behind would stay."""
    for _ in range(100):
        if not [p.name for p in folder.iterdir() if p.suffix == ".tmp"]:
            return True
        time.sleep(0.05)
    return False


def _case_count(state: Path) -> int:
    saved = json.loads(state.read_text(encoding="utf-8"))
    domains = saved["backends"][0]["domains"] if saved["backends"] else {}
    return sum(len(d["data"]["cases"]) for d in domains.values())


def test_a_save_on_a_full_disk_answers_a_json_error_and_leaves_no_temporary_file(small_disk: Path) -> None:
    state = small_disk / "state.json"
    with Served("--state-file", str(state)) as served:
        client = a_server_client(served.url)
        domain_id, template_id = _one_case(client)
        assert http_json(served.url, "POST", "/_cases_mock/state/save")[0] == 200
        assert _health(served.url) == (
            200,
            {"status": "ok", "stateFile": _health(served.url)[1]["stateFile"]},
        )
        _create_cases(client, domain_id, template_id, FILL)

        status, answer = http_json(served.url, "POST", "/_cases_mock/state/save")

        assert status == 500
        assert answer["message"] == f"saving the state to {state} failed: {ENOSPC}; the previous file is kept"
        assert sorted(p.name for p in small_disk.iterdir()) == [".state.json.lock", "state.json"]
        assert _case_count(state) == 1  # the previous save, whole
        status, health = _health(served.url)
        assert status == 503
        assert health["status"] == "degraded"
        assert health["stateFile"]["saveError"] == ENOSPC
        assert health["stateFile"]["failedAttempts"] == 1

        http_json(served.url, "POST", "/_cases_mock/reset")  # the state fits again
        assert http_json(served.url, "POST", "/_cases_mock/state/save")[0] == 200
        assert _health(served.url)[0] == 200
        _, err = served.stop()

    assert served.process.returncode == 0
    assert err.splitlines() == [
        f"cases-mock: saving the state to {state} failed: {ENOSPC}; the previous file is kept, and saving "
        "is retried (this is logged again only when the cause changes)",
        f"cases-mock: saving the state to {state} works again (1 failed attempts since "
        f"{err.split('since ')[-1].split(')')[0]})",
    ]


def test_background_saves_on_a_full_disk_log_one_line_and_recover(small_disk: Path) -> None:
    state = small_disk / "state.json"
    with Served("--state-file", str(state), "--save-every", "0.05") as served:
        client = a_server_client(served.url)
        domain_id, template_id = _one_case(client)
        _wait_for_health(served.url, lambda body: body["stateFile"]["lastSaved"] is not None)
        _create_cases(client, domain_id, template_id, FILL)

        degraded = _wait_for_health(served.url, lambda body: body["stateFile"]["failedAttempts"] >= 5)
        assert degraded["status"] == "degraded"
        assert degraded["stateFile"]["saveError"] == ENOSPC
        assert _no_temporary_file_stays(small_disk)

        http_json(served.url, "POST", "/_cases_mock/reset")
        recovered = _wait_for_health(served.url, lambda body: body["status"] == "ok")
        assert recovered["stateFile"]["saveError"] is None
        assert _case_count(state) == 0
        _, err = served.stop()

    lines = err.splitlines()
    assert "Traceback" not in err
    assert len(lines) == 2, err
    assert lines[0].endswith(
        f"failed: {ENOSPC}; the previous file is kept, and saving is retried (this is "
        "logged again only when the cause changes)"
    )
    assert f"saving the state to {state} works again (" in lines[1]


def test_a_stop_whose_save_fails_says_so_in_one_line_with_exit_status_3(small_disk: Path) -> None:
    state = small_disk / "state.json"
    with Served("--state-file", str(state)) as served:
        client = a_server_client(served.url)
        domain_id, template_id = _one_case(client)
        assert http_json(served.url, "POST", "/_cases_mock/state/save")[0] == 200
        _create_cases(client, domain_id, template_id, FILL)
        out, err = served.stop()

    assert served.process.returncode == 3
    assert err == (
        f"cases-mock: saving the state to {state} failed: {ENOSPC}; the previous file is kept, without "
        "what changed since it was written (exit status 3)\n"
    )
    assert out.splitlines()[-1] == "cases-mock stopped"
    assert _case_count(state) == 1
    assert sorted(p.name for p in small_disk.iterdir()) == ["state.json"]


def test_on_a_read_only_disk_saves_fail_clearly_and_the_file_stays(read_only_disk: Path) -> None:
    state = read_only_disk / "state.json"
    before = state.read_bytes()
    with Served("--state-file", str(state)) as served:
        client = a_server_client(served.url)
        assert [d["name"] for d in client.list_domains()["domains"]] == ["on the read-only disk"]
        client.create_domain(name="cannot be kept")

        status, answer = http_json(served.url, "POST", "/_cases_mock/state/save")

        assert status == 500
        assert EROFS in answer["message"]
        status, health = _health(served.url)
        assert (status, health["status"], health["stateFile"]["saveError"]) == (503, "degraded", EROFS)
        _, err = served.stop()

    assert served.process.returncode == 3
    assert err.splitlines()[-1] == (
        f"cases-mock: saving the state to {state} failed: {EROFS}; the previous file is kept, without "
        "what changed since it was written (exit status 3)"
    )
    assert "Traceback" not in err
    assert state.read_bytes() == before


# -- where no disk can be mounted: the write itself fails ---------------------------------------------
class _FullDisk:
    """``open`` for persistence.py whose files take half the data, then raise ENOSPC."""

    def __call__(self, path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        real = open(path, mode, *args, **kwargs)  # noqa: SIM115 - closed by the wrapper's user
        original_write = real.write

        def write(data: bytes) -> int:
            original_write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

        real.write = write
        return real


def test_a_failing_write_answers_a_json_error_removes_its_temporary_file_and_degrades_health(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = tmp_path / "state.json"
    server = CasesServer(quiet=True, state_file=str(state)).start()
    try:
        server.client().create_domain(name="kept")
        assert http_json(server.url, "POST", "/_cases_mock/state/save")[0] == 200
        saved = state.read_bytes()
        server.client().create_domain(name="not kept")
        monkeypatch.setattr(persistence, "open", _FullDisk(), raising=False)

        status, answer = http_json(server.url, "POST", "/_cases_mock/state/save")

        assert status == 500
        assert ENOSPC in answer["message"]
        assert sorted(p.name for p in tmp_path.iterdir()) == [".state.json.lock", "state.json"]
        assert state.read_bytes() == saved
        assert _health(server.url)[0] == 503

        monkeypatch.undo()
        assert http_json(server.url, "POST", "/_cases_mock/state/save")[0] == 200
        assert _health(server.url)[1]["status"] == "ok"
        monkeypatch.setattr(persistence, "open", _FullDisk(), raising=False)
    finally:
        with pytest.raises(StateSaveError, match="No space left on device"):
            server.stop()
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]  # released all the same
    assert "not kept" in state.read_text(encoding="utf-8")
