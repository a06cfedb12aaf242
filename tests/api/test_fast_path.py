"""The before-call path: what a boto3 user sees is exactly what the full path gives, retries
behave as botocore's own, and the switch forces the full path."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore import retryhandler
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.retries import standard

from benchmarks.floor import canned_client
from cases_mock import mock_connectcases
from cases_mock._services.connectcases.releases import OPERATIONS
from tests.builders import NO_RETRIES, a_client, a_domain

CONTACT = "arn:aws:connect:us-east-1:123456789012:instance/i-1/contact/c-1"


class Recorder:
    """A client whose every successful call keeps (method, params, raw answer, parsed)."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.seen: list[tuple[str, dict[str, Any], tuple[int, dict[str, str], bytes], dict[str, Any]]] = []
        self._last: tuple[int, dict[str, str], bytes] | None = None
        client.meta.events.register("after-call.connectcases", self._keep)

    def _keep(self, http_response: Any, **_: Any) -> None:
        self._last = (http_response.status_code, dict(http_response.headers), bytes(http_response.content))

    def __getattr__(self, method: str) -> Any:
        def call(**params: Any) -> Any:
            parsed = getattr(self.client, method)(**params)
            assert self._last is not None
            self.seen.append((method, params, self._last, parsed))
            return parsed

        return call


def every_operation(c: Recorder) -> set[str]:
    """One successful call of each of the model's operations; returns the operations called."""
    d = c.create_domain(name="all")["domainId"]
    c.get_domain(domainId=d)
    c.list_domains()
    text = c.create_field(domainId=d, name="Reason", type="SingleSelect")["fieldId"]
    number = c.create_field(domainId=d, name="Score", type="Number")["fieldId"]
    c.update_field(domainId=d, fieldId=number, description="a score")
    c.batch_get_field(domainId=d, fields=[{"id": text}, {"id": "status"}])
    c.list_fields(domainId=d)
    c.batch_put_field_options(
        domainId=d,
        fieldId=text,
        options=[{"name": "A", "value": "a", "active": True}, {"name": "B", "value": "b", "active": True}],
    )
    c.list_field_options(domainId=d, fieldId=text)
    content = {"basic": {"topPanel": {"sections": [{"fieldGroup": {"fields": [{"id": text}]}}]}}}
    layout = c.create_layout(domainId=d, name="L", content=content)["layoutId"]
    c.update_layout(domainId=d, layoutId=layout, name="L2")
    c.get_layout(domainId=d, layoutId=layout)
    c.list_layouts(domainId=d)
    rule = c.create_case_rule(
        domainId=d, name="R", rule={"required": {"defaultValue": False, "conditions": []}}
    )["caseRuleId"]
    c.update_case_rule(domainId=d, caseRuleId=rule, description="never required")
    c.batch_get_case_rule(domainId=d, caseRules=[{"id": rule}])
    c.list_case_rules(domainId=d)
    template = c.create_template(
        domainId=d,
        name="T",
        status="Active",
        layoutConfiguration={"defaultLayout": layout},
        rules=[{"caseRuleId": rule, "fieldId": number}],
    )["templateId"]
    c.update_template(domainId=d, templateId=template, description="the template")
    c.get_template(domainId=d, templateId=template)
    c.list_templates(domainId=d)
    c.put_case_event_configuration(domainId=d, eventBridge={"enabled": True})
    c.get_case_event_configuration(domainId=d)

    def case(title: str) -> str:
        fields = [
            {"id": "title", "value": {"stringValue": title}},
            {"id": number, "value": {"doubleValue": 2.5}},
        ]
        return str(c.create_case(domainId=d, templateId=template, fields=fields)["caseId"])

    first, second, third = case("first"), case("second"), case("third")
    c.get_case(domainId=d, caseId=first, fields=[{"id": "title"}, {"id": number}, {"id": "created_datetime"}])
    c.update_case(domainId=d, caseId=first, fields=[{"id": "summary", "value": {"stringValue": "s"}}])
    c.batch_update_case(
        domainId=d,
        cases=[{"caseIdentifier": {"caseId": second}}],
        fields=[{"fieldIdentifier": {"id": "summary"}, "value": {"stringValue": "b"}}],
    )
    c.search_cases(domainId=d, fields=[{"id": "title"}], sorts=[{"fieldId": number, "sortOrder": "Desc"}])
    c.get_case_audit_events(domainId=d, caseId=first)
    comment = c.create_related_item(
        domainId=d,
        caseId=first,
        type="Comment",
        content={"comment": {"body": "hi", "contentType": "Text/Plain"}},
    )["relatedItemId"]
    c.create_related_item(
        domainId=d, caseId=first, type="Contact", content={"contact": {"contactArn": CONTACT}}
    )
    c.update_related_item(
        domainId=d,
        caseId=first,
        relatedItemId=comment,
        content={"comment": {"body": "edited", "contentType": "Text/Plain"}},
    )
    c.batch_create_related_item(
        domainId=d,
        cases=[{"caseIdentifier": {"caseId": second}}],
        content={"comment": {"body": "x", "contentType": "Text/Plain"}},
    )
    c.search_related_items(domainId=d, caseId=first)
    c.search_all_related_items(domainId=d)
    c.list_cases_for_contact(domainId=d, contactArn=CONTACT)
    arn = c.get_domain(domainId=d)["domainArn"]
    c.tag_resource(arn=arn, tags={"team": "support"})
    c.list_tags_for_resource(arn=arn)
    c.untag_resource(arn=arn, tagKeys=["team"])
    c.start_merge_cases(domainId=d, caseId=first, secondaryCaseIds=[third])
    c.get_merge_cases_status(domainId=d, caseId=third)  # asked of the secondary case
    c.delete_related_item(domainId=d, caseId=first, relatedItemId=comment)
    c.delete_case(domainId=d, caseId=second)
    c.delete_template(domainId=d, templateId=template)
    c.delete_case_rule(domainId=d, caseRuleId=rule)
    c.delete_layout(domainId=d, layoutId=layout)
    c.delete_field(domainId=d, fieldId=text)
    c.delete_domain(domainId=d)
    return {c.client.meta.method_to_api_mapping[method] for method, *_ in c.seen}


