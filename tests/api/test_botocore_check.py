"""A botocore whose connectcases model predates case rules is refused with one clear error."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import botocore

SCRIPT = """
from cases_mock import mock_connectcases
mock_connectcases().start()
"""


def _old_model_path(tmp_path: Path) -> Path:
    """A data path whose connectcases model lacks the case-rule operations, as botocore < 1.36.15."""
    builtin = Path(botocore.__file__).parent / "data" / "connectcases"
    version = sorted(p.name for p in builtin.iterdir())[-1]
    model = json.loads(gzip.decompress((builtin / version / "service-2.json.gz").read_bytes()))
    for name in [n for n in model["operations"] if "CaseRule" in n]:
        del model["operations"][name]
    target = tmp_path / "models" / "connectcases" / version
    target.mkdir(parents=True)
    (target / "service-2.json").write_text(json.dumps(model), encoding="utf-8")
    return tmp_path / "models"


def test_activating_with_a_model_too_old_names_installed_and_required_versions(tmp_path: Path) -> None:
    env = {**os.environ, "AWS_DATA_PATH": str(_old_model_path(tmp_path))}
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60, env=env)

    assert done.returncode == 1
    last_line = done.stderr.strip().splitlines()[-1]
    assert last_line.startswith("cases_mock._protocol.model.BotocoreTooOldError: cases_mock needs botocore>=")
    assert f"the botocore imported is {botocore.__version__}" in last_line
    assert "CreateCaseRule" in last_line
    assert "virtualenv" in last_line
    assert done.stderr.count("Traceback") == 1


def test_the_current_model_activates(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60)

    assert done.returncode == 0, done.stderr


def test_activating_with_an_aws_profile_that_names_no_profile_works(tmp_path: Path) -> None:
    env = {**os.environ, "AWS_PROFILE": "no-such-profile", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60, env=env)

    assert done.returncode == 0, done.stderr
