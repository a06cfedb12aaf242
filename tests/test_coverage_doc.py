"""docs/coverage.md (a table per service) and docs/members.md are generated from the models, the
handler registries and cases_mock/_services/connectcases/members.py, and kept fresh; every input
member of the installed model is accounted for."""

from __future__ import annotations

import re
from pathlib import Path

import botocore
import pytest
from botocore import xform_name

from cases_mock._protocol.model import operation_names
from cases_mock._services.connectcases.members import HONOURED, IGNORED, REFUSED, members, unaccounted
from cases_mock._services.connectcases.releases import OPERATIONS
from cases_mock._services.customerprofiles.handlers import load_all
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
    cases, profiles = text.split("\n## Amazon Connect Customer Profiles\n")
    assert cases.count("\n| ") - 1 == len(OPERATIONS) == 47
    assert profiles.count("\n| ") - 1 >= len(operation_names("customer-profiles"))  # the newest model's


def test_coverage_doc_says_which_customer_profiles_operations_are_mocked() -> None:
    profiles = TARGET.read_text(encoding="utf-8").split("\n## Amazon Connect Customer Profiles\n")[1]
    rows = {
        line.split(" | ")[0].lstrip("| "): line for line in profiles.splitlines() if line.startswith("| ")
    }
    mocked = set(load_all())
    assert len(mocked) == 33
    for name in operation_names("customer-profiles"):
        assert (" | yes | " in rows[name]) == (name in mocked), rows[name]
    assert "`tests/profiles/test_profiles.py`" in rows["CreateProfile"]
    assert f"**{len(mocked)} of " in profiles


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


def _tables(text: str) -> tuple[str, str]:
    cases, profiles = text.split("\n## Amazon Connect Customer Profiles\n")
    return cases, profiles


def test_a_file_calling_only_customer_profiles_is_not_in_the_cases_table() -> None:
    cases, profiles = _tables(TARGET.read_text(encoding="utf-8"))
    cases_words = ('"connectcases"', "cases_client", "cases_async_client", "CasesClient", "a_client(")
    # a Connect Cases client from a fixture shows by its methods (those Customer Profiles lacks)
    cases_only = {xform_name(op) for op in operation_names("connectcases")} - {
        xform_name(op) for op in operation_names("customer-profiles")
    }
    cases_words += tuple(f".{method}(" for method in sorted(cases_only))
    only_profiles = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "tests").rglob("test_*.py")
        if "customer-profiles" in (text := path.read_text(encoding="utf-8")) or path.parent.name == "profiles"
        if not any(word in text for word in cases_words)
    ]
    assert "tests/profiles/test_both_paths.py" in only_profiles  # the rule finds some
    for path in only_profiles:
        assert f"`{path}`" not in cases, f"{path} calls only Customer Profiles but is in the Cases table"
    create_domain = next(line for line in profiles.splitlines() if line.startswith("| CreateDomain |"))
    assert "`tests/profiles/test_both_paths.py`" in create_domain  # its calls are Customer Profiles'
