"""SearchProfiles and MergeProfiles."""

from __future__ import annotations

from cases_mock._services.customerprofiles.backend.merges import merge_profiles
from cases_mock._services.customerprofiles.backend.pagination import SEARCH_PAGE, paginate
from cases_mock._services.customerprofiles.backend.search import SearchKey, search_profiles
from cases_mock._services.customerprofiles.handlers import Call, Output, Params, handles
from cases_mock._services.customerprofiles.handlers.profiles import profile_wire


@handles("SearchProfiles")
def search(call: Call, params: Params) -> Output:
    """FoundByItems is sent when AdditionalSearchKeys are (pages silent otherwise: mock choice)."""
    extra = params.get("AdditionalSearchKeys")
    keys = [SearchKey(params["KeyName"], tuple(params["Values"]))]
    keys += [SearchKey(k["KeyName"], tuple(k["Values"])) for k in extra or []]
    operator = params.get("LogicalOperator", "OR")
    found = search_profiles(call.backend, params["DomainName"], keys, operator)
    scope = repr([params["DomainName"], [(k.name, k.values) for k in keys], operator])
    page, token = paginate(
        params,
        found,
        lambda f: f.profile.seq,
        operation="SearchProfiles",
        scope=scope,
        default_page=SEARCH_PAGE,
    )
    items = []
    for item in page:
        wire = profile_wire(item.profile)
        if extra:
            wire["FoundByItems"] = [{"KeyName": k.name, "Values": list(k.values)} for k in item.found_by]
        items.append(wire)
    return {"Items": items, "NextToken": token}


@handles("MergeProfiles")
def merge(call: Call, params: Params) -> Output:
    merge_profiles(
        call.backend,
        params["DomainName"],
        params["MainProfileId"],
        list(params["ProfileIdsToBeMerged"]),
        dict(params.get("FieldSourceProfileIds") or {}),
        performed_by=call.principal_arn,
    )
    return {"Message": "Merged"}
