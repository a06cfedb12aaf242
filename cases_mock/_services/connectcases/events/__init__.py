"""Case event streams (docs/events.md): what Amazon Connect Cases puts on EventBridge.

Backend writes call ``publish.case_changed`` / ``publish.related_item_created`` (one line each);
``build.py`` turns the change into the documented envelope, and the store's ``Publisher``
keeps it (``mock.events``) and hands it to its sinks: moto's EventBridge when moto is active,
and on the server an HTTP PutEvents forwarder. ``lambda_event`` gives what a Lambda receives.
"""

from __future__ import annotations

from cases_mock._engine.publisher import MAX_EVENTS, EventList, Publisher
from cases_mock._services.connectcases.events.lambda_payload import lambda_event, sqs_lambda_event

__all__ = ["MAX_EVENTS", "EventList", "Publisher", "lambda_event", "sqs_lambda_event"]
