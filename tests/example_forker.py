"""Runs the docs' script examples each in a process of its own, forked from one that has
already imported what they import (boto3, botocore, cases_mock), so an example costs its own
work and not an interpreter's start and boto3's import.

``tests/test_doc_examples.py`` starts this module once (``python tests/example_forker.py``, in
the clean environment) and writes one JSON request a line on its stdin: ``{"script", "cwd",
"home"}``. For each, a forked child moves to ``cwd``, sets ``HOME``, sends its stdout and
stderr to files beside the script and runs it as ``__main__``; the parent answers one JSON line
``{"returncode", "stdout", "stderr"}`` once the child has exited. Nothing the parent imported
holds state an example could see: importing boto3 and cases_mock makes no session, client or
mock.
"""

from __future__ import annotations

import json
import os
import runpy
import sys
import traceback
from pathlib import Path

import boto3  # noqa: F401  (imported once, here, for every example)
import botocore.session  # noqa: F401

import cases_mock  # noqa: F401


def _child(script: Path, cwd: str, home: str) -> None:
    out = os.open(script.with_suffix(".out"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    err = os.open(script.with_suffix(".err"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(out, 1)
    os.dup2(err, 2)
    os.chdir(cwd)
    os.environ["HOME"] = home
    sys.argv = [str(script)]
    sys.path[0] = str(script.parent)
    code = 0
    try:
        runpy.run_path(str(script), run_name="__main__")
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if not isinstance(stop.code, int | None):
            print(stop.code, file=sys.stderr)
    except BaseException:
        traceback.print_exc()
        code = 1
    try:
        import atexit

        atexit._run_exitfuncs()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def main() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        script = Path(request["script"])
        pid = os.fork()
        if pid == 0:
            _child(script, request["cwd"], request["home"])
        _, status = os.waitpid(pid, 0)
        answer = {
            "returncode": os.waitstatus_to_exitcode(status),
            "stdout": script.with_suffix(".out").read_text(encoding="utf-8", errors="replace"),
            "stderr": script.with_suffix(".err").read_text(encoding="utf-8", errors="replace"),
        }
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
