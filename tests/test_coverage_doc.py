"""docs/coverage.md is generated from the model and the handler registry, and kept fresh."""

from __future__ import annotations

from pathlib import Path

from cases_mock.coverage import render

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "coverage.md"


def test_coverage_doc_is_up_to_date() -> None:
    assert TARGET.read_text(encoding="utf-8") == render(ROOT / "tests"), (
        "docs/coverage.md is stale: run `python -m cases_mock coverage --output docs/coverage.md`"
    )


def test_coverage_doc_lists_every_operation() -> None:
    text = Path(TARGET).read_text(encoding="utf-8")
    assert text.count("\n| ") - 1 == 47