def _compare_on_both_paths(seen: list[Any]) -> None:
    for method, params, answer, parsed in seen:
        full = getattr(canned_client(answer), method)(**params)  # botocore's full path, same bytes
        assert parsed == full, method


@pytest.mark.needs_model(*OPERATIONS)  # every operation the mock knows of is called
def test_every_operation_parses_exactly_as_on_the_full_path() -> None:
    with mock_connectcases() as mock:
        recorder = Recorder(boto3.client("connectcases", region_name="us-east-1"))  # as canned_client
        called = every_operation(recorder)
        assert called == set(recorder.client.meta.service_model.operation_names)
        assert len(mock.calls) == len(recorder.seen)
    _compare_on_both_paths(recorder.seen)


def test_the_fast_path_answers_before_send_and_the_switches_force_the_full_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def sends_with(**mock_options: Any) -> int:
        sent: list[str] = []
        with mock_connectcases(**mock_options):
            client = a_client()
            client.meta.events.register(
                "before-send.connectcases", lambda request, **_: sent.append(request.url)
            )
            client.get_domain(domainId=a_domain(client))
        return len(sent)

    monkeypatch.delenv("CASES_MOCK_FULL_PATH", raising=False)
    assert sends_with() == 0
    assert sends_with(full_path=True) == 2
    monkeypatch.setenv("CASES_MOCK_FULL_PATH", "1")
    assert sends_with() == 2


@pytest.mark.parametrize("full_path", [False, True], ids=["before-call", "full"])
def test_an_injected_throttle_is_retried_by_botocore_without_running_twice(full_path: bool) -> None:
    retrying = Config(retries={"mode": "standard", "total_max_attempts": 3})
    with mock_connectcases(full_path=full_path) as mock:
        client = a_client(config=retrying)
        mock.inject_fault("CreateDomain", "ThrottlingException", times=2)
        answer = client.create_domain(name="after-two-throttles")
        assert answer["ResponseMetadata"]["RetryAttempts"] == 2
        assert [call.status for call in mock.calls] == [429, 429, 200]
        assert [d.name for d in mock.backend().domains.values()] == ["after-two-throttles"]
        mock.inject_fault("GetDomain", "InternalServerException", times=5)
        with pytest.raises(ClientError) as excinfo:
            client.get_domain(domainId=answer["domainId"])
        assert excinfo.value.response["Error"]["Code"] == "InternalServerException"
        assert excinfo.value.response["ResponseMetadata"]["RetryAttempts"] == 2
        assert len(mock.calls_of("GetDomain")) == 3


