"""What botocore's own retry handlers do to a success answered at before-call, done without them.

botocore emits ``needs-retry.<service>.<Operation>`` once a response arrives, and a client's
retry handlers (one per client: ``retryhandler.RetryHandler`` in legacy mode,
``retries.standard.RetryHandler.needs_retry`` in standard and adaptive modes) decide there
whether to try again. For a success (a 2xx status, no ``Error`` in the parsed response, on the
first attempt) their answer is known from their configuration alone:

* standard: ``MaxAttemptsChecker`` adds ``MaxAttemptsReached: True`` to the response's
  ``ResponseMetadata`` when the client allows one attempt (``total_max_attempts=1``); its other
  checkers look only at error codes, 429/5xx statuses, exceptions, and (for DynamoDB and STS,
  never mocked here) checksums and IdP errors, so they say no;
* legacy: ``MaxAttemptsDecorator`` asks its checkers, which say no unless one of them retries
  the success's own status code or reads a CRC32 header the answer carries; then it does
  nothing to the response.

Both also raise the ``max`` of a retries context in the call's context, when there is one.
:func:`settled` does exactly that for handlers it recognises (by their exact types), and answers
None for anything else (adaptive mode's rate limiter, a user's own handler, a configuration it
cannot read): then the event is emitted as botocore's endpoint emits it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from botocore import retryhandler
from botocore.retries import standard

_STANDARD_NEEDS_RETRY = standard.RetryHandler.needs_retry
_SILENT_ON_SUCCESS = (retryhandler.ExceptionRaiser, retryhandler.ServiceErrorCodeChecker)


def settled(
    handlers: Iterable[Any],
    status: int,
    headers: Mapping[str, str],
    parsed: dict[str, Any],
    request_context: dict[str, Any],
) -> dict[str, Any] | None:
    """The metadata ``handlers`` (everything registered for the call's ``needs-retry`` event)
    would add to a first attempt's success, with the retries context updated as they update
    it; None if some handler is not one whose answer to a success is known (emit the event)."""
    if not 200 <= status < 300 or "Error" in parsed:
        return None
    header_names = {name.lower() for name in headers}
    limits: list[tuple[int, bool]] = []
    for handler in handlers:
        known = _standard_limit(handler) or _legacy_limit(handler, status, header_names)
        if known is None:
            return None
        limits.append(known)
    metadata: dict[str, Any] = {}
    retries = request_context.get("retries")
    for most, marks_reached in limits:
        if retries:
            retries["max"] = max(retries.get("max", 0), most)
        if marks_reached and most <= 1:
            metadata["MaxAttemptsReached"] = True
    return metadata


def _standard_limit(handler: Any) -> tuple[int, bool] | None:
    """(max attempts, True: it marks a success at the limit) of botocore's standard-mode
    handler, else None."""
    owner: Any = getattr(handler, "__self__", None)
    if (
        type(owner) is not standard.RetryHandler
        or getattr(handler, "__func__", None) is not _STANDARD_NEEDS_RETRY
    ):
        return None
    policy: Any = owner._retry_policy
    conditions: Any = policy._retry_checker if type(policy) is standard.RetryPolicy else None
    if type(conditions) is not standard.StandardRetryConditions:
        return None
    checker = conditions._max_attempts_checker
    if type(checker) is not standard.MaxAttemptsChecker:
        return None
    return checker._max_attempts, True


def _legacy_limit(handler: Any, status: int, header_names: set[str]) -> tuple[int, bool] | None:
    """(max attempts, False: it marks no success) of botocore's legacy handler when none of its checkers
    would retry this success, else None."""
    if type(handler) is not retryhandler.RetryHandler:
        return None
    decorator = handler._checker
    if type(decorator) is not retryhandler.MaxAttemptsDecorator:
        return None
    checkers = decorator._checker
    if type(checkers) is not retryhandler.MultiChecker:
        return None
    for checker in checkers._checkers:
        kind = type(checker)
        if kind in _SILENT_ON_SUCCESS:  # no exception was caught; a success has no error code
            continue
        if kind is retryhandler.HTTPStatusCodeChecker and checker._status_code != status:
            continue
        if kind is retryhandler.CRC32Checker and checker._header_name.lower() not in header_names:
            continue
        return None
    return decorator._max_attempts, False
