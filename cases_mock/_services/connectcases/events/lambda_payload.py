"""What a Lambda function receives for a published event, so a handler can be called directly.

An EventBridge rule with a Lambda target invokes the function with the event itself as JSON
(https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html shows the
form); through an SQS queue the function receives a batch of SQS records whose ``body`` is the
event as a JSON string
(https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html#example-standard-queue-message-event).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import datetime, timezone
from typing import Any


def lambda_event(event: dict[str, Any]) -> dict[str, Any]:
    """The ``event`` argument of a Lambda a rule targets: the envelope, as decoded JSON."""
    return dict(json.loads(json.dumps(event)))


def sqs_lambda_event(events: list[dict[str, Any]], queue_arn: str | None = None) -> dict[str, Any]:
    """The ``event`` of a Lambda fed by an SQS queue that a rule targets: one record per event."""
    records = []
    for event in events:
        body = json.dumps(event)
        region, account = event["region"], event["account"]
        sent = datetime.strptime(event["time"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        sent_ms = str(int(sent.timestamp() * 1000))
        records.append(
            {
                "messageId": str(uuid.uuid4()),
                "receiptHandle": str(uuid.uuid4()),
                "body": body,
                "attributes": {
                    "ApproximateReceiveCount": "1",
                    "SentTimestamp": sent_ms,
                    "SenderId": "AIDAIENQZJOLO23YVJ4VO",
                    "ApproximateFirstReceiveTimestamp": sent_ms,
                },
                "messageAttributes": {},
                "md5OfBody": hashlib.md5(body.encode(), usedforsecurity=False).hexdigest(),
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn or f"arn:aws:sqs:{region}:{account}:case-events",
                "awsRegion": region,
            }
        )
    return {"Records": records}
