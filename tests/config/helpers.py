"""Small helpers of the domain-configuration tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError


def code_of(action: Callable[[], Any]) -> tuple[str, str]:
    """The error code and message ``action`` fails with (the test fails if it succeeds)."""
    with pytest.raises(ClientError) as raised:
        action()
    error = raised.value.response["Error"]
    return str(error["Code"]), str(error["Message"])


def walk(call: Callable[..., dict[str, Any]], key: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a List operation, page by page (maxResults as given)."""
    items: list[dict[str, Any]] = []
    token: str | None = None
    while True:
        page = call(**params, **({"nextToken": token} if token else {}))
        items.extend(page[key])
        token = page.get("nextToken")
        if not token:
            return items


def a_field(client: Any, domain_id: str, name: str, field_type: str = "Text") -> str:
    return str(client.create_field(domainId=domain_id, name=name, type=field_type)["fieldId"])


def a_layout(client: Any, domain_id: str, name: str, *field_ids: str) -> str:
    content = {
        "basic": {
            "topPanel": {
                "sections": [{"fieldGroup": {"name": "top", "fields": [{"id": f} for f in field_ids]}}]
            },
            "moreInfo": {"sections": []},
        }
    }
    return str(client.create_layout(domainId=domain_id, name=name, content=content)["layoutId"])
