"""docs/coverage.md and docs/members.md are generated from the model, the handler registry and
cases_mock/_services/connectcases/members.py, and kept fresh; every input member of the
installed model is accounted for."""

from __future__ import annotations

import re
from pathlib import Path

import botocore
import pytest

from cases_mock._services.connectcases.members import HONOURED, IGNORED, REFUSED, members, unaccounted
from cases_mock._services.connectcases.releases import OPERATIONS
from maintainers.coverage import render, render_members

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "coverage.md"
MEMBERS_TARGET = ROOT / "docs" / "members.md"


@pytest.mark.needs_model(*OPERATIONS)  # the doc is generated from the newest model
def test_coverage_doc_is_up_to_date() -> None:
    assert TARGET.read_text(encoding="utf-8") == render(ROOT / "tests"), (
        "docs/coverage.md is stale: run `python -m maintainers.coverage --output docs/coverage.md`"
    )


def test_coverage_doc_lists_every_operation() -> None:
    text = Path(TARGET).read_text(encoding="utf-8")
    assert text.count("\n| ") - 1 == len(OPERATIONS) == 47


def _doc_botocore() -> str | None:
    found = re.search(r"from botocore (\S+) ", MEMBERS_TARGET.read_text(encoding="utf-8"))
    return found.group(1) if found else None


def test_members_doc_is_up_to_date() -> None:
    if _doc_botocore() != botocore.__version__:
        pytest.skip(f"docs/members.md was generated from botocore {_doc_botocore()}")
    assert MEMBERS_TARGET.read_text(encoding="utf-8") == render_members(), (
        "docs/members.md is stale: run `python -m maintainers.coverage --output docs/coverage.md`"
    )


def test_every_input_member_of_the_installed_model_is_accounted_for() -> None:
    missing = unaccounted()
    assert missing == [], (
        "cases_mock/_services/connectcases/members.py says nothing about these input members "
        "of the installed model "
        "(mark each honoured, ignored or refused): " + ", ".join(missing)
    )


def test_a_member_the_table_does_not_know_is_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    shortened = dict(HONOURED, SortNotThere="x")
    shortened["Sort"] = "fieldId"
    monkeypatch.setattr("cases_mock._services.connectcases.members.HONOURED", shortened)

    assert unaccounted() == ["SearchCases: Sort.sortOrder"]


def test_refused_and_ignored_entries_name_a_reason_with_an_aws_page() -> None:
    for reason in [*REFUSED.values(), *IGNORED.values()]:
        assert "https://docs.aws.amazon.com/" in reason
    statuses = {m.status for m in members()}
    assert statuses <= {"honoured", "ignored", "refused"}
