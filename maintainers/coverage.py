"""Writes ``docs/coverage.md`` (every operation of each mocked service's model: Connect Cases with
its route, release, handler and tests; Customer Profiles mocked or not, with its handler and tests)
and, beside it, ``docs/members.md`` (every input member and what the mock does with it, from
``members.py``).

A test file is listed under an operation of the service whose client it calls the method on:
each call ``receiver.method(...)`` is read from the file's syntax tree (and from the programs
its strings hold, pytester's test files), ``receiver`` being Customer Profiles' when the file
binds it to a ``customer-profiles`` client, a ``profiles_client`` fixture, a ``ProfilesClient``
or a module helper naming only that service, else Connect Cases' (the suite's default client).

A maintainer command, run from a checkout: ``python -m maintainers.coverage --output
docs/coverage.md`` regenerates both (the output path is always explicit); a test fails when
either is stale.
"""

from __future__ import annotations

import argparse
import ast
import functools
import re
import sys
import textwrap
from pathlib import Path

import botocore
from botocore import xform_name

from cases_mock._services.connectcases.handlers import load_all
from cases_mock._services.connectcases.members import members
from cases_mock._services.connectcases.releases import LOWER_BOUND, OPERATIONS
from cases_mock._services.connectcases.service import SERVICE
from cases_mock._services.customerprofiles.handlers import load_all as load_profiles_handlers
from cases_mock._services.customerprofiles.service import SERVICE as PROFILES

STATUSES = ("honoured", "ignored", "refused")


CASES, PROFILES_NAME = SERVICE.name, PROFILES.name


def _service_named(text: str) -> str | None:
    """The service a piece of source names: ``customer-profiles``, a ``profiles_client`` fixture or
    the ``ProfilesClient`` type is Customer Profiles; ``connectcases``, ``cases_client`` or
    ``CasesClient`` Connect Cases."""
    if any(
        name in text
        for name in ("customer-profiles", "profiles_client", "profiles_async_client", "ProfilesClient")
    ):
        return PROFILES_NAME
    if any(name in text for name in ("connectcases", "cases_client", "cases_async_client", "CasesClient")):
        return CASES
    return None


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def _own_nodes(scope: ast.AST) -> list[ast.AST]:
    """The nodes of ``scope`` outside the functions it defines (those are scopes of their own)."""
    found: list[ast.AST] = []
    pending = list(ast.iter_child_nodes(scope))
    while pending:
        node = pending.pop()
        found.append(node)
        if not isinstance(node, _SCOPES):
            pending.extend(ast.iter_child_nodes(node))
    return found


def _bindings(
    scope: ast.AST, nodes: list[ast.AST], outer: dict[str, str], helpers: dict[str, str]
) -> dict[str, str]:
    """The names bound to one service's client in ``scope`` (its ``nodes``; on top of ``outer``'s): parameters
    named after a fixture or annotated with a client type, and assignments or ``with ... as`` of
    an expression naming the service (or calling a helper of the module that does)."""
    bound = dict(outer)
    if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
        for arg in [*scope.args.posonlyargs, *scope.args.args, *scope.args.kwonlyargs]:
            annotation = ast.unparse(arg.annotation) if arg.annotation is not None else ""
            named = _service_named(arg.arg) or _service_named(annotation) or helpers.get(annotation)
            if named:
                bound[arg.arg] = named
    for node in nodes:
        pairs: list[tuple[ast.expr, ast.expr]] = []
        if isinstance(node, ast.Assign):
            pairs = [(target, node.value) for target in node.targets]
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            pairs = [(node.target, node.value)]
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            pairs = [(node.optional_vars, node.context_expr)]
        for target, value in pairs:
            named = _expression_service(value, bound, helpers)
            if isinstance(target, ast.Name) and named:
                bound[target.id] = named
    return bound


def _expression_service(expr: ast.expr, bound: dict[str, str], helpers: dict[str, str]) -> str | None:
    """The service of the client ``expr`` is, if the file says: a name bound to one, a call
    naming the service, or a call of a module helper whose body names only one."""
    if isinstance(expr, ast.Name):
        return bound.get(expr.id) or (PROFILES_NAME if "profile" in expr.id.lower() else None)
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in helpers:
        return helpers[expr.func.id]
    named = {helpers.get(n.id) for n in ast.walk(expr) if isinstance(n, ast.Name)} - {None}
    return _service_named(ast.unparse(expr)) or (named.pop() if len(named) == 1 else None)


