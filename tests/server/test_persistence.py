"""``serve --state-file``: loaded at start, saved atomically, never torn by a SIGKILL."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from cases_mock import mock_connectcases
from tests.server.conftest import Served, a_server_client, http_json


def _refused_start(state: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cases_mock", "serve", "--port", "0", "--state-file", str(state)],
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_a_missing_file_starts_empty_and_sigterm_saves_in_the_format_of_mock_save(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with Served("--state-file", str(state)) as served:
        client = a_server_client(served.url)
        assert client.list_domains()["domains"] == []
        client.create_domain(name="persisted")
        out, _ = served.stop()

    assert served.process.returncode == 0
    assert f"saved the state to {state}" in out
    with mock_connectcases() as mock:
        mock.load(str(state))
        assert [d.name for d in mock.backend().domains.values()] == ["persisted"]
    with Served("--state-file", str(state)) as again:
        assert [d["name"] for d in a_server_client(again.url).list_domains()["domains"]] == ["persisted"]


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("{not json", "not a usable cases_mock state"),
        ('{"format": "something else"}', "not a usable cases_mock state"),
        (
            '{"format": "cases_mock/state/1", "backends": [{"account": "1", "region": "r", "seq": "x"}]}',
            "seq",
        ),
    ],
)
def test_an_unusable_state_file_refuses_to_start_and_is_left_untouched(
    tmp_path: Path, content: str, why: str
) -> None:
    state = tmp_path / "state.json"
    state.write_text(content, encoding="utf-8")

    done = _refused_start(state)

    assert done.returncode == 2
    assert str(state) in done.stderr
    assert why in done.stderr
    assert "left untouched" in done.stderr
    assert "listening" not in done.stdout
    assert state.read_text(encoding="utf-8") == content
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]  # no temporary file either


def test_an_unreadable_state_file_refuses_to_start(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.mkdir()  # a directory where the file should be

    done = _refused_start(state)

    assert done.returncode == 2
    assert "cannot read the state file" in done.stderr


def test_the_save_endpoint_and_periodic_saves_write_the_file(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with Served("--state-file", str(state), "--save-every", "0.1") as served:
        client = a_server_client(served.url)
        client.create_domain(name="saved-on-request")
        status, answer = http_json(served.url, "POST", "/_cases_mock/state/save")
        assert status == 200
        assert answer["saved"] == str(state)
        assert "saved-on-request" in state.read_text(encoding="utf-8")

        client.create_domain(name="saved-in-the-background")
        for _ in range(100):  # the saver runs every 0.1 s once something changed
            if "saved-in-the-background" in state.read_text(encoding="utf-8"):
                break
            time.sleep(0.05)
        assert "saved-in-the-background" in state.read_text(encoding="utf-8")
        served.process.kill()


def test_the_save_endpoint_without_a_state_file_is_a_400(server_url: str) -> None:
    status, answer = http_json(server_url, "POST", "/_cases_mock/state/save")

    assert status == 400
    assert "--state-file" in answer["message"]


def _stream_cases(client: Any, domain_id: str, template_id: str, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            client.create_case(
                domainId=domain_id,
                templateId=template_id,
                fields=[{"id": "title", "value": {"stringValue": "s"}}],
            )
        except Exception:  # the server was killed under us
            return


@pytest.mark.slow  # three servers killed mid-write
def test_sigkill_during_writes_never_tears_the_file_nor_loses_a_saved_case(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    chooser = random.Random(15)
    confirmed: dict[str, str] = {}  # case id -> title, acknowledged before a completed save
    ids: dict[str, str] = {}
    for round_number in range(3):
        served = Served("--state-file", str(state), "--save-every", "0.02")
        client = a_server_client(served.url)
        if not ids:
            ids["domain"] = client.create_domain(name="killed")["domainId"]
            ids["template"] = client.create_template(domainId=ids["domain"], name="T")["templateId"]
        for case_id, title in confirmed.items():
            got = client.get_case(domainId=ids["domain"], caseId=case_id, fields=[{"id": "title"}])
            assert got["fields"] == [{"id": "title", "value": {"stringValue": title}}]
            events = client.get_case_audit_events(domainId=ids["domain"], caseId=case_id)["auditEvents"]
            assert [e["type"] for e in events] == ["Case.Created"]
        acknowledged = {}
        for index in range(8):
            title = f"round {round_number} case {index}"
            case_id = client.create_case(
                domainId=ids["domain"],
                templateId=ids["template"],
                fields=[{"id": "title", "value": {"stringValue": title}}],
            )["caseId"]
            acknowledged[case_id] = title
        assert http_json(served.url, "POST", "/_cases_mock/state/save")[0] == 200
        confirmed.update(acknowledged)
        stop = threading.Event()
        writer = threading.Thread(target=_stream_cases, args=(client, ids["domain"], ids["template"], stop))
        writer.start()
        time.sleep(chooser.uniform(0.05, 0.3))

        served.process.send_signal(signal.SIGKILL)
        served.stop()
        stop.set()
        writer.join(timeout=30)

        saved = json.loads(state.read_text(encoding="utf-8"))  # whole, never torn or empty
        assert saved["format"] == "cases_mock/state/1"
    assert len(confirmed) == 24


def test_the_python_server_loads_its_state_file_and_saves_it_on_stop(tmp_path: Path) -> None:
    from cases_mock._server import CasesServer

    state = tmp_path / "state.json"
    with CasesServer(quiet=True, state_file=str(state)) as server:
        server.client().create_domain(name="in-process")
    with CasesServer(quiet=True, state_file=str(state)) as again:
        assert [d["name"] for d in again.client().list_domains()["domains"]] == ["in-process"]
