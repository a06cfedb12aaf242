"""docs/api.md: the API reference, written as plain Markdown from the docstrings of the public
objects, so it reads on GitHub and in a checkout without building the site.

Regenerate with ``python -m maintainers.api_reference docs/api.md``; a test
(tests/test_doc_examples.py) fails while the file differs from what this writes.
"""

from __future__ import annotations

import importlib
import inspect
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

INTRO = """# API reference

Written from the docstrings of the public objects (`python -m maintainers.api_reference
docs/api.md` regenerates it). In tests, most code needs only `mock_connectcases` (or the pytest
fixtures) and a boto3 client; the rest is for looking at or steering the mock.
"""

SECTIONS: list[tuple[str, list[str]]] = [
    ("Activating the mock", ["cases_mock.mock_connectcases", "cases_mock.CasesMock"]),
    (
        "pytest fixtures",
        [
            "cases_mock.pytest_plugin.cases_mock",
            "cases_mock.pytest_plugin.cases_client",
            "cases_mock.pytest_plugin.cases_async_client",
            "cases_mock.pytest_plugin.profiles_client",
            "cases_mock.pytest_plugin.profiles_async_client",
            "cases_mock.pytest_plugin.cases_server",
            "cases_mock.pytest_plugin.cases_mock_settings",
            "cases_mock.pytest_plugin.CasesMockSettings",
        ],
    ),
    ("The standalone server", ["cases_mock._server.CasesServer"]),
    (
        "What the mock records and controls",
        [
            "cases_mock._engine.recording.RecordedCall",
            "cases_mock._engine.faults.Fault",
            "cases_mock._engine.clock.Clock",
            "cases_mock._services.connectcases.seed.SeededDomain",
        ],
    ),
    ("Errors", ["cases_mock.CasesError", "cases_mock._protocol.model.BotocoreTooOldError"]),
]
_SECTION_HEADS = ("Args:", "Arguments:", "Returns:", "Raises:", "Yields:", "Attributes:")


class _Text:
    """An annotation written as its source text (``from __future__ import annotations``)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _find(dotted: str) -> Any:
    module_name, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module_name), name)


def _unwrap(obj: Any) -> Any:
    """A pytest fixture's own function (pytest 8.4+ wraps it in a FixtureFunctionDefinition)."""
    getter = getattr(obj, "_get_wrapped_function", None)
    return getter() if callable(getter) else obj


def _signature(obj: Any, *, drop_self: bool = False) -> str:
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return "(...)"
    parameters: list[inspect.Parameter] = []
    for parameter in signature.parameters.values():
        if drop_self and parameter.name in ("self", "cls") and not parameters:
            continue
        annotation = parameter.annotation
        if isinstance(annotation, str):
            parameter = parameter.replace(annotation=_Text(annotation))
        parameters.append(parameter)
    returned = signature.return_annotation
    if isinstance(returned, str):
        returned = _Text(returned)
    return str(signature.replace(parameters=parameters, return_annotation=returned))


def _block(head: str, signature: str) -> str:
    """A code block of ``head + signature``, one parameter a line when it is long (fenced as
    ``py``: the doc-example test runs ``python`` blocks, and a signature is not a program)."""
    if len(head) + len(signature) <= 96:
        return f"```py\n{head}{signature}\n```"
    parts: list[str] = []
    depth, current = 0, ""
    close = _closing_paren(signature)
    for char in signature[1:close]:
        depth += char in "([{"
        depth -= char in ")]}"
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    body = "".join(f"    {part},\n" for part in parts if part)
    return f"```py\n{head}(\n{body}){signature[close + 1 :]}\n```"


def _closing_paren(signature: str) -> int:
    depth = 0
    for index, char in enumerate(signature):
        depth += char in "([{"
        depth -= char in ")]}"
        if depth == 0:
            return index
    return len(signature) - 1


def _markdown(doc: str | None) -> str:
    """A docstring as Markdown: reST's double backticks single, Google sections as lists."""
    if not doc:
        return ""
    lines = inspect.cleandoc(doc).replace("``", "`").splitlines()
    out: list[str] = []
    in_section = False
    for line in lines:
        stripped = line.strip()
        if stripped in _SECTION_HEADS:
            in_section = True
            out += ["", f"**{stripped[:-1]}**", ""]
            continue
        if in_section and line.startswith("    ") and not line.startswith("        "):
            name, colon, rest = stripped.partition(": ")
            out.append(f"- `{name}`: {rest}" if colon and " " not in name else f"- {stripped}")
            continue
        if in_section and line.startswith("        "):
            out[-1] += " " + stripped
            continue
        in_section = in_section and bool(stripped)
        out.append(line[:-1] if line.endswith("::") else line)
    return "\n".join(out).strip()


def _members(cls: type) -> Iterator[tuple[str, Any]]:
    """The public methods and properties ``cls`` defines or inherits from a base of its own
    package, in source order, the bases' first."""
    seen: set[str] = set()
    own = [
        base
        for base in reversed(cls.__mro__)
        if base.__module__.split(".")[0] == cls.__module__.split(".")[0]
    ]
    for name, member in (item for base in own for item in vars(base).items()):
        if name in seen:
            continue
        seen.add(name)
        if name.startswith("_"):
            continue
        if isinstance(member, (staticmethod, classmethod)):
            yield name, member.__func__
        elif isinstance(member, property) or inspect.isfunction(member):
            yield name, member


def _entry(dotted: str) -> list[str]:
    obj = _unwrap(_find(dotted))
    name = dotted.rpartition(".")[2]
    if not inspect.isclass(obj):
        return [f"### `{name}`", "", _block(name, _signature(obj)), "", _markdown(obj.__doc__), ""]
    init = obj.__init__ if "__init__" in vars(obj) else obj
    signature = _signature(init, drop_self=True).removesuffix(" -> None")
    lines = [f"### `{name}`", "", _block(f"class {name}", signature), ""]
    lines += [_markdown(obj.__doc__), ""]
    for member_name, member in _members(obj):
        if isinstance(member, property):
            lines += [f"#### `{name}.{member_name}` (property)", "", _markdown(member.__doc__), ""]
        else:
            signature = _signature(member, drop_self=True)
            lines += [f"#### `{name}.{member_name}{signature}`", "", _markdown(member.__doc__), ""]
    return lines


def render() -> str:
    lines = [INTRO]
    for title, names in SECTIONS:
        lines += [f"## {title}", ""]
        for dotted in names:
            lines += _entry(dotted)
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/api.md")
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}")
