"""The package's layout stays as docs/architecture.md draws it: no import circles (imports inside
functions count, ``TYPE_CHECKING`` blocks do not, nor a package's ``__init__`` importing its own
children) and a few public modules at the package root; the core knows services only through the registry;
Connect Cases' backend reads no wire form by key but the request's own input."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cases_mock"
MOST_ROOT_MODULES = 8


def _module_names() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that module ``name`` imports anywhere in its code."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    out: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, ast.Import):
                out.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                for alias in node.names:
                    child = f"{module}.{alias.name}"
                    out.add(child if child in known else module)
            for inner in ("body", "orelse", "finalbody", "handlers"):
                nested = getattr(node, inner, None)
                if isinstance(nested, list):
                    visit(nested)

    visit(ast.parse(path.read_text(encoding="utf-8")).body)
    return {
        module
        for module in out
        if module in known and module != name and not (is_package and module.startswith(name + "."))
    }


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            nxt = next(edges, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    circles.append(sorted(component))
    return circles


def test_the_package_has_no_import_circles() -> None:
    modules = _module_names()
    known = set(modules)
    graph = {name: _imported(name, path, known) for name, path in modules.items()}
    assert _circles(graph) == []


def test_the_checker_finds_a_circle() -> None:
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_a_few_modules_sit_at_the_package_root() -> None:
    root = [p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert len(root) <= MOST_ROOT_MODULES, sorted(root)


CORE = ("_protocol", "_engine", "_interception", "_server")
SERVICE_PREFIX = "cases_mock._services."
REGISTRY = "cases_mock._services.registry"

# Imports of a service's folder the core still makes: none (issue 27: the core knows services
# only through their registration). A new one fails.
STILL_IMPORTED: dict[str, set[str]] = {}


def _service_imports(path: Path) -> set[str]:
    """The modules of ``cases_mock._services`` other than the registry that ``path`` imports,
    at the top or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
            if node.module == "cases_mock._services":
                names = [f"{node.module}.{alias.name}" for alias in node.names]
        found.update(n for n in names if n.startswith(SERVICE_PREFIX) and n != REGISTRY)
    return found


def test_the_core_imports_no_service_folder_but_through_the_registry() -> None:
    unexpected: dict[str, set[str]] = {}
    for folder in CORE:
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            name = str(path.relative_to(PACKAGE))
            extra = _service_imports(path) - STILL_IMPORTED.get(name, set())
            if extra:
                unexpected[name] = extra
    assert unexpected == {}, "the core imports a service's folder; go through _services/registry.py"


def test_the_protocol_and_interception_import_no_service_folder_at_all() -> None:
    for folder in ("_protocol", "_interception"):
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            assert _service_imports(path) == set(), path


def test_the_still_imported_list_only_names_imports_that_exist() -> None:
    for name, modules in STILL_IMPORTED.items():
        assert modules <= _service_imports(PACKAGE / name), name


# Camel-case keys Connect Cases' backend still reads by name (issue 27: what it stores is records,
# so what is left reads the request's own input: case identifiers, batch-update entries, merge
# entries, search filters and sorts). This list may only shrink: a new read fails.
BACKEND = PACKAGE / "_services" / "connectcases" / "backend"
REQUEST_INPUT_READS: dict[str, set[str]] = {
    "cases.py": {"caseId", "fieldIdentifier", "referenceId"},  # case identifiers, BatchUpdateCase
    "merges.py": {"fieldIds", "sourceCaseId"},  # StartMergeCases' fieldsConfiguration
    "related_items.py": {"caseId"},  # BatchCreateRelatedItem's case identifiers
    "search.py": {"equalTo", "fieldId", "sortOrder"},  # SearchCases' filter and sorts
}


def _camel_case_reads(source: str) -> set[str]:
    """The camelCase keys ``source`` reads as ``x["key"]`` or ``x.get("key", ...)``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        key: object = None
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            key = node.slice.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
            key = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
        if isinstance(key, str) and key[:1].islower() and key != key.lower() and key.isalnum():
            found.add(key)
    return found


def _backend_reads() -> dict[str, set[str]]:
    reads = {path.name: _camel_case_reads(path.read_text(encoding="utf-8")) for path in BACKEND.glob("*.py")}
    return {name: keys for name, keys in reads.items() if keys}


def test_the_cases_backend_reads_camel_case_keys_only_of_request_input() -> None:
    unexpected = {
        name: extra
        for name, keys in _backend_reads().items()
        if (extra := keys - REQUEST_INPUT_READS.get(name, set()))
    }
    assert unexpected == {}, (
        "the backend reads a wire form: store a record, build wire forms in wire_forms.py"
    )


def test_the_request_input_list_only_names_reads_that_exist() -> None:
    reads = _backend_reads()
    for name, keys in REQUEST_INPUT_READS.items():
        assert keys <= reads.get(name, set()), name


def test_the_reads_check_finds_subscripts_and_gets() -> None:
    source = 'item.content["contactArn"]; body.get("fieldId", None); x["id"]; y.get("user_arn"); z[0]'
    assert _camel_case_reads(source) == {"contactArn", "fieldId"}
