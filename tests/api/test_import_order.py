"""Clients whose session was made before ``import cases_mock`` take the before-call path too:
one made before the mock started (its event emitter lacks the handlers the import adds) gets it
on its first call, and boto3's default session made before the import gets it at ``start()``
(taken off again at the last ``stop()``); ``full_path=True`` still forces the full path."""

from __future__ import annotations

import weakref
from typing import Any

import boto3
import pytest

from benchmarks.import_order import session_made_before_import
from cases_mock import mock_connectcases
from cases_mock._interception import botocore_hook
from tests.builders import NO_RETRIES


def sends(client: Any) -> list[str]:
    """The URLs the client's send path is asked for (none on the before-call path)."""
    sent: list[str] = []
    client.meta.events.register("before-send.connectcases", lambda request, **_: sent.append(request.url))
    return sent


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CASES_MOCK_FULL_PATH", raising=False)


def test_a_predating_session_lacks_the_before_call_handler() -> None:
    session = session_made_before_import()
    client = session.client("connectcases", region_name="us-east-1")
    assert not botocore_hook.has_fast_path(client.meta.events, "connectcases")
    assert botocore_hook.has_fast_path(
        boto3.Session().client("connectcases", region_name="us-east-1").meta.events, "connectcases"
    )


@pytest.mark.parametrize(("full_path", "expected_sends"), [(False, 0), (True, 3)])
def test_a_client_made_before_the_import_takes_the_before_call_path(
    full_path: bool, expected_sends: int
) -> None:
    client = session_made_before_import().client("connectcases", region_name="us-east-1", config=NO_RETRIES)
    sent = sends(client)
    with mock_connectcases(full_path=full_path) as mock:
        domain = client.create_domain(name="early")["domainId"]
        assert client.get_domain(domainId=domain)["name"] == "early"
        assert client.list_domains()["domains"][0]["domainId"] == domain
        assert [call.operation for call in mock.calls] == ["CreateDomain", "GetDomain", "ListDomains"]
    assert len(sent) == expected_sends


def test_a_client_made_before_the_import_still_hands_errors_to_the_send_path() -> None:
    client = session_made_before_import().client("connectcases", region_name="us-east-1", config=NO_RETRIES)
    with mock_connectcases() as mock:
        client.list_domains()  # the first call adds the before-call handler
        with pytest.raises(client.exceptions.ResourceNotFoundException):
            client.get_domain(domainId="missing")
        assert [call.status for call in mock.calls] == [200, 404]


def test_boto3_s_default_session_made_before_the_import_gets_it_at_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = session_made_before_import()
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", session)
    monkeypatch.setattr(botocore_hook, "_PREDATING_DEFAULT_SESSION", weakref.ref(session))
    events = session._session.get_component("event_emitter")
    with mock_connectcases() as mock:
        assert botocore_hook.has_fast_path(events, "connectcases")
        assert botocore_hook.has_fast_path(events, "customer-profiles")
        client = boto3.client("connectcases", region_name="us-east-1")
        sent = sends(client)
        client.list_domains()
        assert sent == []
        assert len(mock.calls) == 1
    assert not botocore_hook.has_fast_path(events, "connectcases")
