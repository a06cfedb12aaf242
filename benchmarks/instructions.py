"""Instructions per call under callgrind: ``python -m benchmarks.instructions``.

Timings on a shared machine move by 2x between runs; instruction counts do not. For each
operation this counts, in one child process run under ``valgrind --tool=callgrind``, the
instructions of N calls and of M calls (after five warm-up calls) and prints their difference
divided by N - M, for:

* the signed ``before-send`` floor (issue 29's targets are ratios to it) and the ``before-call``
  floor: ``benchmarks/floor.py``'s canned clients, answering what the mock answered, no mock active;
* cases_mock's before-call path (``--full-path`` adds the full path),

beside issue 29's targets and 2x the before-call floor. The domain is ``benchmarks/run.py``'s
(1,000 cases, made through boto3 before anything is counted). Only the instructions inside each
measured loop are counted: the loop runs under ``functools.reduce``, which callgrind collects
(``--toggle-collect``) and dumps after (``--dump-after``); neither botocore nor cases_mock calls it.
The child runs with ``PYTHONHASHSEED=0``: string hashes change dict layouts, which moves a count
by some thousands between runs otherwise. A run takes a few minutes (valgrind runs Python some
50x slower).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

OPERATIONS = ("GetCase", "UpdateCase", "CreateCase", "SearchCases")
TARGETS = {"GetCase": 0.45, "UpdateCase": 0.45, "CreateCase": 0.5, "SearchCases": 0.6}  # issue 29
KINDS = {
    "signed": "floor, signed before-send",
    "before-call": "floor, before-call",
    "mock": "cases_mock, before-call path",
    "full": "cases_mock, full path",
}
KINDS_ORDER = ("signed", "before-call", "mock", "full")
_TOGGLE = "functools_reduce"  # CPython's C function behind functools.reduce
WARMUP = 5


def _counted(action: Callable[[], object], calls: int) -> None:
    """``calls`` calls of ``action``, inside the one function callgrind counts."""
    functools.reduce(lambda _, __: action(), range(calls), None)


def _child(out: Path, operations: list[str], calls: dict[str, tuple[int, int]], full: bool) -> None:
    """Runs under callgrind: the domain, then each measurement as two counted loops, in the order
    written to ``out/labels.json``."""
    import boto3

    from benchmarks.floor import before_call_client, canned_client, capture
    from benchmarks.run import CASES, _domain_with_cases
    from benchmarks.run import _calls as calls_of
    from cases_mock import mock_connectcases

    labels: list[list[Any]] = []

    def measure(kind: str, name: str, action: Callable[[], object]) -> None:
        for _ in range(WARMUP):
            action()
        for count in calls[name]:
            _counted(action, count)
            labels.append([kind, name, count])

    mock = mock_connectcases(keep_state=True)
    with mock:
        client = boto3.client("connectcases", region_name="us-east-1")
        ids = _domain_with_cases(client, CASES)
        wanted = {name: call for name, call in calls_of(ids).items() if name in operations}
        answers = {name: capture(client, m, p) for name, (m, p) in wanted.items()}
        parsed = {name: getattr(client, m)(**p) for name, (m, p) in wanted.items()}
    paths = {"mock": False, "full": True} if full else {"mock": False}
    for kind, full_path in paths.items():
        with mock_connectcases(keep_state=True, full_path=full_path):
            client = boto3.client("connectcases", region_name="us-east-1")
            for name, (method, params) in wanted.items():
                measure(kind, name, functools.partial(getattr(client, method), **params))
    mock.reset()
    for name, (method, params) in wanted.items():
        signed = canned_client(answers[name])
        before_call = before_call_client(answers[name], parsed[name])
        measure("signed", name, functools.partial(getattr(signed, method), **params))
        measure("before-call", name, functools.partial(getattr(before_call, method), **params))
    (out / "labels.json").write_text(json.dumps(labels))


def _totals(dump: Path) -> int:
    for line in dump.read_text().splitlines():
        if line.startswith("totals:"):
            return int(line.split()[1])
    raise RuntimeError(f"{dump} has no totals line")


def per_call(out: Path) -> dict[tuple[str, str], float]:
    """Instructions per call by (kind, operation), from the child's dumps (``cg.1``, ``cg.2``, ...)."""
    labels = json.loads((out / "labels.json").read_text())
    counts: dict[tuple[str, str], dict[int, int]] = {}
    for index, (kind, name, calls) in enumerate(labels, start=1):
        counts.setdefault((kind, name), {})[calls] = _totals(out / f"cg.{index}")
    result = {}
    for key, totals in counts.items():
        (many, more), (few, fewer) = sorted(totals.items(), reverse=True)
        result[key] = (more - fewer) / (many - few)
    return result


