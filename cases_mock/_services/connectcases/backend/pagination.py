"""Connect Cases' pages: the signed keyset tokens of ``_services/pagination.py`` over the
``maxResults`` and ``nextToken`` members, a bad token answered with ValidationException."""

from __future__ import annotations

from cases_mock._services.connectcases.errors import ValidationException
from cases_mock._services.pagination import Pages

PAGES = Pages(max_results="maxResults", next_token="nextToken", invalid=ValidationException, default_page=100)
paginate = PAGES.paginate
encode_token = PAGES.encode_token
decode_token = PAGES.decode_token
