"""The test helpers give the ``event`` a Lambda receives: from a rule directly, or through SQS."""

from __future__ import annotations

import hashlib
import json

from cases_mock._services.connectcases.events import lambda_event, sqs_lambda_event
from tests.events.conftest import Stream


def test_lambda_event_is_the_envelope_as_decoded_json_and_a_copy(stream: Stream) -> None:
    stream.configure("status")
    stream.create_case()
    (event,) = stream.mock.events

    payload = lambda_event(event)
    assert payload == json.loads(json.dumps(event))
    assert payload["detail-type"] == "Amazon Connect Cases Change"

    payload["detail"]["case"]["caseId"] = "changed by the handler"
    assert stream.mock.events[0]["detail"]["case"]["caseId"] != "changed by the handler"


def test_sqs_lambda_event_holds_one_record_per_event_with_the_event_as_body(stream: Stream) -> None:
    stream.configure("status")
    first, second = stream.create_case("one"), stream.create_case("two")

    batch = sqs_lambda_event(stream.mock.events)

    records = batch["Records"]
    assert [json.loads(r["body"])["detail"]["case"]["caseId"] for r in records] == [first, second]
    for record in records:
        assert record["eventSource"] == "aws:sqs"
        assert record["awsRegion"] == "us-east-1"
        assert record["md5OfBody"] == hashlib.md5(record["body"].encode()).hexdigest()
        assert record["attributes"]["SentTimestamp"] == "1773703017000"  # the events' time, in ms
    assert records[0]["messageId"] != records[1]["messageId"]
    assert records[0]["eventSourceARN"] == "arn:aws:sqs:us-east-1:123456789012:case-events"
