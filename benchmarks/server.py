"""``cases-mock serve`` against moto's own threaded server, side by side in one run:
``python -m benchmarks.server`` (needs the ``bench`` extra: ``pip install -e ".[bench]"``).

Both servers run as separate processes on loopback; boto3 clients in this process call them.
cases_mock answers GetCase (a 10-field case); moto answers DescribeCampaign of connectcampaigns,
a comparable rest-json read (Connect Cases is not in moto). Prints, for each server:

* per-call latency of one client on a kept-alive connection (median and 90th percentile);
* throughput with 1, 4 and 16 client threads (calls per second, each thread its own client);
* resident memory growth per 10,000 further calls of a long-running server, once the call
  record's ring buffer is full (cases_mock runs with ``--record-calls 1000`` here so the ring
  fills quickly; the default is 10,000; the stored state does not change during the calls).

Then, in-process, the median DeleteCase time in a domain of 1,000 and of 10,000 cases made by
boto3 (so each has a clientToken): it should not grow with the number of cases.

No figure is asserted; the ratios are printed next to the targets of issue 15.
``python -m benchmarks.server --memory-only --memory-calls 30000`` prints only the memory figure
of issue 30 (a server keeping 5 calls, two kept-alive connections).
"""

from __future__ import annotations

import argparse
import importlib.util
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import boto3
from botocore.config import Config

