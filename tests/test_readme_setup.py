"""The README's two set-up commands work on a fresh copy, and CI runs exactly those commands.

``test_readme_setup_commands_work_in_a_fresh_clone`` takes about a minute (a new virtualenv and
the ``dev`` extra): it is marked ``slow``, which the README's test command leaves out;
``python -m pytest -q -m slow`` runs it, and CI (``.ci/run``) always does.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What the README's test command runs inside the fresh clone instead of the whole suite: the
# whole suite would run this test again, recursively. These check that the installed package,
# its pytest plugin and its command work from the new virtualenv.
SUBSET = "tests/test_demo.py tests/api/test_plugin.py tests/api/test_cli.py"


def readme_setup_commands() -> list[str]:
    """The lines of the bash block under the README's "Set up" heading."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"^## Set up[^\n]*\n.*?```bash\n(.*?)```", readme, re.DOTALL | re.MULTILINE)
    assert found, "README.md has no bash block under a '## Set up' heading"
    return [line for line in found.group(1).splitlines() if line.strip()]


def test_readme_has_two_setup_commands_install_then_test() -> None:
    install, test = readme_setup_commands()

    assert 'pip install -e ".[dev]"' in install
    assert test == "python -m pytest -q"


def test_ci_runs_the_readme_setup_commands_exactly() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()

    for command in readme_setup_commands():
        assert command in ci, f".ci/run does not run the README's command {command!r}"


@pytest.mark.slow
def test_readme_setup_commands_work_in_a_fresh_clone(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, timeout=120)
    env = {name: value for name, value in os.environ.items() if not name.startswith(("AWS_", "VIRTUAL_ENV"))}
    env.pop("CASES_MOCK_STRICT_OUTPUT", None)
    install, test = readme_setup_commands()

    installed = subprocess.run(
        ["bash", "-c", install], cwd=clone, env=env, capture_output=True, text=True, timeout=600
    )
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    assert installed.stdout.rstrip().endswith("nothing reached AWS."), installed.stdout[-2000:]

    tested = subprocess.run(
        ["bash", "-c", f". .venv/bin/activate && {test} {SUBSET}"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert tested.returncode == 0, tested.stdout[-3000:] + tested.stderr[-3000:]
    assert " passed" in tested.stdout
