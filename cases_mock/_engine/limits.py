"""Service limits, the one place for them (docs/behaviour.md#service-limits): resource quotas
(always on, settable as ``mock.quotas``) and two opt-in behaviours of the real service, off by
default, settable on ``mock.limits``: per-operation API rate quotas (a token bucket per
account, region and operation, on the mock's clock: ThrottlingException, HTTP 429) and the
eventual consistency of searches (a delay, on the mock's clock, before a write is visible to
SearchCases, SearchRelatedItems and SearchAllRelatedItems). Also the fixed limits of the API
that are no quota: how many conditions a case rule may have, and how deep they may nest.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from cases_mock._protocol.errors import ThrottlingException

if TYPE_CHECKING:
    from cases_mock._engine.clock import Clock

QUOTAS_PAGE = (
    "https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html#cases-quotas"
)
RATES_PAGE = "https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html#cases-api-quotas"
TAGGING_PAGE = "https://docs.aws.amazon.com/connect/latest/adminguide/tagging.html"
# "Amazon Connect services support up to 50 tags per resource" (TAGGING_PAGE); TagResource's own
# page sets no cap (its `tags` is a plain string map), CreateCase's MutableTags says at most 50.
MAX_TAGS = 50


@dataclass(slots=True)
class Quotas:
    """Resource quotas (docs/behaviour.md#service-limits). The defaults are the Cases quotas
    table of QUOTAS_PAGE where it has a row, the API Reference where an operation's page gives
    the figure, else the mock's choice. Exceeding one gives ServiceQuotaExceededException where
    the operation models it."""

    # QUOTAS_PAGE, "Cases service quotas"
    domains_per_account: int = 5  # Cases domains per AWS account
    fields_per_domain: int = 500  # Fields in a Cases domain
    options_per_field: int = 500  # Field options per single-select field in the Cases domain
    layouts_per_domain: int = 100  # Layouts in a Cases domain
    templates_per_domain: int = 100  # Templates in a Cases domain
    fields_per_layout: int = 100  # Case fields per case layout (not adjustable)
    related_items_per_case: int = 200  # Related items that can be attached to a case
    files_per_case: int = 50  # Files that can be attached to a case
    slas_per_case: int = 10  # SLAs that can be attached to a case
    fields_per_custom_related_item: int = 5  # Fields in a Custom type related item
    # DeleteField, DeleteLayout, DeleteTemplate pages: "You can delete up to 100 ... per domain"
    deleted_fields_per_domain: int = 100
    deleted_layouts_per_domain: int = 100
    deleted_templates_per_domain: int = 100
    # StartMergeCases: "the primary case would have more than 500 field values" (ValidationException)
    field_values_per_merged_case: int = 500
    # not on QUOTAS_PAGE: the mock's choice
    case_rules_per_domain: int = 100


# The shape of a case rule's conditions, fixed by the CompoundCondition page
# (https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_CompoundCondition.html:
# "For API users: A case rule can have a maximum of 5 conditions, spread across a maximum of 2
# levels of nesting"): leaf conditions (equalTo / notEqualTo) counted across every level, and
# compounds (andAll / orAll) nested at most two deep (docs/behaviour.md#case-rules). Not
# settable: the page states them as limits of the API, not as quotas.
MAX_CONDITIONS = 5
MAX_COMPOUND_DEPTH = 2


@dataclass(frozen=True, slots=True)
class Rate:
    """A steady rate (requests per second) and a burst (the bucket's size)."""

    per_second: float
    burst: int


# QUOTAS_PAGE, "Cases API throttling quotas": default rate and burst per account and Region.
# The page's rows name "CreateRelatedItems" and "DeleteCaseRules"; no operation has those names,
# so they are read as CreateRelatedItem and DeleteCaseRule.
_PAGE_RATES: tuple[tuple[Rate, tuple[str, ...]], ...] = (
    (
        Rate(2, 10),
        (
            "CreateCase",
            "SearchCases",
            "ListTemplates",
            "ListLayouts",
            "CreateRelatedItem",
            "SearchRelatedItems",
            "ListCaseRules",
            "ListTagsForResource",
            "TagResource",
            "UntagResource",
            "GetCaseAuditEvents",
            "GetCaseEventConfiguration",
            "PutCaseEventConfiguration",
        ),
    ),
    (Rate(4, 10), ("GetCase",)),
    (Rate(2, 2), ("UpdateCase", "ListCasesForContact")),
    (
        Rate(2, 5),
        (
            "CreateField",
            "ListFields",
            "UpdateField",
            "BatchPutFieldOptions",
            "CreateDomain",
            "GetDomain",
            "ListDomains",
            "CreateTemplate",
            "UpdateTemplate",
            "CreateLayout",
            "UpdateLayout",
            "CreateCaseRule",
            "UpdateCaseRule",
            "DeleteCaseRule",
        ),
    ),
    (Rate(8, 25), ("BatchGetField", "BatchGetCaseRule")),
    (Rate(6, 16), ("ListFieldOptions",)),
    (Rate(6, 20), ("GetTemplate", "GetLayout")),
)
RATES: dict[str, Rate] = {operation: rate for rate, operations in _PAGE_RATES for operation in operations}
# Every operation the page does not list (the deletes, the batch writes, UpdateRelatedItem,
# SearchAllRelatedItems, the merges): the mock's choice, the page's most common row
# (docs/behaviour.md#service-limits).
DEFAULT_RATE = Rate(2, 10)
SEARCHES = ("SearchCases", "SearchRelatedItems", "SearchAllRelatedItems")


class _Bucket:
    __slots__ = ("at", "tokens")

    def __init__(self, tokens: float, at: datetime) -> None:
        self.tokens, self.at = tokens, at


class Limits:
    """``mock.limits``: the opt-in rate quotas and search delay, and the resource quotas."""

    def __init__(self, clock: Clock, delay_set: Callable[[Limits], None] | None = None) -> None:
        self.clock = clock
        self._delay_set = delay_set  # the service's: its searches start lagging (search_lag.py)
        self._lock = threading.Lock()
        self.quotas = Quotas()
        self.throttling = False
        self.rates: dict[str, Rate] = dict(RATES)
        self.default_rate = DEFAULT_RATE
        self._search_delay = timedelta(0)
        self._buckets: dict[tuple[str, str, str], _Bucket] = {}

    def reset(self) -> None:
        """Back to the defaults: no throttling, no search delay, the documented quotas."""
        with self._lock:
            self.quotas = Quotas()
            self.throttling = False
            self.rates = dict(RATES)
            self.default_rate = DEFAULT_RATE
            self._search_delay = timedelta(0)
            self._buckets.clear()

    def settings(self) -> LimitSettings:
        """What a test may change here, for ``apply`` (rollback.py); the buckets are not kept."""
        with self._lock:
            quotas = dataclasses.replace(self.quotas)
            return LimitSettings(
                quotas, self.throttling, dict(self.rates), self.default_rate, self._search_delay
            )

    def apply(self, settings: LimitSettings) -> None:
        """Puts back what ``settings()`` gave (which stays reusable), with full buckets."""
        with self._lock:
            self.quotas = dataclasses.replace(settings.quotas)
            self.throttling = settings.throttling
            self.rates = dict(settings.rates)
            self.default_rate = settings.default_rate
            self._search_delay = settings.search_delay
            self._buckets.clear()

    # -- rate quotas ------------------------------------------------------------------------
    def rate(self, operation: str) -> Rate:
        return self.rates.get(operation, self.default_rate)

    def take(self, account: str, region: str, operation: str) -> None:
        """Spends one token of the operation's bucket; ThrottlingException when it is empty.

        A bucket starts full (``burst`` tokens) and refills at ``per_second`` on the mock's
        clock, up to ``burst``; a frozen clock never refills it."""
        if not self.throttling:
            return
        rate = self.rate(operation)
        now = self.clock.now()
        with self._lock:
            key = (account, region, operation)
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket(float(rate.burst), now)
            elapsed = max((now - bucket.at).total_seconds(), 0.0)
            bucket.tokens, bucket.at = min(float(rate.burst), bucket.tokens + elapsed * rate.per_second), now
            if bucket.tokens < 1:
                raise ThrottlingException(
                    f"Rate exceeded for {operation}: {rate.per_second:g} requests per second, "
                    f"burst {rate.burst} ({RATES_PAGE})"
                )
            bucket.tokens -= 1

    # -- eventual consistency of searches ---------------------------------------------------
    @property
    def search_delay(self) -> timedelta:
        return self._search_delay

    @search_delay.setter
    def search_delay(self, delay: timedelta | float) -> None:
        """How long (a timedelta, or seconds) a write takes to become visible to searches."""
        self._search_delay = delay if isinstance(delay, timedelta) else timedelta(seconds=delay)
        if self._delay_set is not None:
            self._delay_set(self)  # from now on, every domain's writes lag


@dataclass(frozen=True, slots=True)
class LimitSettings:
    """The settings of a ``Limits`` at one moment (``Limits.settings`` / ``Limits.apply``)."""

    quotas: Quotas
    throttling: bool
    rates: dict[str, Rate]
    default_rate: Rate
    search_delay: timedelta
