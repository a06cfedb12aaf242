"""Case event streams (docs/events.md): ``mock.events`` holds them; ``lambda_event`` and
``sqs_lambda_event`` give what a Lambda function receives."""

from __future__ import annotations

from cases_mock._services.connectcases.events import MAX_EVENTS, EventList, lambda_event, sqs_lambda_event

__all__ = ["MAX_EVENTS", "EventList", "lambda_event", "sqs_lambda_event"]
