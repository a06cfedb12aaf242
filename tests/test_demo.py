"""The README's first command: the demo runs in-memory and shows each capability."""

from __future__ import annotations

import subprocess
import sys

from cases_mock._services.connectcases.releases import present

AGENTS = "arn:aws:connect:us-east-1:123456789012:instance/demo/agent"


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
    bot = "billing-bot" if present("UserUnion.customEntity") else f"{AGENTS}/billing-bot"
    assert (
        f"Case.Updated  by {bot}: Status: 'open' -> 'closed', Resolution: (unset) -> 'Firmware updated'"
        in out
    )
    assert f"created, performedBy userArn {AGENTS}/alice: status open" in out
    assert (
        f"Case.Created  by {AGENTS}/alice: Title: (unset) -> 'Router keeps rebooting', "
        "Priority: (unset) -> 2," in out
    )
    assert "Alice" not in out  # the demo names the user as the API does: by its ARN
    assert out.rstrip().endswith("nothing reached AWS.")
