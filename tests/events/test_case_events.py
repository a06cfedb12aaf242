"""CASE.CREATED, CASE.UPDATED and CASE.DELETED, checked against the documented sample payload
(https://docs.aws.amazon.com/connect/latest/adminguide/case-event-streams-sample.html)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from cases_mock._services.connectcases.events import MAX_EVENTS, Publisher
from tests.events.conftest import ACCOUNT, AGENT, PRINCIPAL, REGION, Stream

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def test_nothing_is_published_until_event_streams_are_enabled(stream: Stream) -> None:
    case_id = stream.create_case()
    stream.configure("status", enabled=False)
    stream.update_case(case_id, status="closed")
    stream.comment(case_id)

    assert stream.mock.events == []


def test_a_created_case_publishes_the_documented_envelope(stream: Stream) -> None:
    stream.configure("status", "title", stream.reason_id)

    case_id = stream.create_case(
        fields=[{"id": stream.reason_id, "value": {"stringValue": "Customer didn't receive the product"}}],
        performedBy={"userArn": AGENT},
    )

    (event,) = stream.mock.events
    assert UUID.match(event.pop("id"))
    assert event == {
        "version": "0",
        "detail-type": "Amazon Connect Cases Change",
        "source": "aws.cases",
        "account": ACCOUNT,
        "time": "2026-03-16T23:16:57Z",
        "region": REGION,
        "resources": [stream.domain_arn, f"{stream.domain_arn}/case/{case_id}"],
        "detail": {
            "version": "0",
            "eventType": "CASE.CREATED",
            "approximateChangeTime": "2026-03-16T23:16:57.893Z",
            "performedBy": {"user": {"userArn": AGENT}, "iamPrincipalArn": PRINCIPAL},
            "case": {
                "caseId": case_id,
                "templateId": stream.template_id,
                "createdDateTime": "2026-03-16T23:16:57.893Z",
                "fields": {
                    "status": {"value": {"stringValue": "open"}},
                    "title": {"value": {"stringValue": "Shipment lost"}},
                    stream.reason_id: {"value": {"stringValue": "Customer didn't receive the product"}},
                },
            },
        },
    }


def test_an_update_lists_the_changed_fields_and_the_case_after_the_change(stream: Stream) -> None:
    stream.configure("status", "title", stream.reason_id)
    case_id = stream.create_case(fields=[{"id": stream.reason_id, "value": {"stringValue": "lost"}}])
    stream.mock.clock.advance(minutes=5)

    stream.update_case(case_id, status="closed", **{stream.reason_id: None})

    updated = stream.mock.events.of("CASE.UPDATED")[0]["detail"]
    assert updated["changedFieldIds"] == [
        "status",
        stream.reason_id,
        "last_updated_datetime",
        "last_closed_datetime",
    ]
    assert updated["approximateChangeTime"] == "2026-03-16T23:21:57.893Z"
    assert updated["case"]["createdDateTime"] == "2026-03-16T23:16:57.893Z"
    # only the non-null values of the configured fields, as they are after the change
    assert updated["case"]["fields"] == {
        "status": {"value": {"stringValue": "closed"}},
        "title": {"value": {"stringValue": "Shipment lost"}},
    }


def test_an_update_that_changes_nothing_publishes_nothing(stream: Stream) -> None:
    stream.configure("status")
    case_id = stream.create_case()

    stream.update_case(case_id, title="Shipment lost")

    assert [e["detail"]["eventType"] for e in stream.mock.events] == ["CASE.CREATED"]


def test_without_case_data_an_event_carries_the_case_metadata_only(stream: Stream) -> None:
    stream.configure()
    case_id = stream.create_case()

    (event,) = stream.mock.events
    assert event["detail"]["case"] == {
        "caseId": case_id,
        "templateId": stream.template_id,
        "createdDateTime": "2026-03-16T23:16:57.893Z",
    }


@pytest.mark.needs_model("UserUnion.customEntity")
def test_a_custom_entity_is_the_performing_user(stream: Stream) -> None:
    stream.configure("status")
    stream.create_case(performedBy={"customEntity": "order-bot"})

    (event,) = stream.mock.events
    assert event["detail"]["performedBy"] == {
        "user": {"customEntity": "order-bot"},
        "iamPrincipalArn": PRINCIPAL,
    }


@pytest.mark.needs_model("DeleteCase")
def test_a_deleted_case_publishes_its_last_values(stream: Stream) -> None:
    stream.configure("status", "title")
    case_id = stream.create_case()

    stream.client.delete_case(domainId=stream.domain_id, caseId=case_id)

    deleted = stream.mock.events.of("CASE.DELETED")
    assert len(deleted) == 1
    detail = deleted[0]["detail"]
    assert detail["performedBy"] == {"iamPrincipalArn": PRINCIPAL}
    assert "changedFieldIds" not in detail
    assert detail["case"]["fields"]["title"] == {"value": {"stringValue": "Shipment lost"}}
    assert deleted[0]["resources"][1].endswith(f"/case/{case_id}")


def test_the_configuration_in_force_at_the_change_decides(stream: Stream) -> None:
    stream.configure("status")
    case_id = stream.create_case()
    stream.configure("title")
    stream.update_case(case_id, status="closed")
    stream.configure("title", enabled=False)
    stream.update_case(case_id, status="open")

    first, second = stream.mock.events
    assert list(first["detail"]["case"]["fields"]) == ["status"]
    assert list(second["detail"]["case"]["fields"]) == ["title"]


def test_a_field_deleted_after_configuring_is_left_out(stream: Stream) -> None:
    stream.configure("status", stream.reason_id)
    stream.client.delete_field(domainId=stream.domain_id, fieldId=stream.reason_id)

    stream.create_case()

    assert list(stream.mock.events[0]["detail"]["case"]["fields"]) == ["status"]


def test_a_field_listed_twice_is_kept_as_given_and_published_once(stream: Stream) -> None:
    """The PutCaseEventConfiguration page says nothing of repeated field ids
    (https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_PutCaseEventConfiguration.html)."""
    stream.configure(stream.reason_id, "title", stream.reason_id)

    stream.create_case(fields=[{"id": stream.reason_id, "value": {"stringValue": "late"}}])

    shown = stream.client.get_case_event_configuration(domainId=stream.domain_id)["eventBridge"]
    assert shown["includedData"]["caseData"]["fields"] == [
        {"id": stream.reason_id},
        {"id": "title"},
        {"id": stream.reason_id},
    ]
    assert list(stream.mock.events[0]["detail"]["case"]["fields"]) == [stream.reason_id, "title"]


@pytest.mark.needs_model("CaseEventIncludedData.autoIncludeFields")
@pytest.mark.parametrize(
    ("category", "expected"),
    [
        ("Custom", {"reason", "priority"}),
        (
            "System",
            {"title", "status", "case_id", "reference_number", "created_datetime", "last_updated_datetime"},
        ),
        (
            "All",
            {
                "reason",
                "priority",
                "title",
                "status",
                "case_id",
                "reference_number",
                "created_datetime",
                "last_updated_datetime",
            },
        ),
    ],
)
def test_auto_included_fields_join_the_listed_ones_and_follow_new_fields(
    stream: Stream, category: str, expected: set[str]
) -> None:
    """CaseEventIncludedData.autoIncludeFields: "Valid values are All (include all fields on the
    case), System (include all system fields), and Custom (include all custom fields). When this
    attribute is set, new fields added to the domain are picked up automatically"; with ``fields``
    too, "the effective field set is the union of the two" (the installed model's text of
    https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_CaseEventIncludedData.html)."""
    stream.client.put_case_event_configuration(
        domainId=stream.domain_id,
        eventBridge={
            "enabled": True,
            "includedData": {"caseData": {"fields": [{"id": "title"}], "autoIncludeFields": category}},
        },
    )
    priority = stream.client.create_field(domainId=stream.domain_id, name="Priority", type="Number")[
        "fieldId"
    ]
    names = {stream.reason_id: "reason", priority: "priority"}

    stream.create_case(
        fields=[
            {"id": stream.reason_id, "value": {"stringValue": "late"}},
            {"id": priority, "value": {"doubleValue": 2}},
        ]
    )

    (event,) = stream.mock.events
    published = {names.get(field_id, field_id) for field_id in event["detail"]["case"]["fields"]}
    assert published == expected | {"title"}


@pytest.mark.needs_model("CaseEventIncludedData.autoIncludeFields")
def test_auto_included_custom_fields_leave_out_deleted_ones_and_need_no_listed_fields(stream: Stream) -> None:
    stream.client.put_case_event_configuration(
        domainId=stream.domain_id,
        eventBridge={
            "enabled": True,
            "includedData": {"caseData": {"fields": [], "autoIncludeFields": "Custom"}},
        },
    )
    case_id = stream.create_case(fields=[{"id": stream.reason_id, "value": {"stringValue": "late"}}])
    stream.client.delete_field(domainId=stream.domain_id, fieldId=stream.reason_id)

    stream.update_case(case_id, title="Found")

    created, updated = stream.mock.events
    assert created["detail"]["case"]["fields"] == {stream.reason_id: {"value": {"stringValue": "late"}}}
    assert updated["detail"]["case"]["fields"] == {}


@pytest.mark.needs_model("BatchUpdateCase")
def test_a_batch_update_publishes_one_event_per_updated_case(stream: Stream) -> None:
    stream.configure("status")
    first, second = stream.create_case("one"), stream.create_case("two")

    answer = stream.client.batch_update_case(
        domainId=stream.domain_id,
        cases=[
            {"caseIdentifier": {"caseId": first}},
            {"caseIdentifier": {"caseId": "no-such-case"}},
            {"caseIdentifier": {"caseId": second}},
        ],
        fields=[],
        status="closed",
    )

    assert len(answer["failedCases"]) == 1
    updated = stream.mock.events.of("CASE.UPDATED")
    assert [e["detail"]["case"]["caseId"] for e in updated] == [first, second]
    assert all(
        e["detail"]["case"]["fields"] == {"status": {"value": {"stringValue": "closed"}}} for e in updated
    )


def test_events_filter_by_type_and_case_and_order_by_change_time(stream: Stream) -> None:
    stream.configure("status")
    first = stream.create_case("one")
    stream.mock.clock.advance(seconds=1)
    second = stream.create_case("two")
    stream.mock.clock.advance(seconds=1)
    stream.update_case(first, status="closed")

    events = stream.mock.events
    times = [e["detail"]["approximateChangeTime"] for e in events]
    assert times == sorted(times)
    assert [e["detail"]["case"]["caseId"] for e in events.of(case_id=first)] == [first, first]
    assert [e["detail"]["case"]["caseId"] for e in events.of("CASE.CREATED")] == [first, second]
    assert len(events.of("CASE.UPDATED", case_id=second)) == 0


def test_a_reset_forgets_the_events(stream: Stream) -> None:
    stream.configure("status")
    stream.create_case()

    stream.mock.reset()

    assert stream.mock.events == []


def test_a_failing_sink_never_fails_the_call(stream: Stream) -> None:
    class Broken:
        def put(self, event: dict[str, object]) -> None:
            raise ConnectionError("the bus is down")

    stream.mock.engine.publisher.sinks.append(Broken())
    stream.configure("status")

    case_id = stream.create_case()

    assert stream.client.get_case(domainId=stream.domain_id, caseId=case_id, fields=[{"id": "title"}])
    assert len(stream.mock.events) == 1
    assert stream.mock.engine.publisher.failures == 1


def test_the_log_is_bounded_and_drops_the_oldest_first() -> None:
    publisher = Publisher(maxlen=2)
    publisher.sinks.clear()
    for number in range(3):
        publisher.publish(
            {"id": str(number), "detail": {"eventType": "CASE.CREATED", "case": {"caseId": "c"}}}
        )

    assert [event["id"] for event in publisher.events()] == ["1", "2"]
    assert MAX_EVENTS == 10_000


def test_a_frozen_clock_gives_the_same_events_twice(stream: Stream) -> None:
    def run() -> list[dict[str, object]]:
        stream.mock.clear_events()
        stream.mock.clock.freeze(stream.mock.clock.now() - timedelta(0))
        case_id = stream.create_case()
        stream.update_case(case_id, status="closed")
        return [
            {**e, "id": None, "resources": e["resources"][:1], "detail": {**e["detail"], "case": None}}
            for e in stream.mock.events
        ]

    stream.configure("status")
    assert run() == run()
