"""The per-test lifecycle: ``python -m benchmarks.lifecycle`` (also part of ``python -m benchmarks.run``).

What cases_mock adds to one test that uses it and makes no call: ``@mock_connectcases`` around an
empty test function (start, stop and the reset of the state), and the ``cases_mock`` pytest
fixture, measured as pytest runs it: in one in-process ``pytest.main`` over a file of empty
tests that take the fixture and a file of empty tests that do not, the median test's setup, call
and teardown time of the first less that of the second. Target: at most 2 ms each.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

from benchmarks.timing import median_ms, row
from cases_mock import mock_connectcases

TARGET_MS = 2.0
FIXTURE_TESTS = 300
INI = "[pytest]\naddopts =\nasyncio_default_fixture_loop_scope = function\n"  # not the project's


@mock_connectcases
def _empty_test() -> None:
    """A test that uses the decorator and makes no call."""


class _Durations:
    """A pytest plugin summing each test's setup, call and teardown durations, by file."""

    def __init__(self) -> None:
        self.by_file: dict[str, dict[str, float]] = {}

    def pytest_runtest_logreport(self, report: Any) -> None:
        tests = self.by_file.setdefault(report.nodeid.split("::")[0], {})
        tests[report.nodeid] = tests.get(report.nodeid, 0.0) + report.duration


def fixture_ms() -> float:
    """The ``cases_mock`` fixture's cost per test, in ms: the median test of a file taking it,
    less the median test of a file not taking it, in one in-process pytest run."""
    import pytest

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "pytest.ini").write_text(
            "[pytest]\naddopts =\nasyncio_default_fixture_loop_scope = function\n"
        )
        for name, argument in (("test_bare.py", ""), ("test_fixture.py", "cases_mock")):
            tests = (f"def test_{i}({argument}):\n    pass\n" for i in range(FIXTURE_TESTS))
            (folder / name).write_text("\n".join(tests))
        durations = _Durations()
        args = [str(folder), "-q", "-c", str(folder / "pytest.ini"), "-p", "no:cacheprovider"]
        with redirect_stdout(io.StringIO()):
            code = pytest.main(args, plugins=[durations])
        if code != 0:
            raise RuntimeError(f"pytest exited {code} in the lifecycle benchmark")
    medians = {
        Path(file).name: statistics.median(tests.values()) for file, tests in durations.by_file.items()
    }
    return (medians["test_fixture.py"] - medians["test_bare.py"]) * 1000


def bench_test_lifecycle(out: list[str]) -> None:
    """Rows for the decorator around an empty test and for the pytest fixture, beside the target."""
    decorated = median_ms(_empty_test, repeat=9, number=100, warmup=20)
    mark = "ok" if decorated <= TARGET_MS else "MISSED"
    out.append(
        row("per-test lifecycle: @mock_connectcases, empty test", decorated, "ms", f"target <= 2 {mark}")
    )
    fixture = fixture_ms()
    mark = "ok" if fixture <= TARGET_MS else "MISSED"
    out.append(row("per-test lifecycle: cases_mock pytest fixture", fixture, "ms", f"target <= 2 {mark}"))


def main() -> int:
    out = ["cases_mock per-test lifecycle (medians)"]
    bench_test_lifecycle(out)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
