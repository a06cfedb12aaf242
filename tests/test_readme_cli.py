"""The README's AWS CLI lines work as written against a server, from an empty AWS set-up."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cases_mock._server import CasesServer

ROOT = Path(__file__).resolve().parent.parent


def _cli_block() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", readme, re.DOTALL)
    found = [b for b in blocks if "AWS_ENDPOINT_URL_CONNECTCASES=" in b]
    assert found, "README.md shows no AWS_ENDPOINT_URL_CONNECTCASES line"
    return [line for line in found[0].splitlines() if line.strip()]


@pytest.mark.skipif(shutil.which("aws") is None, reason="the AWS CLI comes with the dev extra")
def test_the_readme_environment_line_is_all_the_aws_cli_needs(tmp_path: Path) -> None:
    env = {name: value for name, value in os.environ.items() if not name.startswith("AWS_")}
    env["HOME"] = str(tmp_path)  # no ~/.aws: nothing configured
    with CasesServer(quiet=True) as server:
        # the export line and the first command (each AWS CLI start costs seconds)
        export, first = _cli_block()[:2]
        script = f"{export.replace('http://127.0.0.1:4566', server.url)} && {first}"
        done = subprocess.run(
            ["bash", "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
        )

    assert done.returncode == 0, done.stderr
    assert '"domainStatus": "Active"' in done.stdout
    assert export.startswith("export ")
    assert first.startswith("aws connectcases ")
