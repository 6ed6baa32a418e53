"""Measures of the house: which app imports which, where imports cycle, imports
hidden inside functions, and how long modules and views are. The tests beside this
module apply them to the project and, as negative controls, to made-up code."""

import ast
import pathlib
import tomllib
from collections.abc import Iterable, Iterator

import grimp

ROOT = pathlib.Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
APPS: list[str] = CONFIG["root_packages"]


def build_graph() -> grimp.ImportGraph:
    return grimp.build_graph(*APPS, include_external_packages=False, cache_dir=None)


def app_of(module: str) -> str:
    return module.split(".", 1)[0]


def mutual_app_imports(graph: grimp.ImportGraph) -> set[tuple[str, str]]:
    """Pairs of apps that import each other, in either direction, at any depth of code."""
    edges = {
        (app_of(importer), app_of(imported))
        for importer in graph.modules
        for imported in graph.find_modules_directly_imported_by(importer)
    }
    return {(a, b) for a, b in edges if a < b and (b, a) in edges}


def module_cycles(graph: grimp.ImportGraph) -> list[set[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == module:
                    break
            if len(group) > 1:
                cycles.append(group)

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return cycles


def app_sources() -> Iterator[pathlib.Path]:
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def imports_inside_functions(source: str, own_app: str) -> list[str]:
    """Project imports inside a function body. An AppConfig.ready() may import its own
    app's modules (Django's place for registering signals and tasks), nothing else."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for inner in ast.walk(node):
            if not isinstance(inner, ast.Import | ast.ImportFrom):
                continue
            targets = _imported_apps(inner, own_app)
            if node.name == "ready" and targets <= {own_app}:
                continue
            if targets & set(APPS):
                found.append(f"line {inner.lineno}: {ast.unparse(inner)}")
    return found


def _imported_apps(node: ast.Import | ast.ImportFrom, own_app: str) -> set[str]:
    if isinstance(node, ast.ImportFrom):
        return {own_app} if node.level else {app_of(node.module or "")}
    return {app_of(alias.name) for alias in node.names}


def long_definitions(source: str, limit: int) -> Iterable[tuple[str, int]]:
    """Top-level classes and functions longer than `limit` lines, with their length."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > limit:
                yield node.name, length


def view_modules() -> Iterator[pathlib.Path]:
    for path in app_sources():
        if path.stem.endswith("views") or path.parent.name == "views":
            yield path
