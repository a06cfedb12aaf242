"""Both-paths parity for Customer Profiles: one successful call of every mocked operation, answered
on the before-call path, gives a boto3 user exactly what botocore's full path makes of the same
bytes (the Connect Cases version is tests/api/test_fast_path.py)."""

from __future__ import annotations

import json
from typing import Any

import boto3
from botocore.awsrequest import AWSResponse

from cases_mock import mock_connectcases
from cases_mock._interception.fast_path import RawBody
from cases_mock._protocol.model import operation_names
from cases_mock._services.customerprofiles.handlers import load_all

SERVICE = "customer-profiles"
REGION = "us-east-1"
URI = "arn:aws:connect:us-east-1:123456789012:instance/abc"
ORDER_TYPE = {
    "Description": "web orders",
    "Fields": {
        "order": {"Source": "_source.id", "ContentType": "STRING"},
        "email": {
            "Source": "_source.buyer.email",
            "Target": "_profile.EmailAddress",
            "ContentType": "EMAIL_ADDRESS",
        },
    },
    "Keys": {
        "orderId": [{"StandardIdentifiers": ["UNIQUE"], "FieldNames": ["order"]}],
        "_email": [{"StandardIdentifiers": ["PROFILE"], "FieldNames": ["email"]}],
    },
}
Answer = tuple[int, dict[str, str], bytes]


class Recorder:
    """A customer-profiles client whose every successful call keeps (method, params, raw answer, parsed)."""

    def __init__(self) -> None:
        self.client = boto3.client(SERVICE, region_name=REGION)
        self.seen: list[tuple[str, dict[str, Any], Answer, dict[str, Any]]] = []
        self._last: Answer | None = None
        self.client.meta.events.register(f"after-call.{SERVICE}", self._keep)

    def _keep(self, http_response: Any, **_: Any) -> None:
        self._last = (http_response.status_code, dict(http_response.headers), bytes(http_response.content))

    def __getattr__(self, method: str) -> Any:
        def call(**params: Any) -> Any:
            parsed = getattr(self.client, method)(**params)
            assert self._last is not None
            self.seen.append((method, params, self._last, parsed))
            return parsed

        return call


def every_mocked_operation(c: Recorder) -> set[str]:
    """One successful call of each mocked operation; returns the operations called."""
    d = "shop"
    c.create_domain(DomainName=d, DefaultExpirationDays=365)
    domain_arn = f"arn:aws:profile:{REGION}:123456789012:domains/{d}"
    c.get_domain(DomainName=d)
    c.update_domain(DomainName=d, DefaultExpirationDays=30)
    c.list_domains()
    ana = c.create_profile(DomainName=d, FirstName="Ana", EmailAddress="ana@x.com", Address={"City": "Lyon"})
    bo = c.create_profile(DomainName=d, FirstName="Bo", PhoneNumber="+15555550100")["ProfileId"]
    ana_id = ana["ProfileId"]
    c.update_profile(DomainName=d, ProfileId=ana_id, LastName="Silva")
    c.batch_get_profile(DomainName=d, ProfileIds=[ana_id, "0" * 32])
    c.search_profiles(DomainName=d, KeyName="_phone", Values=["+15555550100"])
    c.add_profile_key(DomainName=d, ProfileId=bo, KeyName="loyalty", Values=["L9"])
    c.delete_profile_key(DomainName=d, ProfileId=bo, KeyName="loyalty", Values=["L9"])
    c.list_profile_attribute_values(DomainName=d, AttributeName="Address.City")
    if "ListProfileHistoryRecords" in operation_names(SERVICE):  # an older model lacks them
        records = c.list_profile_history_records(DomainName=d, ProfileId=ana_id)["ProfileHistoryRecords"]
        c.get_profile_history_record(DomainName=d, ProfileId=ana_id, Id=records[0]["Id"])
    c.list_profile_object_type_templates()
    c.get_profile_object_type_template(TemplateId="CTR")
    c.put_profile_object_type(DomainName=d, ObjectTypeName="Order", **ORDER_TYPE)
    c.get_profile_object_type(DomainName=d, ObjectTypeName="Order")
    c.list_profile_object_types(DomainName=d)
    order = json.dumps({"id": "o-1", "buyer": {"email": "ana@x.com"}})
    key = c.put_profile_object(DomainName=d, ObjectTypeName="Order", Object=order)["ProfileObjectUniqueKey"]
    c.list_profile_objects(DomainName=d, ProfileId=ana_id, ObjectTypeName="Order")
    c.delete_profile_object(
        DomainName=d, ProfileId=ana_id, ObjectTypeName="Order", ProfileObjectUniqueKey=key
    )
    c.delete_profile_object_type(DomainName=d, ObjectTypeName="Order")
    c.put_integration(DomainName=d, Uri=URI, ObjectTypeName="CTR")
    c.get_integration(DomainName=d, Uri=URI)
    c.list_integrations(DomainName=d)
    c.list_account_integrations(Uri=URI)
    c.delete_integration(DomainName=d, Uri=URI)
    c.tag_resource(resourceArn=domain_arn, tags={"team": "care"})
    c.list_tags_for_resource(resourceArn=domain_arn)
    c.untag_resource(resourceArn=domain_arn, tagKeys=["team"])
    c.merge_profiles(DomainName=d, MainProfileId=ana_id, ProfileIdsToBeMerged=[bo])
    c.delete_profile(DomainName=d, ProfileId=ana_id)
    c.delete_domain(DomainName=d)
    return {c.client.meta.method_to_api_mapping[method] for method, *_ in c.seen}


def canned(answer: Answer) -> Any:
    """A customer-profiles client answered with ``answer`` at before-send (botocore's full path)."""
    status, headers, body = answer
    client = boto3.client(SERVICE, region_name=REGION, aws_access_key_id="K", aws_secret_access_key="s")

    def reply(request: Any, **_: Any) -> AWSResponse:
        return AWSResponse(request.url, status, headers, RawBody(body))

    client.meta.events.register_first(f"before-send.{SERVICE}", reply)
    return client


def test_every_mocked_operation_parses_exactly_as_on_the_full_path() -> None:
    with mock_connectcases() as mock:
        recorder = Recorder()
        called = every_mocked_operation(recorder)
        assert called == set(load_all()) & set(operation_names(SERVICE))
        assert len(mock.calls) == len(recorder.seen)
    for method, params, answer, parsed in recorder.seen:
        assert parsed == getattr(canned(answer), method)(**params), method
