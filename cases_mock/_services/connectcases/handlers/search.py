"""SearchCases."""

from __future__ import annotations

from cases_mock._services.connectcases.backend.search import search_cases
from cases_mock._services.connectcases.backend.search_lag import searched_data
from cases_mock._services.connectcases.handlers import Call, Output, Params, handles
from cases_mock._services.connectcases.search_items import items_of, projection


@handles("SearchCases")
def search(call: Call, params: Params) -> Output:
    """``fields`` ids are a projection, never checked for existence: an id the domain does not
    have is simply absent from each case, as in GetCase (docs/behaviour.md#searchcases)."""
    domain_id = params["domainId"]
    with call.backend.lock:
        stored = call.backend.domain(domain_id).data
        data = searched_data(call.backend.limits, stored)
        page = search_cases(
            data,
            scope=f"{call.account}/{domain_id}",
            filter_body=params.get("filter"),
            term=params.get("searchTerm"),
            sorts=params.get("sorts"),
            max_results=params.get("maxResults") or 25,
            next_token=params.get("nextToken"),
        )
        shown = projection(data, params.get("fields"))
        kept = items_of(stored)
        items = [kept.item(case, shown) for case in page.cases]
    return {"cases": items, "nextToken": page.next_token, "totalCount": page.total}
