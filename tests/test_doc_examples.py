"""Every fenced ``python`` block of README.md and docs/*.md runs as written, in a clean
environment: a new process with no ``AWS_*`` variables, an empty ``HOME`` and an empty working
directory, so nothing an AWS set-up or an earlier test provides can make an example pass.

* A block that defines ``def test_...`` functions is a test file: it runs under pytest (with the
  installed cases_mock plugin, as a user's suite would) and every test in it must pass.
* Any other block runs as a script and must exit 0: in a process of its own, forked from one that
  imported boto3 and cases_mock already (``tests/example_forker.py``), so each costs its own work.
* A block whose first line is a ``# fragment: ...`` comment is deliberately incomplete (it says
  why, visibly, to the reader); it is only compiled. docs/contributing.md describes the rule.
* A block whose first line is ``# requires: ...`` runs where what it names is there and is
  skipped, naming it, elsewhere: modules (docs/async.md: aiobotocore and aioboto3 pin older
  botocore releases than the README's install, so CI runs those in their own environments),
  and operations or members of the model (named as in cases_mock/_services/connectcases/releases.py).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import selectors
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cases_mock._services.connectcases.releases import MEMBERS, OPERATIONS, absent, release
from maintainers.api_reference import render

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^(?P<indent>[ \t]*)```python[ \t]*$")
FRAGMENT = "# fragment:"
REQUIRES = "# requires:"


@dataclass(frozen=True)
class Example:
    path: str  # relative to the repository
    line: int  # of the opening fence
    code: str

    @property
    def name(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def is_fragment(self) -> bool:
        return self.code.lstrip().startswith(FRAGMENT)

    @property
    def missing(self) -> list[str]:
        """The modules its ``# requires:`` line names that are not installed."""
        first = self.code.lstrip().splitlines()[0] if self.code.strip() else ""
        if not first.startswith(REQUIRES):
            return []
        names = first[len(REQUIRES) :].split()
        features = [name for name in names if name in OPERATIONS or name in MEMBERS]
        modules = [name for name in names if name not in features]
        return [name for name in modules if importlib.util.find_spec(name) is None] + absent(*features)

    @property
    def is_test_file(self) -> bool:
        return re.search(r"^(async )?def test_", self.code, re.MULTILINE) is not None

    @property
    def module(self) -> str:
        """A unique test-module name for this block."""
        return "test_" + re.sub(r"\W", "_", self.path) + f"_{self.line}"


def examples() -> list[Example]:
    found: list[Example] = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        lines = path.read_text(encoding="utf-8").splitlines()
        index = 0
        while index < len(lines):
            opening = FENCE.match(lines[index])
            if opening is None:
                index += 1
                continue
            end = index + 1
            while end < len(lines) and lines[end].strip() != "```":
                end += 1
            code = textwrap.dedent("\n".join(lines[index + 1 : end])) + "\n"
            found.append(Example(str(path.relative_to(ROOT)), index + 1, code))
            index = end + 1
    return found


EXAMPLES = examples()


