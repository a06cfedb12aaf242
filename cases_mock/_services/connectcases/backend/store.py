"""Backends keyed by (account, region), created lazily and cheaply."""

from __future__ import annotations

import copy
import threading
from typing import TYPE_CHECKING

from cases_mock._engine.clock import Clock
from cases_mock._engine.limits import Limits
from cases_mock._services.connectcases.backend.case_rules import CaseRulesMixin
from cases_mock._services.connectcases.backend.cases import CasesMixin
from cases_mock._services.connectcases.backend.domains import DomainsMixin
from cases_mock._services.connectcases.backend.event_configuration import EventConfigurationMixin
from cases_mock._services.connectcases.backend.fields import FieldsMixin
from cases_mock._services.connectcases.backend.layouts import LayoutsMixin
from cases_mock._services.connectcases.backend.merges import MergesMixin
from cases_mock._services.connectcases.backend.related_items import RelatedItemsMixin
from cases_mock._services.connectcases.backend.tags import TagsMixin
from cases_mock._services.connectcases.backend.templates import TemplatesMixin
from cases_mock._services.connectcases.events.publisher import Publisher

if TYPE_CHECKING:
    from cases_mock._services.connectcases.backend.records import DomainData


class CasesBackend(
    MergesMixin,
    RelatedItemsMixin,
    CasesMixin,
    TagsMixin,
    EventConfigurationMixin,
    TemplatesMixin,
    LayoutsMixin,
    FieldsMixin,
    DomainsMixin,
    CaseRulesMixin,
):
    """All Connect Cases state of one account in one region (one mixin per resource)."""

    def __repr__(self) -> str:
        return f"<CasesBackend {self.account} {self.region}: {len(self.domains)} domain(s)>"


class Store:
    """Every backend of one mock, plus the clock, the limits and the event publisher they share."""

    def __repr__(self) -> str:
        return f"<Store: {len(self._backends)} backend(s), clock {self.clock!r}>"

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock = clock if clock is not None else Clock()
        self.limits = Limits(self.clock, self.domain_datas)
        self.publisher = Publisher()
        self._backends: dict[tuple[str, str], CasesBackend] = {}
        self._lock = threading.Lock()

    def backend(self, account: str, region: str) -> CasesBackend:
        key = (account, region)
        found = self._backends.get(key)
        if found is not None:
            return found
        with self._lock:
            found = self._backends.get(key)
            if found is None:
                found = self._backends[key] = CasesBackend(
                    account, region, self.clock, self.limits, publisher=self.publisher
                )
            return found

    def backends(self) -> dict[tuple[str, str], CasesBackend]:
        return dict(self._backends)

    def snapshot(self) -> dict[tuple[str, str], CasesBackend]:
        """A deep copy of every backend, for ``restore``."""
        with self._lock:
            return {key: copy.deepcopy(backend) for key, backend in self._backends.items()}

    def restore(self, snapshot: dict[tuple[str, str], CasesBackend]) -> None:
        """Puts back the state of ``snapshot`` (which stays reusable)."""
        with self._lock:
            self._backends = {key: copy.deepcopy(backend) for key, backend in snapshot.items()}

    def replace(self, backends: dict[tuple[str, str], CasesBackend]) -> None:
        """Puts ``backends`` in place of every backend (state import)."""
        with self._lock:
            for backend in backends.values():
                backend.limits = self.limits
                backend.publisher = self.publisher
            self._backends = dict(backends)

    def reset(self) -> None:
        with self._lock:
            self._backends.clear()
            self.limits.reset()
        self.publisher.clear()

    def domain_datas(self) -> list[DomainData]:
        return [d.data for b in self.backends().values() for d in list(b.domains.values())]
