"""Replies kept for clientToken replays: bounded in time, in number, and dropped with their cases.

The Connect Cases docs do not say how long a clientToken stays valid; like the AWS services
that do say (AppFlow, Directory Service Data: 8 hours), a token is remembered for ``WINDOW`` on
the mock's clock after its first request, and at most ``CAP`` tokens per domain and kind are
kept (the oldest go first). Deleting a case forgets every token whose reply names it, in time
proportional to those tokens only (docs/behaviour.md#clienttoken). The replies are part of an
exported or saved state (``entries`` / ``restore``), so a replay after a server restart still
gives the first answer.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

WINDOW = timedelta(hours=8)
CAP = 10_000

# (token, request digest, reply, first use, ids of the cases the reply names)
Entry = tuple[str, str, Any, datetime, tuple[str, ...]]


class TokenReplies:
    """token -> (request digest, reply), oldest first, indexed by the cases each reply names."""

    __slots__ = ("_by_case", "_entries", "cap", "window")

    def __init__(self, window: timedelta | None = None, cap: int | None = None) -> None:
        self.window = WINDOW if window is None else window
        self.cap = CAP if cap is None else cap
        # token -> (digest, reply, first use, case ids the reply names)
        self._entries: OrderedDict[str, tuple[str, Any, datetime, tuple[str, ...]]] = OrderedDict()
        self._by_case: dict[str, set[str]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, token: str, now: datetime) -> tuple[str, Any] | None:
        """(digest, reply) of a live token, or None (expired tokens are forgotten here)."""
        self._expire(now)
        found = self._entries.get(token)
        return None if found is None else (found[0], found[1])

    def put(self, token: str, digest: str, reply: Any, now: datetime, cases: Iterable[str]) -> None:
        self._expire(now)
        self.forget(token)
        names = tuple(dict.fromkeys(cases))
        self._entries[token] = (digest, reply, now, names)
        for case_id in names:
            self._by_case.setdefault(case_id, set()).add(token)
        while len(self._entries) > self.cap:
            self.forget(next(iter(self._entries)))

    def forget(self, token: str) -> None:
        found = self._entries.pop(token, None)
        if found is None:
            return
        for case_id in found[3]:
            tokens = self._by_case.get(case_id)
            if tokens is not None:
                tokens.discard(token)
                if not tokens:
                    del self._by_case[case_id]

    def drop_case(self, case_id: str) -> None:
        """Forgets every reply that names ``case_id`` (the case is gone)."""
        for token in list(self._by_case.get(case_id, ())):
            self.forget(token)

    def entries(self) -> list[Entry]:
        """Every token kept, oldest first (expired ones too, until the next use expires them)."""
        return [(token, *entry) for token, entry in self._entries.items()]

    def restore(self, entries: Iterable[Entry]) -> None:
        """Replaces what is kept with ``entries`` (as ``entries()`` gave them), oldest first."""
        self._entries.clear()
        self._by_case.clear()
        for token, digest, reply, first_use, names in sorted(entries, key=lambda entry: entry[3]):
            self.forget(token)
            self._entries[token] = (digest, reply, first_use, names)
            for case_id in names:
                self._by_case.setdefault(case_id, set()).add(token)
        while len(self._entries) > self.cap:
            self.forget(next(iter(self._entries)))

    def _expire(self, now: datetime) -> None:
        limit = now - self.window
        while self._entries:
            token, entry = next(iter(self._entries.items()))
            if entry[2] > limit:
                return
            self.forget(token)
