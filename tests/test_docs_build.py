"""The documentation builds with mkdocs, offline, without a warning (broken links included),
and its API reference is rendered from the docstrings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mkdocs_builds_strictly(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "migrating" / "index.html").is_file()
    api = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    # the API reference is written from the docstrings (maintainers/api_reference.py)
    assert "Forgets every domain, case and setting of every account and region" in api
    assert "cases_mock_settings" in api
    assert "CasesServer" in api


def test_the_readme_and_the_site_navigation_list_every_page() -> None:
    pages = sorted(p.name for p in (ROOT / "docs").glob("*.md"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = readme[readme.index("## Documentation") :]
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")

    assert [p for p in pages if f"(docs/{p})" not in listed] == []
    assert [p for p in pages if f": {p}" not in nav] == []