def clean_environment(home: Path) -> dict[str, str]:
    """The caller's environment without AWS settings or the suite's own switches."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("AWS_", "CASES_MOCK_", "PYTEST_", "HYPOTHESIS_"))
    }
    env["HOME"] = str(home)
    return env


@pytest.fixture(scope="module")
def test_file_outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, int, str]]:
    """Runs every test-file example in one pytest process: module name -> (passed, failed, report)."""
    work = tmp_path_factory.mktemp("doc-tests")
    home = tmp_path_factory.mktemp("home")
    for example in EXAMPLES:
        if example.is_test_file and not example.is_fragment and not example.missing:
            (work / f"{example.module}.py").write_text(example.code, encoding="utf-8")
    report = work / "report.xml"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--continue-on-collection-errors",
            f"--junitxml={report}",
            ".",
        ],
        cwd=work,
        env=clean_environment(home),
        capture_output=True,
        text=True,
        timeout=300,
    )
    outcomes: dict[str, tuple[int, int, str]] = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        # a test's classname is its module; a collection error has none, its name is the module
        module = str(case.get("classname") or case.get("name", "")).split(".")[-1]
        passed, failed, text = outcomes.get(module, (0, 0, ""))
        problems = [child for child in case if child.tag in ("failure", "error", "skipped")]
        if problems:
            failed += 1
            text += "\n".join(str(p.get("message", "")) + "\n" + (p.text or "") for p in problems)
        else:
            passed += 1
        outcomes[module] = (passed, failed, text)
    outcomes["<session>"] = (0, 0, done.stdout[-4000:] + done.stderr[-4000:])
    return outcomes


@pytest.fixture(scope="module")
def run_script(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., dict[str, Any]]]:
    """Runs a script example in a new process, forked by ``example_forker.py`` (started once, in
    the clean environment) from one that has imported boto3 and cases_mock already."""
    forker = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "example_forker.py")],
        cwd=tmp_path_factory.mktemp("forker"),
        env=clean_environment(tmp_path_factory.mktemp("forker-home")),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    stdin, stdout = forker.stdin, forker.stdout
    assert stdin is not None
    assert stdout is not None
    answers = selectors.DefaultSelector()
    answers.register(stdout, selectors.EVENT_READ)

    def run(script: Path, *, cwd: Path, home: Path) -> dict[str, Any]:
        stdin.write(json.dumps({"script": str(script), "cwd": str(cwd), "home": str(home)}) + "\n")
        stdin.flush()
        if not answers.select(timeout=120):
            forker.kill()
            raise AssertionError(f"{script} did not finish within 120 s")
        answer: dict[str, Any] = json.loads(stdout.readline())
        return answer

    yield run
    stdin.close()
    forker.wait(timeout=30)
    stdout.close()
    answers.close()


def test_the_docs_have_examples_to_run() -> None:
    assert len([e for e in EXAMPLES if not e.is_fragment]) >= 20


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_example_runs_as_written(
    example: Example,
    tmp_path: Path,
    test_file_outcomes: dict[str, tuple[int, int, str]],
    run_script: Callable[..., dict[str, Any]],
) -> None:
    compile(example.code, example.name, "exec")
    if example.is_fragment:
        return
    if example.missing:
        pytest.skip(f"{example.name} requires {', '.join(example.missing)}, missing here")
    if example.is_test_file:
        passed, failed, report = test_file_outcomes.get(
            example.module, (0, 0, test_file_outcomes["<session>"][2])
        )
        assert (passed > 0, failed) == (True, 0), f"{example.name} as a pytest file:\n{report}"
        return
    home = tmp_path / "home"
    home.mkdir()
    script = tmp_path / "example.py"
    script.write_text(example.code, encoding="utf-8")
    done = run_script(script, cwd=tmp_path, home=home)
    assert done["returncode"] == 0, (
        f"{example.name} as a script:\n{done['stdout'][-3000:]}\n{done['stderr'][-3000:]}"
    )


def test_the_api_reference_is_the_docstrings_as_they_are() -> None:
    written = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")

    assert written == render(), "docs/api.md is stale: python -m maintainers.api_reference docs/api.md"
    assert ":::" not in written  # readable in a checkout, no site build needed
    fixtures = (
        "cases_mock",
        "cases_client",
        "cases_async_client",
        "profiles_client",
        "profiles_async_client",
        "cases_server",
        "cases_mock_settings",
    )
    for fixture in fixtures:
        assert f"### `{fixture}`" in written


def test_every_botocore_release_the_docs_name_for_an_operation_is_the_one_that_added_it() -> None:
    said = re.compile(r"`(?P<operation>[A-Z]\w+)`[^.]*? came with botocore (?P<version>\d+\.\d+\.\d+)")
    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for match in said.finditer(" ".join(path.read_text(encoding="utf-8").split())):
            found.append((path.name, match["operation"], match["version"]))
            assert release(match["operation"]) == match["version"], (path.name, match[0])
    assert {(name, operation) for name, operation, _ in found} >= {
        ("cookbook.md", "BatchUpdateCase"),
        ("async.md", "BatchUpdateCase"),
    }