@functools.cache
def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _program(value: str) -> ast.Module | None:
    """The Python program a string holds (a user's test file a test writes and runs), or None."""
    if "(" not in value or "." not in value:
        return None
    try:
        return ast.parse(textwrap.dedent(value))
    except SyntaxError:
        return None


def _helpers(tree: ast.Module) -> dict[str, str]:
    """The module's functions, classes and constants whose text names one service only (a
    constant ``SERVICE = "customer-profiles"``; a helper making or wrapping one client)."""
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            named = _service_named(ast.unparse(node.value))
            if named:
                found[node.targets[0].id] = named
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            services = {
                service
                for n in ast.walk(node)
                for service in [
                    _service_named(n.value)
                    if isinstance(n, ast.Constant) and isinstance(n.value, str)
                    else found.get(n.id)
                    if isinstance(n, ast.Name)
                    else None
                ]
                if service is not None
            }
            if len(services) == 1:
                found[node.name] = services.pop()
    return found


def _calls_in(tree: ast.Module, found: dict[str, set[str]]) -> None:
    """Adds the client methods called in ``tree`` to ``found``, by service: a call
    ``receiver.method(...)`` is the service the program binds ``receiver`` to (in its function
    or an enclosing one, else at module level), else Connect Cases (the suite's default client).
    A string holding a program (pytester's test files) is read the same way."""
    helpers = _helpers(tree)

    def visit(scope: ast.AST, outer: dict[str, str]) -> None:
        nodes = _own_nodes(scope)
        bound = _bindings(scope, nodes, outer, helpers)
        for node in nodes:
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                service = _expression_service(node.func.value, bound, helpers) or CASES
                found[service].add(node.func.attr)
            elif isinstance(node, _SCOPES):
                visit(node, bound)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                program = _program(node.value)
                if program is not None:
                    _calls_in(program, found)

    visit(tree, {})


@functools.cache
def _calls_by_service(path: Path) -> dict[str, frozenset[str]]:
    """The client methods each service's clients are called with in the test file at ``path``."""
    found: dict[str, set[str]] = {CASES: set(), PROFILES_NAME: set()}
    _calls_in(ast.parse(_text(path)), found)
    return {service: frozenset(methods) for service, methods in found.items()}


@functools.cache
def _test_files(tests_dir: Path) -> tuple[tuple[str, Path], ...]:
    """Each test file under ``tests_dir``: its path relative to the checkout, and itself resolved."""
    if not tests_dir.is_dir():
        return ()
    root = tests_dir.resolve().parent
    resolved = (path.resolve() for path in tests_dir.rglob("test_*.py"))
    return tuple((str(path.relative_to(root)), path) for path in resolved)


def _tests_calling(method: str, tests_dir: Path) -> list[str]:
    """The test files under ``tests_dir`` calling ``method`` on a Connect Cases client, relative
    to its parent (the checkout)."""
    return sorted(name for name, path in _test_files(tests_dir) if method in _calls_by_service(path)[CASES])


def _profiles_tests_calling(operation: str, tests_dir: Path) -> list[str]:
    """The test files under ``tests_dir`` that call ``operation`` on a Customer Profiles client, or
    drive Customer Profiles (under ``tests/profiles``, or naming ``customer-profiles``) and name the
    operation as ``invoke("CreateProfile", ...)`` does."""
    named = re.compile(rf"\"{re.escape(operation)}\"")
    found = []
    for name, path in _test_files(tests_dir):
        text = _text(path)
        profiles_file = path.parent.name == "profiles" or "customer-profiles" in text
        if xform_name(operation) in _calls_by_service(path)[PROFILES_NAME] or (
            profiles_file and named.search(text)
        ):
            found.append(name)
    return sorted(found)


