"""Attribute patches that undo exactly what they did, whatever else patched the same place.

``Patch.apply`` replaces ``owner.name`` with what a factory makes of the original;
``Patch.undo`` puts back what was there (or removes the attribute if it was inherited) when the
replacement is still in place. When someone patched on
top of it since (and will restore *our* replacement when they stop), the replacement stays, so
every replacement must be inert while no mock is active: that is the only trace left.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_MISSING = object()


class Patch:
    def __init__(self, owner: Any, name: str) -> None:
        self.owner = owner
        self.name = name
        self._saved: Any = _MISSING
        self._replacement: Any = None

    def apply(self, make: Callable[[Any], Any]) -> None:
        """Replaces ``owner.name`` with ``make(original)``."""
        self._saved = vars(self.owner).get(self.name, _MISSING)
        self._replacement = make(getattr(self.owner, self.name))
        setattr(self.owner, self.name, self._replacement)

    def undo(self) -> None:
        if self._replacement is None:
            return
        if vars(self.owner).get(self.name) is self._replacement:
            if self._saved is _MISSING:
                delattr(self.owner, self.name)
            else:
                setattr(self.owner, self.name, self._saved)
        self._replacement = None
        self._saved = _MISSING
