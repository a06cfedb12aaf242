"""A mock that is not active has nothing to write into, and says so (MockNotActiveError)."""

from __future__ import annotations

import pytest

from cases_mock import MockNotActiveError, mock_connectcases
from tests.builders import a_client


def _domain_names() -> list[str]:
    return [d["name"] for d in a_client().list_domains()["domains"]]


@pytest.mark.parametrize(
    ("call", "named"),
    [
        (lambda mock: mock.seed(cases=1), "seed()"),
        (lambda mock: mock.backend().create_domain("written"), "backend()"),
        (lambda mock: mock.inject_fault("ListDomains"), "inject_fault()"),
        (lambda mock: mock.import_state(mock.export_state()), "import_state()"),
    ],
    ids=["seed", "backend", "inject_fault", "import_state"],
)
def test_writing_through_a_mock_never_started_is_refused_and_the_next_mock_starts_empty(
    call: object, named: str
) -> None:
    unstarted = mock_connectcases()
    with pytest.raises(
        MockNotActiveError, match=rf"{named.replace('(', '[(]').replace(')', '[)]')} on a mock"
    ):
        call(unstarted)  # type: ignore[operator]
    with mock_connectcases():
        assert _domain_names() == []  # answered: no fault was left behind either


def test_a_mock_object_used_while_another_is_active_writes_into_the_shared_state() -> None:
    spare = mock_connectcases()
    with mock_connectcases():
        spare.seed(name="shared", cases=1)  # allowed: an activation is live, its state is written
        assert _domain_names() == ["shared"]


def test_stop_before_start_says_it_was_never_started() -> None:
    with pytest.raises(
        MockNotActiveError, match="stop\\(\\) on a mock that is not active: it was never started"
    ):
        mock_connectcases().stop()


def test_a_second_stop_says_it_was_already_stopped_and_changes_nothing() -> None:
    mock = mock_connectcases().start()
    mock.stop()
    with mock_connectcases() as other:
        a_client().create_domain(name="kept")
        with pytest.raises(MockNotActiveError, match="it was already stopped"):
            mock.stop()
        assert other.active
        assert _domain_names() == ["kept"]


def test_mock_connectcases_without_parentheses_as_a_context_manager_says_how_to_write_it() -> None:
    with pytest.raises(TypeError, match=r"write `with mock_connectcases\(\):`"), mock_connectcases:
        pass
    with pytest.raises(TypeError, match=r"mock_connectcases\(\)\.start\(\)"):
        mock_connectcases.start()


@pytest.mark.asyncio
async def test_mock_connectcases_without_parentheses_under_async_with_says_how_to_write_it() -> None:
    with pytest.raises(TypeError, match=r"write `with mock_connectcases\(\):`"):
        async with mock_connectcases:  # type: ignore[attr-defined]
            pass
