"""Where published events go besides ``mock.events``.

``MotoEventBridge``: while moto's ``mock_aws`` is active (in either nesting order with
``mock_connectcases``), each event is put on moto's EventBridge default bus of the event's
account and region, so moto rules and their targets (SQS, SNS, logs...) receive it. moto is
never imported here unless it already is.

``HttpPutEvents``: ``cases-mock serve --eventbridge-endpoint URL`` sends each event with
PutEvents to another endpoint (a moto server, LocalStack). Failures are logged and counted.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
from datetime import datetime, timezone
from typing import Any

log = logging.getLogger("cases_mock.events")


def put_events_entry(event: dict[str, Any]) -> dict[str, Any]:
    """The PutEvents request entry that reproduces ``event`` on the default bus."""
    return {
        "Source": event["source"],
        "DetailType": event["detail-type"],
        "Detail": json.dumps(event["detail"]),
        "Resources": list(event["resources"]),
        "Time": datetime.strptime(event["time"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc),
    }


def moto_active() -> bool:
    models = sys.modules.get("moto.core.models")
    mock_aws = getattr(models, "MockAWS", None)
    return bool(getattr(mock_aws, "_nested_count", 0))


class MotoEventBridge:
    """Puts each event on moto's default event bus while ``mock_aws`` is active."""

    def put(self, event: dict[str, Any]) -> None:
        if not moto_active():
            return
        from moto.events.models import events_backends

        entry = put_events_entry(event)
        entry["Time"] = entry["Time"].timestamp()  # moto's backend takes epoch seconds
        backend = events_backends[event["account"]][event["region"]]
        (answer,) = backend.put_events([entry])
        if "ErrorCode" in answer:
            raise RuntimeError(f"moto EventBridge refused the event: {answer}")


class HttpPutEvents:
    """Forwards each event to ``endpoint_url`` with EventBridge PutEvents (botocore, signed).

    The access key id is the event's account (LocalStack reads a 12-digit key as the account; a
    moto server files every event under its default account). One attempt, short timeouts.
    """

    def __init__(self, endpoint_url: str, *, timeout: float = 5.0) -> None:
        self.endpoint_url = endpoint_url
        self.timeout = timeout
        self.forwarded = 0
        self.failed = 0
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()

    def _client(self, account: str, region: str) -> Any:
        with self._lock:
            found = self._clients.get((account, region))
            if found is None:
                import botocore.session
                from botocore.config import Config

                found = botocore.session.get_session().create_client(
                    "events",
                    region_name=region,
                    endpoint_url=self.endpoint_url,
                    aws_access_key_id=account,
                    aws_secret_access_key="cases-mock",
                    config=Config(
                        retries={"total_max_attempts": 1, "mode": "standard"},
                        connect_timeout=self.timeout,
                        read_timeout=self.timeout,
                    ),
                )
                self._clients[(account, region)] = found
            return found

    def put(self, event: dict[str, Any]) -> None:
        try:
            answer = self._client(event["account"], event["region"]).put_events(
                Entries=[put_events_entry(event)]
            )
            if answer.get("FailedEntryCount"):
                raise RuntimeError(f"PutEvents refused the event: {answer.get('Entries')}")
        except Exception as error:
            with self._lock:
                self.failed += 1
            log.warning(
                "cases_mock: forwarding event %s to %s failed: %s", event["id"], self.endpoint_url, error
            )
            return
        with self._lock:
            self.forwarded += 1
