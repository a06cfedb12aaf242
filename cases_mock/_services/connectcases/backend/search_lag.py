"""What searches see while ``mock.limits.search_delay`` is set (docs/working-with-the-mock.md):
every case as it was before its writes of the last ``delay``, and the related items associated
at least ``delay`` ago. The delay itself is a setting of the engine's ``Limits``."""

from __future__ import annotations

import copy
import dataclasses
from collections import deque
from datetime import datetime, timedelta
from typing import Any

from cases_mock._engine.limits import Limits
from cases_mock._services.connectcases.backend.records import Case, DomainData, RelatedItem


class SearchLag:
    """What searches of one domain see while ``Limits.search_delay`` is set: every case as it
    was before its writes of the last ``delay``. ``DomainData.touch`` records each write."""

    def __init__(self, limits: Limits, data: DomainData) -> None:
        self.limits = limits
        self.visible: dict[str, tuple[Case, dict[str, Any]]] = {
            case_id: (case, case.values) for case_id, case in data.cases.items()
        }
        self.pending: deque[tuple[datetime, str, tuple[Case, dict[str, Any]] | None]] = deque()

    def __deepcopy__(self, memo: dict[int, Any]) -> SearchLag:
        clone = SearchLag.__new__(SearchLag)
        memo[id(self)] = clone
        clone.limits = self.limits  # shared, like the clock
        clone.visible = copy.deepcopy(self.visible, memo)
        clone.pending = copy.deepcopy(self.pending, memo)
        return clone

    def record(self, case_id: str, case: Case | None) -> None:
        at = self.limits.clock.now() + self.limits.search_delay
        self.pending.append((at, case_id, (case, case.values) if case is not None else None))

    def cases(self) -> dict[str, Case]:
        """The cases as searches see them now (copies where the values differ)."""
        now = self.limits.clock.now()
        while self.pending and self.pending[0][0] <= now:
            _, case_id, version = self.pending.popleft()
            if version is None:
                self.visible.pop(case_id, None)
            else:
                self.visible[case_id] = version
        return {
            case_id: case if case.values is values else dataclasses.replace(case, values=values)
            for case_id, (case, values) in self.visible.items()
        }


def lag_every_domain(domains: list[DomainData], limits: Limits) -> None:
    """Makes every domain's searches lag from now on (the search delay was just set)."""
    for data in domains:
        lag_of(limits, data)


def lag_of(limits: Limits, data: DomainData) -> SearchLag | None:
    """The domain's SearchLag while a search delay is set (made on first need), else None."""
    if limits.search_delay <= timedelta(0):
        data.lag = None
        return None
    if data.lag is None:
        data.lag = SearchLag(limits, data)
    lag: SearchLag = data.lag
    return lag


def searched_data(limits: Limits, data: DomainData) -> DomainData:
    """``data`` as SearchCases sees it: itself, or a view holding the lagging cases."""
    lag = lag_of(limits, data)
    if lag is None:
        return data
    return dataclasses.replace(data, cases=lag.cases(), search_index=None, dirty_cases=set(), lag=None)


def visible_items(limits: Limits, items: list[RelatedItem]) -> list[RelatedItem]:
    """The related items a search sees: those associated at least ``search_delay`` ago."""
    delay = limits.search_delay
    if delay <= timedelta(0):
        return items
    horizon = limits.clock.now() - delay
    return [item for item in items if item.association_time <= horizon]
