"""The README's first command: the demo runs in-memory and shows each capability."""

from __future__ import annotations

import subprocess
import sys


def test_the_demo_walks_through_the_api_without_aws() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "cases_mock", "demo"], check=True, capture_output=True, text=True, timeout=60
    ).stdout

    assert "ConflictException" in out
    assert "16 system fields" in out
    assert "['router', 'modem']" in out
    assert "Template 'Support' (Active)" in out
    assert "Closing it without a resolution is refused" in out
    assert "is required by case rule" in out
    assert (
        "Case.Updated  by billing-bot: Status: 'open' -> 'closed', Resolution: (unset) -> 'Firmware updated'"
        in out
    )
    assert "Case.Created  by arn:aws:connect:us-east-1:123456789012:instance/demo/agent/alice" in out
    assert out.rstrip().endswith("nothing reached AWS.")
