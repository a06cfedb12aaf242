"""The ``cases-mock`` command as a user meets it: help, defaults, examples, version."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest

import cases_mock
from cases_mock._server.control import CONTROL_ROUTES
from cases_mock.cli import main
from maintainers.coverage import main as coverage_main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    captured = capsys.readouterr()
    return int(exited.value.code or 0), captured.out, captured.err


def test_version_is_the_installed_package_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cases_mock", "--version"], capture_output=True, text=True, timeout=60
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"cases-mock {cases_mock.__version__}"
    assert metadata.version("cases-mock") == cases_mock.__version__


def test_help_describes_each_user_command_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--help")

    assert code == 0
    assert "demo        walk through the Connect Cases API in memory" in out
    assert "serve       run a Connect Cases endpoint over HTTP" in out
    assert "examples:" in out
    assert "aws connectcases list-domains --endpoint-url http://127.0.0.1:4566" in out
    assert "``" not in out
    assert "as it lands" not in out


def test_maintainer_coverage_command_is_left_out_of_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--help")

    assert "coverage" not in out


def test_serve_help_shows_defaults_and_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "serve", "--help")
    out = " ".join(out.split())  # argparse wraps to the terminal's width

    assert code == 0
    assert "(default: 4566)" in out
    assert "(default: 127.0.0.1)" in out
    assert "AWS_ENDPOINT_URL_CONNECTCASES" in out


def test_serve_help_shows_no_meaningless_default(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "serve", "--help")

    for meaningless in ("(default: [])", "(default: None)", "(default: False)", "SUPPRESS"):
        assert meaningless not in out


def test_serve_help_needs_no_checkout_it_lists_every_control_endpoint(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = _run(capsys, "serve", "--help")

    assert "docs/" not in out  # a pip user has no docs directory
    for _method, name in CONTROL_ROUTES.exact:
        assert f"/_cases_mock/{name}" in out, name
    assert "--allow-host" in out.split("security:")[1]


def _cases_mock(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cases_mock", *argv], capture_output=True, text=True, timeout=60
    )


def test_no_command_shows_the_help() -> None:
    done = _cases_mock()

    assert done.returncode == 0, done.stderr
    assert "serve       run a Connect Cases endpoint over HTTP" in done.stdout
    assert "examples:" in done.stdout


def test_a_mistyped_command_names_the_user_commands_only() -> None:
    done = _cases_mock("srve")

    assert done.returncode == 2
    assert "invalid choice: 'srve' (choose from 'demo', 'serve')" in done.stderr
    assert "coverage" not in done.stderr


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--port", "99999", "must be a whole number from 0 to 65535, not 99999"),
        ("--port", "-1", "must be a whole number from 0 to 65535, not -1"),
        ("--port", "http", "must be a whole number from 0 to 65535, not 'http'"),
        ("--max-body", "-1", "must be a whole number >= 1, not -1"),
        ("--max-body", "0", "must be a whole number >= 1, not 0"),
        ("--max-connections", "0", "must be a whole number >= 1, not 0"),
        ("--record-calls", "-5", "must be a whole number >= 0, not -5"),
        ("--request-timeout", "0", "must be seconds above 0 and at most 86400, not 0"),
        ("--request-timeout", "nan", "must be seconds above 0 and at most 86400, not nan"),
        ("--idle-timeout", "1e300", "must be seconds above 0 and at most 86400, not 1e300"),
        ("--idle-timeout", "-3", "must be seconds above 0 and at most 86400, not -3"),
        ("--save-every", "inf", "must be seconds above 0 and at most 86400, not inf"),
    ],
)
def test_a_numeric_option_out_of_range_is_refused_naming_it(option: str, value: str, expected: str) -> None:
    done = _cases_mock("serve", option, value)

    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == f"cases-mock serve: error: argument {option}: {expected}"
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def test_a_port_in_use_gets_one_line_suggesting_another(taken_port: int) -> None:
    done = _cases_mock("serve", "--port", str(taken_port))

    assert done.returncode == 2
    assert done.stderr == (
        f"cases-mock: port {taken_port} on 127.0.0.1 is already in use (4566 is also LocalStack's): "
        "give another with --port, or --port 0 for a free one\n"
    )
    assert done.stdout == ""


def test_a_host_that_does_not_resolve_gets_one_line_naming_the_option() -> None:
    done = _cases_mock("serve", "--host", "nosuchhost.invalid", "--port", "0")

    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.startswith("cases-mock: --host nosuchhost.invalid is not an address or a name")
    assert line.endswith("give e.g. 127.0.0.1, ::1 or 0.0.0.0 (every interface)")


def test_save_every_without_a_state_file_says_what_is_missing() -> None:
    done = _cases_mock("serve", "--save-every", "5")

    assert done.returncode == 2
    assert done.stderr == "cases-mock: --save-every needs --state-file PATH (where to save)\n"


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    """A ``cases-mock serve`` process: its URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "cases_mock", "serve", "--port", "0", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    yield process.stdout.readline().split()[-1]
    process.terminate()
    process.communicate(timeout=10)


