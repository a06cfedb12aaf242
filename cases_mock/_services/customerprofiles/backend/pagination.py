"""Customer Profiles' pages: the signed keyset tokens of ``_services/pagination.py`` over the
``MaxResults`` and ``NextToken`` members, a bad token answered as Customer Profiles answers
malformed input (BadRequestException). Default page sizes: docs/behaviour.md#customer-profiles."""

from __future__ import annotations

from cases_mock._services.customerprofiles.errors import BadRequestException
from cases_mock._services.pagination import Pages

# SearchProfiles documents 20; the other list operations document no default (mock choice: 100).
SEARCH_PAGE = 20
DEFAULT_PAGE = 100

PAGES = Pages(
    max_results="MaxResults", next_token="NextToken", invalid=BadRequestException, default_page=DEFAULT_PAGE
)
paginate = PAGES.paginate
