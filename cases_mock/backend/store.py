"""Backends keyed by (account, region), created lazily and cheaply."""

from __future__ import annotations

import copy
import threading

from ..clock import Clock
from .case_rules import CaseRulesMixin
from .cases import CasesMixin
from .domains import DomainsMixin
from .event_configuration import EventConfigurationMixin
from .fields import FieldsMixin
from .layouts import LayoutsMixin
from .merges import MergesMixin
from .related_items import RelatedItemsMixin
from .tags import TagsMixin
from .templates import TemplatesMixin


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


class Store:
    """Every backend of one mock, plus the clock they share."""

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock = clock if clock is not None else Clock()
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
                found = self._backends[key] = CasesBackend(account, region, self.clock)
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
            self._backends = dict(backends)

    def reset(self) -> None:
        with self._lock:
            self._backends.clear()
