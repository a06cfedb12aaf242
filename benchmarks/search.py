"""SearchCases at scale: ``python -m benchmarks.search`` (also part of ``python -m benchmarks.run``).

Seeds 50,000 and then 100,000 cases of ten fields each (title, status and eight custom fields)
through the backend's Python API (the same code CreateCase runs, without HTTP, so seeding takes
seconds), then times through boto3 a three-clause filter with one sort returning a page of 25.
Prints the median, the 100k/50k ratio and the memory per stored case (tracemalloc, measured
while seeding 10,000 cases).
"""

from __future__ import annotations

import gc
import random
import sys
import tracemalloc
from typing import Any

import boto3

from benchmarks.timing import median_ms, row
from cases_mock import CasesMock, mock_connectcases
from cases_mock._services.connectcases.backend.audit import Performer

CUSTOM = {
    "team": "SingleSelect",
    "priority": "Number",
    "urgent": "Boolean",
    "due": "DateTime",
    "product": "Text",
    "region": "Text",
    "notes": "Text",
    "score": "Number",
}
TEAMS = [f"team-{i}" for i in range(10)]
PERFORMER = Performer("arn:aws:iam::123456789012:user/bench")


def _domain(client: Any, mock: CasesMock) -> dict[str, str]:
    domain_id = client.create_domain(name=f"search-bench-{random.random()}")["domainId"]
    ids = {
        name: client.create_field(domainId=domain_id, name=name, type=kind)["fieldId"]
        for name, kind in CUSTOM.items()
    }
    client.batch_put_field_options(
        domainId=domain_id,
        fieldId=ids["team"],
        options=[{"name": team, "value": team, "active": True} for team in TEAMS],
    )
    ids["template"] = client.create_template(domainId=domain_id, name="bench")["templateId"]
    ids["domain"] = domain_id
    return ids


def _fields(ids: dict[str, str], index: int, rng: random.Random) -> list[dict[str, Any]]:
    return [
        {"id": "title", "value": {"stringValue": f"Case number {index} about a router"}},
        {"id": "status", "value": {"stringValue": rng.choice(("open", "closed"))}},
        {"id": ids["team"], "value": {"stringValue": rng.choice(TEAMS)}},
        {"id": ids["priority"], "value": {"doubleValue": float(rng.randint(1, 5))}},
        {"id": ids["urgent"], "value": {"booleanValue": rng.random() < 0.3}},
        {
            "id": ids["due"],
            "value": {"stringValue": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T10:00:00Z"},
        },
        {"id": ids["product"], "value": {"stringValue": rng.choice(("router", "modem", "phone", "tv"))}},
        {"id": ids["region"], "value": {"stringValue": rng.choice(("north", "south", "east", "west"))}},
        {"id": ids["notes"], "value": {"stringValue": f"customer {rng.randint(1, 99999)} called"}},
        {"id": ids["score"], "value": {"doubleValue": rng.random() * 100}},
    ]


def seed(mock: CasesMock, ids: dict[str, str], count: int) -> None:
    backend = mock.backend()
    rng = random.Random(count)
    for index in range(count):
        backend.cases.create(ids["domain"], ids["template"], _fields(ids, index, rng), PERFORMER)


def _query(ids: dict[str, str]) -> dict[str, Any]:
    return {
        "domainId": ids["domain"],
        "maxResults": 25,
        "filter": {
            "andAll": [
                {"field": {"greaterThanOrEqualTo": {"id": ids["priority"], "value": {"doubleValue": 3}}}},
                {"field": {"equalTo": {"id": ids["team"], "value": {"stringValue": "team-3"}}}},
                {"field": {"equalTo": {"id": "status", "value": {"stringValue": "open"}}}},
            ]
        },
        "sorts": [{"fieldId": ids["due"], "sortOrder": "Desc"}],
        "fields": [{"id": "title"}, {"id": ids["due"]}],
    }


def measure(count: int) -> tuple[float, int]:
    """(median ms of the search, matches) in a domain of ``count`` cases."""
    with mock_connectcases() as mock:
        client = boto3.client("connectcases", region_name="us-east-1")
        ids = _domain(client, mock)
        seed(mock, ids, count)
        query = _query(ids)
        total = client.search_cases(**query)["totalCount"]
        gc.collect()  # the seeding's garbage is not the search's cost
        median = median_ms(lambda: client.search_cases(**query), repeat=15, number=5, warmup=3)
    return median, int(total)


def memory_per_case(count: int = 10_000) -> tuple[float, float]:
    """Bytes per stored case that tracemalloc sees while ``count`` cases are seeded, and bytes
    per case that the search indexes of the benchmark query (four fields) then add."""
    with mock_connectcases() as mock:
        ids = _domain(boto3.client("connectcases", region_name="us-east-1"), mock)
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        seed(mock, ids, count)
        gc.collect()
        used = tracemalloc.get_traced_memory()[0] - before
        boto3.client("connectcases", region_name="us-east-1").search_cases(**_query(ids))
        gc.collect()
        indexed = tracemalloc.get_traced_memory()[0] - before - used
        tracemalloc.stop()
    return used / count, indexed / count


def bench_search(out: list[str]) -> None:
    small, matches = measure(50_000)
    large, _ = measure(100_000)
    memory, indexes = memory_per_case()
    mark = "ok" if small <= 60 else "MISSED"
    out.append(
        row(
            f"SearchCases, 50,000 cases, 3 clauses + sort ({matches} match)",
            small,
            "ms",
            f"target <= 60 {mark}",
        )
    )
    out.append(row("SearchCases, 100,000 cases", large))
    ratio = large / small
    out.append(
        row("SearchCases ratio 100k / 50k", ratio, "x", f"target <= 2.2 {'ok' if ratio <= 2.2 else 'MISSED'}")
    )
    mark = "ok" if memory <= 2048 else "MISSED"
    out.append(row("memory per stored 10-field case (tracemalloc)", memory, "B", f"target <= 2048 {mark}"))
    out.append(row("search indexes of the query's 4 fields, per case", indexes, "B"))


def main() -> int:
    out = ["cases_mock search benchmark (medians)"]
    bench_search(out)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
