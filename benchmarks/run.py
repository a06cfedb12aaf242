"""One command, one process, every figure of docs/performance.md: ``python -m benchmarks.run``.

Measures (medians, milliseconds): the botocore floor and cases_mock for CreateCase, GetCase,
UpdateCase and SearchCases against a domain of 1,000 cases (GetCase also from a client whose
session was made before ``import cases_mock``); the per-test lifecycle of
cases_mock and of moto's ``mock_aws``; moto's create/describe on a comparable rest-json service
(connectcampaigns); the import cost of ``cases_mock`` over ``boto3``. Prints each ratio.
Needs moto installed (``pip install moto``; it is in the ``test`` extra, never a runtime dependency).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

import boto3

from benchmarks.floor import before_call_client, canned_client, capture
from benchmarks.import_order import session_made_before_import
from benchmarks.lifecycle import bench_test_lifecycle
from benchmarks.search import bench_search
from benchmarks.timing import median_ms, row
from cases_mock import mock_connectcases

CASES = 1000
TWO = {"doubleValue": 2.0}


def _domain_with_cases(client: Any, count: int) -> dict[str, Any]:
    domain_id = client.create_domain(name="bench")["domainId"]
    priority = client.create_field(domainId=domain_id, name="priority", type="Number")["fieldId"]
    team = client.create_field(domainId=domain_id, name="team", type="Text")["fieldId"]
    template_id = client.create_template(domainId=domain_id, name="bench", status="Active")["templateId"]
    case_ids = []
    for index in range(count):
        case = client.create_case(
            domainId=domain_id,
            templateId=template_id,
            fields=[
                {"id": "title", "value": {"stringValue": f"case {index}"}},
                {"id": priority, "value": {"doubleValue": float(index % 5)}},
                {"id": team, "value": {"stringValue": f"team-{index % 7}"}},
            ],
        )
        case_ids.append(case["caseId"])
    return {
        "domain": domain_id,
        "template": template_id,
        "priority": priority,
        "team": team,
        "case": case_ids[len(case_ids) // 2],
    }


def _calls(ids: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    counter = iter(range(10**9))
    return {
        "CreateCase": (
            "create_case",
            {
                "domainId": ids["domain"],
                "templateId": ids["template"],
                "fields": [{"id": "title", "value": {"stringValue": "bench"}}],
            },
        ),
        "GetCase": (
            "get_case",
            {
                "domainId": ids["domain"],
                "caseId": ids["case"],
                "fields": [{"id": "title"}, {"id": "status"}, {"id": ids["priority"]}],
            },
        ),
        "UpdateCase": (
            "update_case",
            {
                "domainId": ids["domain"],
                "caseId": ids["case"],
                "fields": [{"id": "summary", "value": {"stringValue": f"s{next(counter)}"}}],
            },
        ),
        "SearchCases": (
            "search_cases",
            {
                "domainId": ids["domain"],
                "maxResults": 25,
                "filter": {
                    "andAll": [
                        {"field": {"greaterThanOrEqualTo": {"id": ids["priority"], "value": TWO}}},
                        {"field": {"equalTo": {"id": "status", "value": {"stringValue": "open"}}}},
                    ]
                },
                "sorts": [{"fieldId": ids["priority"], "sortOrder": "Desc"}],
                "fields": [{"id": "title"}],
            },
        ),
    }


def _bound(client: Any, method: str, params: dict[str, Any]) -> Any:
    return lambda: getattr(client, method)(**params)


def _mocked(ids: dict[str, Any], full_path: bool) -> dict[str, float]:
    with mock_connectcases(keep_state=True, full_path=full_path):
        client = boto3.client("connectcases", region_name="us-east-1")
        return {name: median_ms(_bound(client, m, p)) for name, (m, p) in _calls(ids).items()}


def _made_before_import(ids: dict[str, Any]) -> dict[str, float]:
    """GetCase from a client whose session was made before ``import cases_mock`` (and made
    before the mock started), beside the rows above (imported first)."""
    early = session_made_before_import().client("connectcases", region_name="us-east-1")
    method, params = _calls(ids)["GetCase"]
    with mock_connectcases(keep_state=True):
        return {"GetCase": median_ms(_bound(early, method, params))}


def bench_calls(out: list[str]) -> None:
    """The mock on both paths beside the three floors, each ratio against the signed floor."""
    targets = {"CreateCase": 0.5, "GetCase": 0.45, "UpdateCase": 0.45, "SearchCases": 0.6}  # issue 29
    mock = mock_connectcases(keep_state=True)
    with mock:
        client = boto3.client("connectcases", region_name="us-east-1")
        started = time.perf_counter()
        ids = _domain_with_cases(client, CASES)
        out.append(row(f"setup: {CASES} cases through boto3", (time.perf_counter() - started) * 1000))
        answers = {name: capture(client, m, p) for name, (m, p) in _calls(ids).items()}
        parsed = {name: getattr(client, m)(**p) for name, (m, p) in _calls(ids).items()}
    fast, full = _mocked(ids, False), _mocked(ids, True)
    early = _made_before_import(ids)
    mock.reset()
    for name, (method, params) in _calls(ids).items():
        signed = median_ms(_bound(canned_client(answers[name]), method, params))
        unsigned = median_ms(_bound(canned_client(answers[name], signed=False), method, params))
        before_call = median_ms(_bound(before_call_client(answers[name], parsed[name]), method, params))
        out.append(row(f"{name}: floor, signed before-send", signed))
        out.append(row(f"{name}: floor, unsigned before-send", unsigned, "ms", f"{unsigned / signed:.2f}x"))
        out.append(row(f"{name}: floor, before-call", before_call, "ms", f"{before_call / signed:.2f}x"))
        out.append(row(f"{name}: cases_mock, full path", full[name], "ms", f"{full[name] / signed:.2f}x"))
        ratio = fast[name] / signed
        mark = "ok" if ratio <= targets[name] else "MISSED"
        out.append(row(f"{name}: cases_mock, before-call path", fast[name], "ms", f"{ratio:.2f}x"))
        out.append(
            row(f"{name}: ratio before-call path / signed", ratio, "x", f"target <= {targets[name]} {mark}")
        )
        if name in early:  # the row above has cases_mock imported first
            ratio = early[name] / signed
            out.append(row(f"{name}: session made before the import", early[name], "ms", f"{ratio:.2f}x"))


def _cases_lifecycle() -> None:
    with mock_connectcases():
        boto3.client("connectcases", region_name="us-east-1").list_domains()


def bench_lifecycle(out: list[str]) -> None:
    ours = median_ms(_cases_lifecycle, number=20)
    mark = "ok" if ours <= 3 else "MISSED"
    out.append(
        row("lifecycle: cases_mock (activate, client, 1 call, stop)", ours, "ms", f"target <= 3 {mark}")
    )
    try:
        from moto import mock_aws
    except ImportError:
        out.append("  moto is not installed: skipping the moto comparison")
        return

    def moto_lifecycle() -> None:
        with mock_aws():
            boto3.client("connectcampaigns", region_name="us-east-1").list_campaigns()

    theirs = median_ms(moto_lifecycle, number=5, repeat=5, warmup=2)
    out.append(row("lifecycle: moto mock_aws (connectcampaigns)", theirs))
    mark = "ok" if theirs / ours >= 10 else "MISSED"
    out.append(row("lifecycle: ratio moto / cases_mock", theirs / ours, "x", f"target >= 10 {mark}"))
    with mock_aws():
        campaigns = boto3.client("connectcampaigns", region_name="us-east-1")
        made = iter(range(10**9))

        def create() -> Any:
            return campaigns.create_campaign(
                name=f"c{next(made)}",
                connectInstanceId="instance",
                dialerConfig={"predictiveDialerConfig": {"bandwidthAllocation": 1.0}},
                outboundCallConfig={"connectContactFlowId": "flow"},
            )

        campaign_id = create()["id"]
        out.append(row("moto: CreateCampaign", median_ms(create, number=20)))
        describe = median_ms(lambda: campaigns.describe_campaign(id=campaign_id))
        out.append(row("moto: DescribeCampaign", describe))


def _import_ms(code: str, runs: int, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench_import(out: list[str], runs: int) -> None:
    """The import cost in this environment (with ``PYTHONDONTWRITEBYTECODE=1`` and a checkout
    with no ``__pycache__``, every module of cases_mock is compiled from source at each import),
    and with the bytecode cached, as an installed wheel imports it (a private ``PYTHONPYCACHEPREFIX``)."""
    base = _import_ms("import boto3", runs)
    ours = _import_ms("import boto3, cases_mock", runs)
    as_run = "PYTHONDONTWRITEBYTECODE=1" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "this environment"
    out.append(row("import boto3 (fresh interpreter)", base))
    out.append(row("import boto3, cases_mock", ours))
    mark = "ok" if ours - base <= 50 else "MISSED"
    out.append(row(f"import cost over boto3, {as_run}", ours - base, "ms", f"target <= 50 {mark}"))
    with tempfile.TemporaryDirectory(prefix="cases-mock-pycache-") as prefix:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = prefix
        _import_ms("import boto3, cases_mock", 1, env)  # writes the bytecode of both
        cached = _import_ms("import boto3, cases_mock", runs, env) - _import_ms("import boto3", runs, env)
    mark = "ok" if cached <= 50 else "MISSED"
    out.append(row("import cost over boto3, bytecode cached", cached, "ms", f"target <= 50 {mark}"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--import-runs", type=int, default=15)
    parser.add_argument("--skip-search", action="store_true", help="skip the 50k/100k-case search (~30 s)")
    args = parser.parse_args(argv)
    out: list[str] = ["cases_mock benchmarks (medians)"]
    bench_calls(out)
    bench_lifecycle(out)
    bench_test_lifecycle(out)
    bench_import(out, args.import_runs)
    if not args.skip_search:
        bench_search(out)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
