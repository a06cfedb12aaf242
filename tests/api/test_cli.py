"""The ``cases-mock`` command as a user meets it: help, defaults, examples, version."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

import cases_mock
from cases_mock.cli import main


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

    assert code == 0
    assert "(default: 4566)" in out
    assert "(default: 127.0.0.1)" in out
    assert "AWS_ENDPOINT_URL_CONNECTCASES" in out


def test_demo_help_says_what_it_does(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "demo", "--help")

    assert code == 0
    assert "in-memory mock" in out


def test_coverage_requires_an_explicit_output_path(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "coverage")

    assert code == 2
    assert "--output" in err


def test_coverage_writes_only_where_it_is_told(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tests_dir = tmp_path / "tests"
    tests_dir.mkdir()
    (tests_dir / "test_one.py").write_text("client.create_domain(name='x')\n", encoding="utf-8")
    target = tmp_path / "out" / "coverage.md"

    assert main(["coverage", "--output", str(target), "--tests", str(tests_dir)]) == 0

    table = target.read_text(encoding="utf-8")
    assert "| CreateDomain | 1.27.86 | `POST /domains` | yes |" in table
    assert "`tests/test_one.py`" in table
    assert f"wrote {target}" in capsys.readouterr().out
