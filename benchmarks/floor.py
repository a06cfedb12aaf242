"""The floors: the same boto3 call answered by canned handlers, no backend running.

* signed ``before-send`` (the floor the targets are stated against): botocore serialises, signs
  and parses; the canned body is the one the mock itself answered for the same call;
* unsigned ``before-send``: the same with request signing turned off;
* ``before-call`` (where botocore's Stubber answers): serialised, then a canned parsed dict.
"""

from __future__ import annotations

from typing import Any

import boto3
from botocore import UNSIGNED
from botocore.awsrequest import AWSResponse
from botocore.config import Config

from cases_mock._interception.fast_path import RawBody


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


def _floor_client(region: str, signed: bool) -> Any:
    return boto3.client(
        "connectcases",
        region_name=region,
        aws_access_key_id="FLOORKEY",
        aws_secret_access_key="floor-secret",
        config=None if signed else Config(signature_version=UNSIGNED),
    )


def canned_client(
    answer: tuple[int, dict[str, str], bytes], region: str = "us-east-1", *, signed: bool = True
) -> Any:
    """A client whose every request is answered with ``answer`` at ``before-send``."""
    status, headers, body = answer
    client = _floor_client(region, signed)

    def reply(request: Any, **_: Any) -> AWSResponse:
        return AWSResponse(request.url, status, headers, RawBody(body))

    client.meta.events.register_first("before-send.connectcases", reply)
    return client


def before_call_client(
    answer: tuple[int, dict[str, str], bytes], parsed: dict[str, Any], region: str = "us-east-1"
) -> Any:
    """A client whose every call is answered at ``before-call`` with ``answer`` and ``parsed``."""
    status, headers, body = answer
    client = _floor_client(region, True)

    def reply(params: dict[str, Any], **_: Any) -> tuple[AWSResponse, dict[str, Any]]:
        return AWSResponse(params["url"], status, headers, RawBody(body)), parsed

    client.meta.events.register_first("before-call.connectcases", reply)
    return client
