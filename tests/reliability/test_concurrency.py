"""Many threads on one domain: no exception, no lost case, exact audit counts, unique reference
numbers; the same through the server with parallel clients."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

import boto3
from botocore.config import Config

from cases_mock import CasesMock, mock_connectcases
from tests.builders import a_client
from tests.rules.domain import a_rule_domain

THREADS = 8
CALLS = 500
CONFIG = Config(retries={"total_max_attempts": 1, "mode": "standard"}, max_pool_connections=THREADS)


def _worker(
    client: Any, domain_id: str, template_id: str, number_field: str, calls: int, out: dict[str, Any]
) -> None:
    created: list[str] = []
    updates: Counter[str] = Counter()
    try:
        for step in range(calls):
            kind = step % 5
            if kind in (0, 1) or not created:
                created.append(
                    client.create_case(
                        domainId=domain_id,
                        templateId=template_id,
                        fields=[{"id": "title", "value": {"stringValue": f"t{step}"}}],
                    )["caseId"]
                )
            elif kind == 2:
                case_id = created[step % len(created)]
                updates[case_id] += 1
                client.update_case(
                    domainId=domain_id,
                    caseId=case_id,
                    fields=[{"id": number_field, "value": {"doubleValue": float(updates[case_id])}}],
                )
            elif kind == 3:
                client.search_cases(domainId=domain_id, maxResults=5)
            else:
                client.get_case_audit_events(domainId=domain_id, caseId=created[-1])
    except Exception as error:  # reported to the main thread
        out["error"] = error
    out["created"], out["updates"] = created, updates


def _hammer(
    make_client: Any, domain_id: str, template_id: str, number_field: str, threads: int, calls: int
) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = [{} for _ in range(threads)]
    workers = [
        threading.Thread(
            target=_worker, args=(make_client(), domain_id, template_id, number_field, calls, results[i])
        )
        for i in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return results


def _check(mock_backend: Any, client: Any, domain_id: str, results: list[dict[str, Any]]) -> None:
    assert [r.get("error") for r in results] == [None] * len(results)
    created = [case_id for r in results for case_id in r["created"]]
    updates: Counter[str] = sum((r["updates"] for r in results), Counter())
    cases = mock_backend.domain(domain_id).data.cases
    assert set(cases) == set(created)
    references = [case.values["reference_number"] for case in cases.values()]
    assert len({r.lower() for r in references}) == len(references)
    for case_id in list(updates)[:50]:
        events = []
        token = None
        while True:
            page = client.get_case_audit_events(
                domainId=domain_id, caseId=case_id, **({"nextToken": token} if token else {})
            )
            events += page["auditEvents"]
            token = page.get("nextToken")
            if not token:
                break
        assert len(events) == 1 + updates[case_id]


def test_threads_on_one_domain_in_process() -> None:
    with mock_connectcases() as mock:
        domain = a_rule_domain(a_client(), "busy")
        template_id = domain.template()

        def make() -> Any:
            return boto3.client("connectcases", region_name="us-east-1", config=CONFIG)

        results = _hammer(make, domain.domain_id, template_id, domain.ids["priority"], THREADS, CALLS)

        _check(mock.backend(), domain.client, domain.domain_id, results)


def test_parallel_clients_through_the_server(cases_server: Any) -> None:
    def make() -> Any:
        return boto3.client(
            "connectcases",
            region_name="us-east-1",
            endpoint_url=cases_server.url,
            aws_access_key_id="k",
            aws_secret_access_key="s",
            config=CONFIG,
        )

    client = make()
    domain_id = client.create_domain(name="served-busy")["domainId"]
    number = client.create_field(domainId=domain_id, name="n", type="Number")["fieldId"]
    template_id = client.create_template(domainId=domain_id, name="t")["templateId"]
    results = _hammer(make, domain_id, template_id, number, 4, 60)

    _check(cases_server.store.backend("123456789012", "us-east-1"), client, domain_id, results)


def test_mocks_in_other_threads_see_the_same_state(cases_mock: CasesMock) -> None:
    seen: list[list[str]] = []
    client = a_client()
    client.create_domain(name="shared")
    thread = threading.Thread(
        target=lambda: seen.append([d["name"] for d in a_client().list_domains()["domains"]])
    )
    thread.start()
    thread.join()

    assert seen == [["shared"]]
