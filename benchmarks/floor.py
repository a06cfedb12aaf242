"""The floor: the same boto3 call answered by a canned ``before-send`` handler.

botocore still serialises, signs and parses; no backend runs. The canned body is the one the
mock itself answered for the same call, so the parser does the same work.
"""

from __future__ import annotations

from typing import Any

import boto3
from botocore.awsrequest import AWSResponse

from cases_mock.intercept import _RawBody


def capture(client: Any, method: str, params: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
    """Makes the call (under an active mock) and returns the raw HTTP answer it got."""
    seen: dict[str, Any] = {}

    def keep(http_response: Any, **_: Any) -> None:
        seen["answer"] = (http_response.status_code, dict(http_response.headers), http_response.content)

    client.meta.events.register("after-call.connectcases", keep)
    try:
        getattr(client, method)(**params)
    finally:
        client.meta.events.unregister("after-call.connectcases", keep)
    status, headers, body = seen["answer"]
    return int(status), headers, bytes(body)


def canned_client(answer: tuple[int, dict[str, str], bytes], region: str = "us-east-1") -> Any:
    """A client whose every request is answered with ``answer`` at ``before-send``."""
    status, headers, body = answer
    client = boto3.client(
        "connectcases",
        region_name=region,
        aws_access_key_id="FLOORKEY",
        aws_secret_access_key="floor-secret",
    )

    def reply(request: Any, **_: Any) -> AWSResponse:
        return AWSResponse(request.url, status, headers, _RawBody(body))

    client.meta.events.register_first("before-send.connectcases", reply)
    return client