def report(figures: dict[tuple[str, str], float], operations: list[str]) -> list[str]:
    lines = ["instructions per call (callgrind; ratios to the signed before-send floor)"]
    for name in operations:
        signed = figures[("signed", name)]
        before_call = figures[("before-call", name)]
        for kind in KINDS_ORDER:
            if (kind, name) not in figures:
                continue
            value = figures[(kind, name)]
            note = "" if kind == "signed" else f"{value / signed:.2f}x"
            if kind == "mock":
                mark = "ok" if value / signed <= TARGETS[name] else "MISSED"
                twice = "ok" if value <= 2 * before_call else "MISSED"
                note += (
                    f"  target <= {TARGETS[name]}x ({TARGETS[name] * signed / 1000:,.0f} k) {mark};"
                    f" {value / before_call:.2f}x the before-call floor, target <= 2x {twice}"
                )
            lines.append(f"  {name + ': ' + KINDS[kind]:<46} {value / 1000:>9,.0f} k  {note}")
    return lines


def _pair(text: str) -> tuple[int, int]:
    many, few = (int(part) for part in text.split(","))
    if not many > few >= 0:
        raise argparse.ArgumentTypeError(f"{text}: two call counts, the larger first (300,100)")
    return many, few


def main(argv: list[str] | None = None) -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--ops", default=",".join(OPERATIONS), help="comma-separated operations")
    parser.add_argument("--calls", type=_pair, default=(300, 100), help="the two call counts (300,100)")
    parser.add_argument("--search-calls", type=_pair, default=(60, 20), help="SearchCases' two counts")
    parser.add_argument("--full-path", action="store_true", help="count the full path too")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    operations = [name.strip() for name in args.ops.split(",") if name.strip()]
    unknown = sorted(set(operations) - set(OPERATIONS))
    if unknown:
        parser.error(f"unknown operation(s) {', '.join(unknown)}; choose from {', '.join(OPERATIONS)}")
    calls = {name: args.search_calls if name == "SearchCases" else args.calls for name in operations}
    if args.child is not None:
        _child(args.child, operations, calls, args.full_path)
        return 0
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("benchmarks.instructions needs valgrind (apt-get install valgrind); not found on PATH")
        return 1
    with tempfile.TemporaryDirectory(prefix="cases-mock-callgrind-") as folder:
        out = Path(folder)
        child = [sys.executable, "-m", "benchmarks.instructions", "--child", str(out), "--ops", args.ops]
        for option, (many, few) in (("--calls", args.calls), ("--search-calls", args.search_calls)):
            child += [option, f"{many},{few}"]
        child += ["--full-path"] if args.full_path else []
        command = [valgrind, "--tool=callgrind", f"--toggle-collect={_TOGGLE}", f"--dump-after={_TOGGLE}"]
        command += [f"--callgrind-out-file={out / 'cg'}", *child]
        env = {**os.environ, "PYTHONHASHSEED": "0"}  # the same dict layouts every run
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        if done.returncode != 0 or not (out / "labels.json").exists():
            print(done.stderr[-3000:], file=sys.stderr)
            print(f"benchmarks.instructions: the run under callgrind failed (exit {done.returncode})")
            return 1
        print("\n".join(report(per_call(out), operations)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
