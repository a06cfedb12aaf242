"""Pages of a list for the list operations: Connect Cases' signed keyset tokens
(``connectcases.backend.pagination``), with a bad token answered as Customer Profiles answers
malformed input (BadRequestException). Default page sizes: docs/behaviour.md#customer-profiles."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from cases_mock._protocol.errors import ValidationException
from cases_mock._services.connectcases.backend import pagination as cases_pagination
from cases_mock._services.customerprofiles.errors import BadRequestException

T = TypeVar("T")
# SearchProfiles documents 20; the other list operations document no default (mock choice: 100).
SEARCH_PAGE = 20
DEFAULT_PAGE = 100


def paginate(
    items: Sequence[T],
    position: Callable[[T], Any],
    *,
    operation: str,
    scope: str,
    max_results: int | None,
    next_token: str | None,
    default_page: int = DEFAULT_PAGE,
) -> tuple[list[T], str | None]:
    """One page of ``items`` (sorted by ``position``) and the NextToken of the next, if any."""
    try:
        return cases_pagination.paginate(
            items,
            position,
            operation=operation,
            scope=scope,
            max_results=max_results,
            default_page=default_page,
            next_token=next_token,
        )
    except ValidationException as error:
        raise BadRequestException(error.message.replace("nextToken", "NextToken")) from None