def _render_profiles(tests_dir: Path) -> list[str]:
    """The Customer Profiles section: every operation of its model, mocked or not, with tests."""
    mocked = load_profiles_handlers()
    names = PROFILES.operation_names()
    done = sum(1 for name in names if name in mocked)
    lines = [
        "",
        "## Amazon Connect Customer Profiles",
        "",
        f"From the botocore model (`customer-profiles` {PROFILES.model().api_version}) and its handler "
        "registry (docs/profiles.md). An operation not mocked is routed and answers BadRequestException "
        '"cases_mock does not mock Customer Profiles <Operation> yet".',
        "",
        f"**{done} of {len(names)} operations mocked.**",
        "",
        "| operation | route | mocked | handler | tests |",
        "|---|---|---|---|---|",
    ]
    for name in sorted(names):
        op = PROFILES.operation(name)
        route = f"`{op.http['method']} {op.http['requestUri']}`"
        handler = mocked.get(name)
        where = f"`{handler.__module__}.{handler.__name__}`" if handler else "—"
        tests = ", ".join(f"`{t}`" for t in _profiles_tests_calling(name, tests_dir)) or "—"
        lines.append(f"| {name} | {route} | {'yes' if handler else 'no'} | {where} | {tests} |")
    return lines


def render(tests_dir: Path) -> str:
    """The coverage tables, with the test files under ``tests_dir`` that call each operation."""
    handlers = load_all()
    names = SERVICE.operation_names()
    done = sum(1 for name in names if name in handlers)
    model = SERVICE.model()
    lines = [
        "# Operation coverage",
        "",
        "Generated by `python -m maintainers.coverage --output docs/coverage.md` from the installed botocore "
        "models and the handler registries. Do not edit by hand.",
        "",
        "## Amazon Connect Cases",
        "",
        f"From the botocore model (`connectcases` {model.api_version}).",
        "",
        f"**{done} of {len(names)} operations implemented.**",
        "",
        f"The mock serves the operations and members of the botocore model that is installed; "
        f"cases_mock supports botocore {LOWER_BOUND} and later. The *botocore* column is the "
        f"first release whose model has the operation (from `cases_mock/_services/connectcases/releases.py`, "
        f"which also lists the members added since {LOWER_BOUND}); with an older botocore the "
        f"operation is not there, as it is not in that botocore's client.",
        "",
        "| operation | botocore | route | implemented | handler | tests |",
        "|---|---|---|---|---|---|",
    ]
    for name in sorted(names):
        op = SERVICE.operation(name)
        route = f"`{op.http['method']} {op.http['requestUri']}`"
        handler = handlers.get(name)
        where = f"`{handler.__module__}.{handler.__name__}`" if handler else "—"
        tests = ", ".join(f"`{t}`" for t in _tests_calling(xform_name(name), tests_dir)) or "—"
        added = OPERATIONS.get(name, "—")
        lines.append(f"| {name} | {added} | {route} | {'yes' if handler else 'no'} | {where} | {tests} |")
    lines += _render_profiles(tests_dir)
    return "\n".join(lines) + "\n"


def render_members() -> str:
    rows = members()
    counts = ", ".join(f"{sum(1 for r in rows if r.status == s)} {s}" for s in STATUSES)
    lines = [
        "# Input members",
        "",
        "Generated by `python -m maintainers.coverage --output docs/coverage.md` from botocore "
        f"{botocore.__version__} (`connectcases` {SERVICE.model().api_version}) and "
        "`cases_mock/_services/connectcases/members.py`. "
        "Do not edit by hand.",
        "",
        "Every member of every structure an operation's input reaches, once per operation: "
        "*honoured* (the mock validates, stores, returns or acts on it), *ignored* (accepted "
        "without effect, for the reason given) or *refused* (ValidationException when set, for "
        "the reason given). Members added by a newer botocore make `tests/test_coverage_doc.py` "
        "fail until `cases_mock/_services/connectcases/members.py` accounts for them.",
        "",
        f"**{len(rows)} members: {counts}.**",
        "",
        "| operation | member | status | note |",
        "|---|---|---|---|",
    ]
    for row in rows:
        lines.append(f"| {row.operation} | `{row.key}` | {row.status} | {row.note} |")
    return "\n".join(lines) + "\n"


def write(target: Path, tests_dir: Path) -> Path:
    """Writes the table to ``target``, listing the tests found under ``tests_dir``, and the
    member table to ``members.md`` beside it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(tests_dir), encoding="utf-8")
    (target.parent / "members.md").write_text(render_members(), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m maintainers.coverage",
        description="Rewrites the operation coverage table (docs/coverage.md) from the model, the "
        "handlers and the tests, and the input member table (members.md beside it).",
    )
    parser.add_argument("--output", type=Path, required=True, help="the file to write, e.g. docs/coverage.md")
    parser.add_argument("--tests", type=Path, default=Path("tests"), help="the tests directory to scan")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    written = write(args.output, args.tests)
    print(f"wrote {written} and {written.parent / 'members.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
