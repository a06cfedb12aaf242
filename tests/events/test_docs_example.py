"""The Python examples of docs/events.md run as written, in order, in one namespace."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PAGE = Path(__file__).resolve().parents[2] / "docs" / "events.md"


def test_the_event_streams_page_runs_as_written() -> None:
    pytest.importorskip("moto")
    blocks = re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert len(blocks) >= 4
    namespace: dict[str, object] = {"__name__": "events_page"}
    for block in blocks:
        exec(compile(block, str(PAGE), "exec"), namespace)
