"""Customer Profiles in the JSON state: ``export_state``/``import_state`` (and so ``save``/``load``,
``/_cases_mock/state`` and ``--state-file``) carry its domains, profiles, keys, object types,
objects (``_case`` among them), integrations, tags and history records; a state without them holds
no profiles; a bad part is refused whole, naming its place, with nothing replaced."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import pytest

from cases_mock import CasesMock
from cases_mock._protocol.model import operation_names
from cases_mock.server import CasesServer, StateFileError
from tests.profiles.conftest import ACCOUNT, REGION, Invoke
from tests.profiles.test_objects import ORDER_TYPE

DOMAIN_ARN = f"arn:aws:profile:{REGION}:{ACCOUNT}:domains/shop"
URI = f"arn:aws:connect:{REGION}:{ACCOUNT}:instance/abc"


def _build(invoke: Invoke, cases: Any) -> None:
    """A domain holding one of everything the state carries."""
    invoke("CreateDomain", DomainName="shop", DefaultExpirationDays=365, Tags={"team": "care"})
    pid = invoke("CreateProfile", DomainName="shop", FirstName="Ana", EmailAddress="ana@x.com")["ProfileId"]
    invoke("AddProfileKey", DomainName="shop", ProfileId=pid, KeyName="_ctrContactId", Values=["c-7"])
    invoke("UpdateProfile", DomainName="shop", ProfileId=pid, LastName="Lee")
    invoke("PutProfileObjectType", DomainName="shop", ObjectTypeName="Order", **ORDER_TYPE)
    invoke(
        "PutProfileObject",
        DomainName="shop",
        ObjectTypeName="Order",
        Object=json.dumps({"id": "o-1", "buyer": {"email": "ana@x.com"}}),
    )
    invoke("PutIntegration", DomainName="shop", Uri=URI, ObjectTypeName="CTR")
    invoke("TagResource", resourceArn=DOMAIN_ARN, tags={"tier": "gold"})
    domain_id = cases.create_domain(name="care")["domainId"]
    template_id = cases.create_template(domainId=domain_id, name="t", status="Active")["templateId"]
    profile_arn = f"arn:aws:profile:{REGION}:{ACCOUNT}:domains/shop/profiles/{pid}"
    fields = [{"id": "title", "value": {"stringValue": "Broken"}}]
    fields.append({"id": "customer_id", "value": {"stringValue": profile_arn}})
    cases.create_case(domainId=domain_id, templateId=template_id, fields=fields)


def _answers(invoke: Invoke) -> dict[str, Any]:
    """What a user reads back of ``_build``'s domain."""
    (profile,) = invoke("SearchProfiles", DomainName="shop", KeyName="_ctrContactId", Values=["c-7"])["Items"]
    pid = profile["ProfileId"]
    domain = invoke("GetDomain", DomainName="shop")
    read = {
        "domain": domain,
        "tags": invoke("ListTagsForResource", resourceArn=DOMAIN_ARN)["tags"],
        "profile": profile,
        "types": invoke("ListProfileObjectTypes", DomainName="shop")["Items"],
        "type": invoke("GetProfileObjectType", DomainName="shop", ObjectTypeName="Order"),
        "integrations": invoke("ListIntegrations", DomainName="shop")["Items"],
    }
    if "ListProfileHistoryRecords" in operation_names("customer-profiles"):  # an older model lacks it
        history = invoke("ListProfileHistoryRecords", DomainName="shop", ProfileId=pid)
        read["history"] = history["ProfileHistoryRecords"]
    for kind in ("Order", "_case"):
        listed = invoke("ListProfileObjects", DomainName="shop", ProfileId=pid, ObjectTypeName=kind)
        read[kind] = listed["Items"]
    read["by case"] = invoke("SearchProfiles", DomainName="shop", KeyName="_caseId", Values=[_case_id(read)])
    return read


def _case_id(read: dict[str, Any]) -> str:
    (item,) = read["_case"]
    case_id: str = json.loads(item["Object"])["CaseId"]
    return case_id


def test_profiles_round_trip_through_export_and_import(mock: CasesMock, invoke: Invoke) -> None:
    _build(invoke, boto3.client("connectcases", region_name=REGION))
    before = _answers(invoke)
    state = json.loads(json.dumps(mock.export_state()))

    mock.reset()
    assert invoke("ListDomains")["Items"] == []
    mock.import_state(state)

    assert _answers(invoke) == before
    assert mock.export_state() == state


def test_a_state_without_profiles_loads_as_no_profiles(mock: CasesMock, invoke: Invoke) -> None:
    _build(invoke, boto3.client("connectcases", region_name=REGION))
    state = mock.export_state()
    del state["customer_profiles"]

    mock.import_state(state)

    assert invoke("ListDomains")["Items"] == []
    assert [
        d["name"] for d in boto3.client("connectcases", region_name=REGION).list_domains()["domains"]
    ] == ["care"]