def _get(url: str, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    host, port = url.removeprefix("http://").rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_the_start_up_lines_give_the_url_then_the_dashboard() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "cases_mock", "serve", "--port", "0", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as process:
        assert process.stdout is not None
        first = process.stdout.readline()
        url = first.split()[-1]
        status, page = _get(url, "/_cases_mock/ui/")
        process.terminate()
        out = process.stdout.read()  # what readline left buffered too (communicate would skip it)

    assert [first.rstrip("\n"), *out.splitlines()[:1]] == [
        f"cases-mock listening on {url}",
        f"dashboard: {url}/_cases_mock/ui/  (Ctrl-C stops the server)",
    ]
    assert status == 200
    assert b'<script src="app.js"' in page


@pytest.mark.parametrize("path", ["/", "/_cases_mock/", "/_cases_mock"])
def test_the_servers_root_points_to_the_dashboard_and_the_control_endpoints(served: str, path: str) -> None:
    url = served

    status, body = _get(url, path)

    assert status == 200
    index = json.loads(body)
    assert index["dashboard"] == f"{url}/_cases_mock/ui/"
    assert index["control"]["health"] == f"{url}/_cases_mock/health"
    assert _get(url, "/_cases_mock/health") == (200, b'{"status": "ok"}')
    assert "cases-mock serve --help" in index["docs"]


@pytest.mark.parametrize("path", ["/", "/_cases_mock/"])
def test_the_servers_root_keeps_the_host_and_origin_checks(served: str, path: str) -> None:
    url = served

    assert _get(url, path, {"Host": "attacker.example"})[0] == 403
    assert _get(url, path, {"Origin": "http://evil.example"})[0] == 403


def test_demo_help_says_what_it_does(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "demo", "--help")

    assert code == 0
    assert "in-memory mock" in out


def test_the_coverage_generator_is_the_maintainers_not_the_users(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = _run(capsys, "coverage")

    assert code == 2  # not a command of the installed package: it lives in maintainers/
    with pytest.raises(SystemExit) as exit_info:
        coverage_main([])
    assert exit_info.value.code == 2
    assert "--output" in capsys.readouterr().err


def test_coverage_writes_only_where_it_is_told(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tests_dir = tmp_path / "tests"
    tests_dir.mkdir()
    (tests_dir / "test_one.py").write_text("client.create_domain(name='x')\n", encoding="utf-8")
    target = tmp_path / "out" / "coverage.md"

    assert coverage_main(["--output", str(target), "--tests", str(tests_dir)]) == 0

    table = target.read_text(encoding="utf-8")
    assert "| CreateDomain | 1.27.86 | `POST /domains` | yes |" in table
    assert "`tests/test_one.py`" in table
    assert f"wrote {target}" in capsys.readouterr().out
