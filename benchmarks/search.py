"""SearchCases at scale: ``python -m benchmarks.search`` (also part of ``python -m benchmarks.run``).

Seeds 1,000, 50,000 and then 100,000 cases of ten fields each (title, status and eight custom
fields) through the backend's Python API (the same code CreateCase runs, without HTTP, so seeding
takes seconds), then times a three-clause filter with one sort returning a page of 25, both in
the engine alone (the backend's ``search_cases`` on the domain's data, no boto3) and through
boto3. Prints the medians, the 100k/50k ratios and the memory per stored case and per case of
the search indexes (tracemalloc, measured while seeding 10,000 cases).
"""

from __future__ import annotations

import gc
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import boto3

from benchmarks.timing import median_ms, row
from cases_mock import CasesMock, mock_connectcases
from cases_mock._services.connectcases.backend.audit import Performer
from cases_mock._services.connectcases.backend.search import search_cases

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


def _three_clauses(ids: dict[str, str]) -> dict[str, Any]:
    """Issue 29's small query: an equalTo on a SingleSelect, a range on a DateTime and a contains
    on a Text, sorted on a DateTime descending."""
    return {
        "domainId": ids["domain"],
        "maxResults": 25,
        "filter": {
            "andAll": [
                {"field": {"equalTo": {"id": ids["team"], "value": {"stringValue": "team-3"}}}},
                {
                    "field": {
                        "greaterThanOrEqualTo": {
                            "id": ids["due"],
                            "value": {"stringValue": "2026-04-01T00:00:00Z"},
                        }
                    }
                },
                {"field": {"contains": {"id": ids["product"], "value": {"stringValue": "o"}}}},
            ]
        },
        "sorts": [{"fieldId": ids["due"], "sortOrder": "Desc"}],
    }


def _engine(mock: CasesMock, query: dict[str, Any]) -> Callable[[], object]:
    """The backend's search alone (what the SearchCases handler calls), as a thunk."""
    data = mock.backend().domain(query["domainId"]).data

    def search() -> object:
        return search_cases(
            data,
            scope="bench",
            filter_body=query["filter"],
            term=None,
            sorts=query["sorts"],
            max_results=query["maxResults"],
            next_token=None,
        )

    return search


def interleaved_ms(actions: list[Callable[[], object]], *, repeat: int = 21, number: int = 5) -> list[float]:
    """Each action's median ms per call, their rounds taken in turn, so that a change in the
    machine's load weighs on every action alike (what a ratio between them needs)."""
    rounds: list[list[float]] = [[] for _ in actions]
    for action in actions:
        action()
    for _ in range(repeat):
        for times, action in zip(rounds, actions, strict=True):
            started = time.perf_counter()
            for _ in range(number):
                action()
            times.append((time.perf_counter() - started) / number * 1000)
    return [statistics.median(times) for times in rounds]


def measure(counts: tuple[int, ...] = (50_000, 100_000)) -> tuple[list[float], list[float], list[int]]:
    """(medians ms through boto3, medians ms in the engine, matches) in a domain of each count,
    all seeded first (in one mock), then timed in turn."""
    with mock_connectcases() as mock:
        client = boto3.client("connectcases", region_name="us-east-1")
        queries = []
        for count in counts:
            ids = _domain(client, mock)
            seed(mock, ids, count)
            queries.append(_query(ids))
        totals = [int(client.search_cases(**query)["totalCount"]) for query in queries]
        gc.collect()  # the seeding's garbage is not the search's cost
        through = interleaved_ms([_bound(client, query) for query in queries])
        engine = interleaved_ms([_engine(mock, query) for query in queries])
    return through, engine, totals


def _bound(client: Any, query: dict[str, Any]) -> Callable[[], object]:
    return lambda: client.search_cases(**query)


def small_page(count: int = 1000) -> tuple[float, int]:
    """(median ms in the engine, matches) of the three-clause query over ``count`` cases."""
    with mock_connectcases() as mock:
        client = boto3.client("connectcases", region_name="us-east-1")
        ids = _domain(client, mock)
        seed(mock, ids, count)
        query = _three_clauses(ids)
        total = client.search_cases(**query)["totalCount"]
        gc.collect()
        return median_ms(_engine(mock, query), repeat=15, number=200, warmup=3), int(total)


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
    page, page_matches = small_page()
    out.append(
        row(
            f"SearchCases engine, 1,000 cases, equalTo+range+contains, sort ({page_matches} match)",
            page,
            "ms",
            f"target <= 0.1 {'ok' if page <= 0.1 else 'MISSED'}",
        )
    )
    (small, large), (small_engine, large_engine), (matches, _) = measure()
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
    out.append(row("SearchCases ratio 100k / 50k (through boto3)", ratio, "x"))
    out.append(row("SearchCases engine, 50,000 cases", small_engine))
    out.append(row("SearchCases engine, 100,000 cases", large_engine))
    ratio = large_engine / small_engine
    out.append(
        row(
            "SearchCases engine ratio 100k / 50k",
            ratio,
            "x",
            f"target <= 2.2 {'ok' if ratio <= 2.2 else 'MISSED'}",
        )
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
