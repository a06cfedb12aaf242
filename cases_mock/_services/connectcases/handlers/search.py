"""SearchCases."""

from __future__ import annotations

from cases_mock._services.connectcases.backend.search import search_cases
from cases_mock._services.connectcases.backend.search_lag import searched_data
from cases_mock._services.connectcases.backend.values import to_wire
from cases_mock._services.connectcases.handlers import Call, Output, Params, handles
from cases_mock._services.connectcases.wire_forms import field_type


@handles("SearchCases")
def search(call: Call, params: Params) -> Output:
    """``fields`` ids are a projection, never checked for existence: an id the domain does not
    have is simply absent from each case, as in GetCase (docs/behaviour.md#searchcases)."""
    domain_id = params["domainId"]
    projection = [str(entry["id"]) for entry in params.get("fields") or []]
    with call.backend.lock:
        data = searched_data(call.backend.limits, call.backend.domain(domain_id).data)
        page = search_cases(
            data,
            scope=f"{call.account}/{domain_id}",
            filter_body=params.get("filter"),
            term=params.get("searchTerm"),
            sorts=params.get("sorts"),
            max_results=params.get("maxResults") or 25,
            next_token=params.get("nextToken"),
        )
        items = [
            {
                "caseId": case.case_id,
                "templateId": case.template_id,
                "fields": [
                    {"id": field_id, "value": to_wire(field_type(data, field_id), case.values[field_id])}
                    for field_id in dict.fromkeys(projection)
                    if field_id in case.values
                ],
                "tags": dict(case.tags),
            }
            for case in page.cases
        ]
    return {"cases": items, "nextToken": page.next_token, "totalCount": page.total}
