"""``import cases_mock`` stays cheap: the heavy optional modules load on first use only.

Timing lives in ``benchmarks/`` (issue 9); this checks the cause of the import cost, which is
deterministic: what importing the package pulls in.
"""

from __future__ import annotations

import json
import subprocess
import sys

LAZY = (
    "requests",
    "responses",
    "wrapt",
    "unittest",
    "cases_mock._services.connectcases.backend.store",
    "cases_mock._engine.dispatch",
    "cases_mock.client_types",  # for annotations: loads when a name of it is first asked for
    "cases_mock._protocol.parsed",  # the before-call path's pieces load with its first call
    "cases_mock._protocol.serialize",
    "cases_mock._protocol.router",
    "cases_mock._protocol.params",
    "cases_mock._engine.backends",  # the engine's pieces load with the first mock
    "cases_mock._engine.limits",
    "cases_mock._engine.publisher",
)


def _modules_after(code: str) -> set[str]:
    script = f"import sys; {code}; import json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
    return set(json.loads(out.stdout))


def test_importing_the_package_loads_none_of_the_heavy_optional_modules() -> None:
    loaded = _modules_after("import boto3; import cases_mock")
    assert not loaded & set(LAZY)


def test_the_first_activation_and_decoration_load_what_they_need() -> None:
    code = (
        "import boto3\n"
        "from cases_mock import mock_connectcases\n"
        "@mock_connectcases\n"
        "def f():\n"
        "    return boto3.client('connectcases', region_name='eu-west-2').list_domains()['domains']\n"
        "assert f() == []\n"
        "from cases_mock import CasesClient"
    )
    loaded = _modules_after(f"exec({code!r})")
    assert {"requests", "wrapt", "cases_mock._protocol.router"} <= loaded
    assert "cases_mock.client_types" in loaded  # loaded when first named
    assert "responses" not in loaded