CONFIG = Config(retries={"total_max_attempts": 1, "mode": "standard"}, max_pool_connections=32)
CREDENTIALS = {"aws_access_key_id": "bench", "aws_secret_access_key": "bench", "region_name": "us-east-1"}
MOTO = (
    "import sys, threading; from moto.server import ThreadedMotoServer; "
    "s = ThreadedMotoServer(ip_address='127.0.0.1', port=int(sys.argv[1]), verbose=False); s.start(); "
    "print('ready', flush=True); threading.Event().wait()"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_cases_mock(record_calls: int = 1000) -> tuple[subprocess.Popen[str], str]:
    command = ["serve", "--port", "0", "--quiet", "--record-calls", str(record_calls)]
    process = subprocess.Popen(
        [sys.executable, "-m", "cases_mock", *command],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    return process, process.stdout.readline().split()[-1]


def _start_moto() -> tuple[subprocess.Popen[str], str]:
    port = _free_port()
    command = [sys.executable, "-c", MOTO, str(port)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process, f"http://127.0.0.1:{port}"


def _cases_call(url: str) -> Callable[[], Callable[[], Any]]:
    setup = boto3.client("connectcases", endpoint_url=url, config=CONFIG, **CREDENTIALS)
    domain_id = setup.create_domain(name="bench")["domainId"]
    ids = [setup.create_field(domainId=domain_id, name=f"f{i}", type="Text")["fieldId"] for i in range(8)]
    template_id = setup.create_template(domainId=domain_id, name="T", status="Active")["templateId"]
    fields = [{"id": "title", "value": {"stringValue": "bench"}}]
    fields += [{"id": field_id, "value": {"stringValue": f"value {field_id}"}} for field_id in ids]
    case_id = setup.create_case(domainId=domain_id, templateId=template_id, fields=fields)["caseId"]
    wanted = [{"id": "title"}, *({"id": field_id} for field_id in ids)]

    def make() -> Callable[[], Any]:
        client = boto3.client("connectcases", endpoint_url=url, config=CONFIG, **CREDENTIALS)
        return lambda: client.get_case(domainId=domain_id, caseId=case_id, fields=wanted)

    return make


def _moto_call(url: str) -> Callable[[], Callable[[], Any]]:
    setup = boto3.client("connectcampaigns", endpoint_url=url, config=CONFIG, **CREDENTIALS)
    campaign_id = setup.create_campaign(
        name="bench",
        connectInstanceId="instance",
        dialerConfig={"predictiveDialerConfig": {"bandwidthAllocation": 1.0}},
        outboundCallConfig={"connectContactFlowId": "flow"},
    )["id"]

    def make() -> Callable[[], Any]:
        client = boto3.client("connectcampaigns", endpoint_url=url, config=CONFIG, **CREDENTIALS)
        return lambda: client.describe_campaign(id=campaign_id)

    return make


def latency_ms(call: Callable[[], Any], count: int) -> tuple[float, float]:
    for _ in range(20):
        call()
    times = []
    for _ in range(count):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9)]


def throughput(make: Callable[[], Callable[[], Any]], threads: int, seconds: float) -> float:
    calls = [make() for _ in range(threads)]
    for call in calls:
        call()
    done = [0] * threads
    stop = threading.Event()

    def run(index: int) -> None:
        call = calls[index]
        while not stop.is_set():
            call()
            done[index] += 1

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    time.sleep(seconds)
    stop.set()
    for worker in workers:
        worker.join()
    return sum(done) / (time.perf_counter() - start)


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def growth_per_10k_kib(pid: int, call: Callable[[], Any], warm: int, measured: int) -> float:
    for _ in range(warm):
        call()
    before = rss_kib(pid)
    for _ in range(measured):
        call()
    return (rss_kib(pid) - before) * 10_000 / measured


def memory_over_connections(args: Any) -> int:
    """``--memory-only``: issue 30's figure. A server keeping 5 calls (``--record-calls 5``),
    GetCase on two kept-alive connections (a thread each), ``--warm`` calls, then
    ``--memory-calls`` more; prints the resident set growth per 10,000 of those and per call."""
    process, url = _start_cases_mock(record_calls=5)
    try:
        make = _cases_call(url)
        calls = [make(), make()]

        def both(count: int) -> None:
            workers = [threading.Thread(target=lambda c=c: [c() for _ in range(count // 2)]) for c in calls]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()

        both(args.warm)
        before = rss_kib(process.pid)
        both(args.memory_calls)
        grown = rss_kib(process.pid) - before
    finally:
        process.terminate()
        process.wait(timeout=10)
    per_10k = grown * 10_000 / args.memory_calls
    mark = "ok" if per_10k <= 1024 else "MISSED"
    print(f"RSS growth over {args.memory_calls} GetCase calls on 2 kept-alive connections after {args.warm}:")
    print(
        f"  {grown} KiB: {per_10k:.1f} KiB per 10,000 calls, {grown * 1024 / args.memory_calls:.1f} B a call"
    )
    print(f"  (target <= 1 MiB per 10,000 calls: {mark})")
    return 0


Starter = Callable[[], tuple[subprocess.Popen[str], str]]


def measure(start: Starter, prepare: Any, args: Any) -> dict[str, float]:
    process, url = start()
    try:
        make = prepare(url)
        figures: dict[str, float] = {}
        figures["median"], figures["p90"] = latency_ms(make(), args.calls)
        for threads in (1, 4, 16):
            figures[f"tput{threads}"] = throughput(make, threads, args.seconds)
        figures["rss"] = growth_per_10k_kib(process.pid, make(), args.warm, args.memory_calls)
        figures["rss_total"] = rss_kib(process.pid)
        return figures
    finally:
        process.terminate()
        process.wait(timeout=10)


def delete_case_ms(cases: int, deletes: int = 200) -> float:
    """The median DeleteCase time (ms) in a domain of ``cases`` cases, in-process."""
    from cases_mock import mock_connectcases

    with mock_connectcases():
        client = boto3.client("connectcases", config=CONFIG, **CREDENTIALS)
        domain_id = client.create_domain(name="deletes")["domainId"]
        template_id = client.create_template(domainId=domain_id, name="T", status="Active")["templateId"]
        title = [{"id": "title", "value": {"stringValue": "to delete"}}]
        made = [
            client.create_case(domainId=domain_id, templateId=template_id, fields=title)["caseId"]
            for _ in range(cases)
        ]
        times = []
        for case_id in made[:deletes]:
            start = time.perf_counter()
            client.delete_case(domainId=domain_id, caseId=case_id)
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    add = parser.add_argument
    add("--calls", type=int, default=500, help="calls for the latency figure")
    add("--seconds", type=float, default=3.0, help="seconds per throughput figure")
    add("--warm", type=int, default=2000, help="calls before the memory figure (fills the ring)")
    add("--memory-calls", type=int, default=10_000, help="calls measured for the memory figure")
    add("--memory-only", action="store_true", help="only issue 30's memory figure (no moto needed)")
    args = parser.parse_args(argv)
    if args.memory_only:
        return memory_over_connections(args)
    missing = [name for name in ("moto", "flask", "flask_cors") if importlib.util.find_spec(name) is None]
    if missing:
        needs = f"benchmarks.server needs moto's server ({', '.join(missing)} missing)"
        parser.exit(2, f'{needs}: pip install -e ".[bench]"\n')
    ours = measure(_start_cases_mock, _cases_call, args)
    theirs = measure(_start_moto, _moto_call, args)
    print(f"{'':34} {'cases-mock serve':>18} {'moto server':>14} {'ratio':>8}")

    def line(label: str, key: str, unit: str, ratio: float | None, target: str = "") -> None:
        shown = f"{ratio:7.2f}x" if ratio is not None else ""
        mine, moto = ours[key], theirs[key]
        print(f"  {label:32} {mine:>14.3f} {unit:<3} {moto:>10.3f} {unit:<3} {shown:>8}  {target}")

    median_mark = "ok" if ours["median"] <= 1.5 else "MISSED"
    median_ratio = theirs["median"] / ours["median"]
    line("GetCase latency, median", "median", "ms", median_ratio, f"<= 1.5 ms {median_mark}")
    line("latency, 90th percentile", "p90", "ms", theirs["p90"] / ours["p90"])
    for threads in (1, 4, 16):
        ratio = ours[f"tput{threads}"] / theirs[f"tput{threads}"]
        mark = f">= 2x moto {'ok' if ratio >= 2 else 'MISSED'}" if threads == 16 else ""
        line(f"throughput, {threads:2} threads", f"tput{threads}", "/s", ratio, mark)
    rss_mark = "ok" if ours["rss"] <= 1024 else "MISSED"
    line("RSS growth per 10k calls", "rss", "KiB", None, f"<= 1 MiB {rss_mark}")
    line("RSS at the end", "rss_total", "KiB", None)
    small, large = delete_case_ms(1_000), delete_case_ms(10_000)
    print(f"  DeleteCase in-process: {small:.3f} ms at 1,000 cases, {large:.3f} ms at 10,000", end="")
    print(f" ({large / small:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