def test_modeled_errors_are_the_same_on_both_paths() -> None:
    def error(full_path: bool) -> tuple[type, dict[str, Any]]:
        with mock_connectcases(full_path=full_path):
            client = a_client()
            with pytest.raises(ClientError) as excinfo:
                client.get_case(domainId=a_domain(client), caseId="missing", fields=[{"id": "title"}])
            response = dict(excinfo.value.response)
            metadata = dict(response.pop("ResponseMetadata"))
            metadata.pop("RequestId")
            metadata.pop("HTTPHeaders")
            return type(excinfo.value), {**response, "ResponseMetadata": metadata}

    fast, full = error(False), error(True)
    assert fast == full
    assert fast[0].__name__ == "ResourceNotFoundException"


def test_after_call_handlers_see_the_answer_on_the_fast_path() -> None:
    seen: list[tuple[int, str]] = []
    with mock_connectcases():
        client = a_client()
        client.meta.events.register(
            "after-call.connectcases.CreateDomain",
            lambda http_response, parsed, **_: seen.append(
                (http_response.status_code, parsed["domainStatus"])
            ),
        )
        a_domain(client)
    assert seen == [(200, "Active")]


def test_account_region_and_principal_come_from_the_signers_credentials() -> None:
    with mock_connectcases(any_endpoint=True) as mock:
        client = boto3.client(
            "connectcases",
            region_name="ap-south-1",
            endpoint_url="http://localhost:1",
            aws_access_key_id="ASIA111122223333XXXX",
            aws_secret_access_key="s",
            aws_session_token="t",
            config=NO_RETRIES,
        )
        arn = client.create_domain(name="by-signer")["domainArn"]
        assert arn.startswith("arn:aws:cases:ap-south-1:123456789012:domain/")
        assert mock.calls[-1].region == "ap-south-1"
        account_client = boto3.client(
            "connectcases",
            region_name="eu-west-1",
            aws_access_key_id="210987654321",
            aws_secret_access_key="s",
            config=NO_RETRIES,
        )
        assert ":210987654321:" in account_client.create_domain(name="by-key")["domainArn"]


def test_the_retry_handlers_metadata_is_the_same_on_both_paths() -> None:
    def metadata(full_path: bool) -> set[str]:
        with mock_connectcases(full_path=full_path):
            return set(a_client(config=NO_RETRIES).list_domains()["ResponseMetadata"])

    assert metadata(False) == metadata(True)
    assert "MaxAttemptsReached" in metadata(False)  # botocore's standard mode at one attempt


RETRIES = {
    "legacy": {"mode": "legacy"},
    "legacy-one-attempt": {"mode": "legacy", "total_max_attempts": 1},
    "standard": {"mode": "standard"},
    "standard-one-attempt": {"mode": "standard", "total_max_attempts": 1},
    "adaptive": {"mode": "adaptive"},
    "adaptive-one-attempt": {"mode": "adaptive", "total_max_attempts": 1},
}


@pytest.mark.parametrize("retries", RETRIES.values(), ids=RETRIES)
def test_a_success_has_the_full_paths_retry_metadata_without_botocores_retry_handlers(
    retries: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CASES_MOCK_FULL_PATH", raising=False)
    ran: list[str] = []
    adapt, decide = (
        standard.RetryEventAdapter.create_retry_context,
        retryhandler.MaxAttemptsDecorator.__call__,
    )

    def adapting(self: Any, **kwargs: Any) -> Any:
        ran.append("standard")
        return adapt(self, **kwargs)

    def deciding(self: Any, *args: Any, **kwargs: Any) -> Any:
        ran.append("legacy")
        return decide(self, *args, **kwargs)

    monkeypatch.setattr(standard.RetryEventAdapter, "create_retry_context", adapting)
    monkeypatch.setattr(retryhandler.MaxAttemptsDecorator, "__call__", deciding)

    def metadata(full_path: bool) -> tuple[dict[str, Any], list[str]]:
        ran.clear()
        with mock_connectcases(full_path=full_path):
            got = a_client(config=Config(retries=retries)).list_domains()["ResponseMetadata"]  # type: ignore[arg-type]
        return {k: v for k, v in got.items() if k not in ("RequestId", "HTTPHeaders")}, list(ran)

    (fast, ran_fast), (full, ran_full) = metadata(False), metadata(True)
    assert fast == full
    marked = retries["mode"] != "legacy" and retries.get("total_max_attempts") == 1
    assert fast.get("MaxAttemptsReached") is (True if marked else None)
    assert fast["RetryAttempts"] == 0
    assert set(ran_full) == {"legacy" if retries["mode"] == "legacy" else "standard"}
    # botocore's own retry handlers do not run for a before-call success, unless another handler
    # listens (adaptive mode's rate limiter): then the event is emitted as on the full path
    assert ran_fast == (ran_full if retries["mode"] == "adaptive" else [])
