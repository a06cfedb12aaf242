"""The whole state as JSON: what ``Engine.export``/``import_state`` (``CasesMock.export_state``,
``save``/``load``) and the server's ``/_cases_mock/state`` and ``--state-file`` exchange
(docs/working-with-the-mock.md#state-as-json).

The envelope is ``{"format": FORMAT, <every registered service's members>}``: each service
writes and reads its own members through its ``Service.state`` (``registry.StatePart``; Connect
Cases' ``backends``), usually with the generic ``Codec`` (``state_codec.py``). An import checks
every service's part whole before any is put in place, so a bad part changes nothing. The text
is parsed here, refusing a repeated key anywhere and nesting past ``MAX_DEPTH``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from cases_mock._engine.state_codec import MAX_DEPTH, only_members
from cases_mock._services import registry

FORMAT = "cases_mock/state/1"


def export_state(stores: Mapping[str, Any]) -> dict[str, Any]:
    """Every registered service's part of the state (``stores``: each service's, by name)."""
    state: dict[str, Any] = {"format": FORMAT}
    for service in registry.services():
        if service.state is not None:
            state.update(service.state.export(stores[service.name]))
    return state


def import_state(stores: Mapping[str, Any], state: Any, read: registry.TrialRead) -> None:
    """Replaces every service's state with ``state``'s once all of it is checked (``read``: the
    trial reads through the engine's ``invoke``); ValueError naming the first problem, and
    nothing changed, if not. A service's members absent from ``state`` give it an empty state
    (a file saved before the service was part of it)."""
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise ValueError(f"not a cases_mock state (expected format {FORMAT!r})")
    parts = [(service, service.state) for service in registry.services() if service.state is not None]
    members = ["format", *(member for _, part in parts for member in part.members)]
    try:
        only_members(state, members, "", "a cases_mock state")
        replacements: list[Callable[[], None]] = [
            part.prepare(stores[service.name], {m: state[m] for m in part.members if m in state}, read)
            for service, part in parts
        ]
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise ValueError(f"malformed cases_mock state: {error}") from None
    except RecursionError:
        raise ValueError(f"malformed cases_mock state: nested more than {MAX_DEPTH} levels deep") from None
    for replace in replacements:
        replace()


def parse_state(text: str) -> Any:
    """The JSON text of a saved state, parsed; ValueError naming where if it repeats a key in
    any object (json would keep the last copy silently) or nests more than MAX_DEPTH deep."""
    repeated: list[_Repeated] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        made = dict(pairs)
        if len(made) == len(pairs):
            return made
        seen: set[str] = set()
        twice = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        marked = _Repeated(made)
        marked.key = twice
        repeated.append(marked)
        return marked

    try:
        state = json.loads(text, object_pairs_hook=pairs_hook)
    except RecursionError:
        raise ValueError(f"nested more than {MAX_DEPTH} levels deep {_too_deep_at(text)}") from None
    if repeated:
        where = _path_of(state, repeated[0])
        raise ValueError(
            f"{where or 'the top level'}: the key {repeated[0].key!r} appears twice (one copy would be lost)"
        )
    return state


class _Repeated(dict[str, Any]):
    """An object of the parsed text that repeated a key (``key``)."""

    key = ""


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _too_deep_at(text: str) -> str:
    depth = 0
    for match in _TOKEN.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                return f"at line {line} column {column}"
        elif match.group() in "]}":
            depth -= 1
    return "somewhere in the text"


def _path_of(root: Any, wanted: Any) -> str:
    """Where ``wanted`` (one object of ``root``) sits, as ``backends[0].domains['d'].name``."""
    stack: list[tuple[Any, str]] = [(root, "")]
    while stack:
        value, path = stack.pop()
        if value is wanted:
            return path
        if isinstance(value, dict):
            for key, item in value.items():
                step = f".{key}" if key.isidentifier() else f"[{key!r}]"
                stack.append((item, f"{path}{step}" if path or not step.startswith(".") else key))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{index}]") for index, item in enumerate(value))
    return ""