def test_cases_alone_export_no_profiles_member(mock: CasesMock) -> None:
    cases = boto3.client("connectcases", region_name=REGION)
    domain_id = cases.create_domain(name="alone")["domainId"]
    template_id = cases.create_template(domainId=domain_id, name="t", status="Active")["templateId"]
    case_id = cases.create_case(
        domainId=domain_id, templateId=template_id, fields=[{"id": "title", "value": {"stringValue": "x"}}]
    )["caseId"]
    cases.update_case(
        domainId=domain_id, caseId=case_id, fields=[{"id": "title", "value": {"stringValue": "y"}}]
    )

    state = mock.export_state()

    assert "customer_profiles" not in state  # as a state saved before Customer Profiles existed
    assert [b["region"] for b in state["backends"]] == [REGION]


def _object_of_no_profile(part: list[Any]) -> None:
    objects = part[0]["domains"]["shop"]["objects"]
    next(iter(objects.values()))["profile_id"] = "ghost"


def _unknown_field(part: list[Any]) -> None:
    next(iter(part[0]["domains"]["shop"]["profiles"].values()))["shoe_size"] = 9


def _region_twice(part: list[Any]) -> None:
    part.append(part[0])


def _text_for_a_time(part: list[Any]) -> None:
    part[0]["domains"]["shop"]["created_at"] = "yesterday"


BAD_PARTS: list[tuple[Callable[[list[Any]], None], str]] = [
    (_object_of_no_profile, "customer_profiles[0].domains['shop'].objects["),
    (_unknown_field, ".shoe_size: not a field of Profile"),
    (_region_twice, "customer_profiles[1]: account '123456789012' region 'us-east-1' again"),
    (_text_for_a_time, "customer_profiles[0].domains['shop'].created_at: expected datetime, got str"),
]
IDS = [breaks.__name__.strip("_") for breaks, _ in BAD_PARTS]


@pytest.mark.parametrize(("breaks", "named"), BAD_PARTS, ids=IDS)
def test_a_bad_profiles_part_is_refused_whole(
    mock: CasesMock, invoke: Invoke, breaks: Callable[[list[Any]], None], named: str
) -> None:
    _build(invoke, boto3.client("connectcases", region_name=REGION))
    state = mock.export_state()
    before = json.dumps(state)
    breaks(state["customer_profiles"])
    invoke("CreateDomain", DomainName="later", DefaultExpirationDays=1)
    boto3.client("connectcases", region_name=REGION).create_domain(name="later")
    kept = mock.export_state()

    with pytest.raises(ValueError, match=r"^malformed cases_mock state: ") as refused:
        mock.import_state(state)

    assert named in str(refused.value)
    assert mock.export_state() == kept  # neither service's state replaced
    assert json.dumps(kept) != before


def _profiles_client(server: CasesServer) -> Any:
    return boto3.client(
        "customer-profiles",
        endpoint_url=server.url,
        region_name=REGION,
        aws_access_key_id="AKIAEXAMPLE",
        aws_secret_access_key="secret",
    )


def test_profiles_survive_a_server_restart_with_its_state_file(tmp_path: Path) -> None:
    path = str(tmp_path / "state.json")
    with CasesServer(quiet=True, state_file=path) as server:
        profiles = _profiles_client(server)
        profiles.create_domain(DomainName="shop", DefaultExpirationDays=30)
        pid = profiles.create_profile(DomainName="shop", FirstName="Ana")["ProfileId"]
    with CasesServer(quiet=True, state_file=path) as again:
        (found,) = _profiles_client(again).search_profiles(
            DomainName="shop", KeyName="_profileId", Values=[pid]
        )["Items"]
        assert found["FirstName"] == "Ana"


def test_the_server_refuses_a_bad_profiles_part_with_a_400_and_a_file_naming_it(tmp_path: Path) -> None:
    with CasesServer(quiet=True) as server:
        _profiles_client(server).create_domain(DomainName="shop", DefaultExpirationDays=30)
        state = server.engine.export()
        state["customer_profiles"][0]["domains"]["shop"]["name"] = "other"
        body = json.dumps(state).encode()
        request = urllib.request.Request(f"{server.url}/_cases_mock/state", body, method="POST")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 400
        assert (
            "customer_profiles[0].domains['shop']: holds the domain name 'other'"
            in refused.value.read().decode()
        )
        assert [d["DomainName"] for d in _profiles_client(server).list_domains()["Items"]] == ["shop"]
    path = tmp_path / "state.json"
    path.write_text(json.dumps(state), encoding="utf-8")
    with pytest.raises(StateFileError, match=r"customer_profiles\[0\]\.domains\['shop'\]: holds"):
        CasesServer(quiet=True, state_file=str(path))
