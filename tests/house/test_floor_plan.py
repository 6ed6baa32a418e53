"""The one-way floor plan holds: apps import only apps below them, no module imports
one that imports it back, no import hides in a function, modules and views stay short.
Each check is also run on made-up code that breaks it, so that it cannot pass blindly."""

import pathlib
import shutil
import subprocess
import sys
import textwrap

import grimp
import pytest

from . import floor_plan

# The console script installed beside the interpreter running the tests.
LINT_IMPORTS = pathlib.Path(sys.executable).parent / "lint-imports"


def lint_imports(cwd):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def graph():
    return floor_plan.build_graph()


def test_the_contracts_hold_for_the_project():
    result = lint_imports(floor_plan.ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        # An upward import: the catalogue reaching into registrations.
        ("programme/models.py", "import registrations.services", "One-way floor plan"),
        # Two rooms on one floor importing each other sideways.
        ("supervision/views.py", "import privacy.selectors", "One-way floor plan"),
        # The raw-SQL module used outside the modules that own a hot path.
        ("coordination/selectors.py", "import familiestotte.rows", "Raw SQL"),
    ],
)
def test_the_contracts_break_when_an_import_breaks_them(tmp_path, module, line, broken):
    """The project's own configuration, on a copy of its code with one import added."""
    for app in floor_plan.APPS:
        shutil.copytree(
            floor_plan.ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("*.mo", "*.po")
        )
    shutil.copy(floor_plan.ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(target.read_text() + f"\n{line}  # noqa\n")

    result = lint_imports(tmp_path)

    assert result.returncode != 0
    assert f"{broken}" in result.stdout
    assert "BROKEN" in result.stdout


def test_no_two_apps_import_each_other(graph):
    assert floor_plan.mutual_app_imports(graph) == set()


def test_mutual_app_imports_are_found():
    graph = floor_plan.build_graph()  # its own copy: the shared one must stay true
    graph.add_import(importer="programme.models", imported="registrations.services")
    assert floor_plan.mutual_app_imports(graph) == {("programme", "registrations")}


def test_no_module_imports_one_that_imports_it_back(graph):
    assert floor_plan.module_cycles(graph) == []


def test_module_cycles_are_found():
    graph = grimp.ImportGraph()
    for module in ("shop", "shop.a", "shop.b", "shop.c", "shop.d"):
        graph.add_module(module)
    graph.add_import(importer="shop.a", imported="shop.b")
    graph.add_import(importer="shop.b", imported="shop.c")
    graph.add_import(importer="shop.c", imported="shop.a")
    graph.add_import(importer="shop.d", imported="shop.a")
    assert floor_plan.module_cycles(graph) == [{"shop.a", "shop.b", "shop.c"}]


def test_no_project_import_hides_in_a_function():
    hidden = {
        str(path.relative_to(floor_plan.ROOT)): found
        for path in floor_plan.app_sources()
        if (
            found := floor_plan.imports_inside_functions(
                path.read_text(), floor_plan.app_of(str(path.relative_to(floor_plan.ROOT)))
            )
        )
    }
    assert hidden == {}


def test_imports_inside_functions_are_found():
    source = textwrap.dedent(
        """
        import json

        def notify(session):
            from registrations.services import register
            import datetime
            return register

        class ProgrammeConfig:
            def ready(self):
                from . import signals
                from registrations import tasks
        """
    )
    found = floor_plan.imports_inside_functions(source, own_app="programme")
    assert found == [
        "line 5: from registrations.services import register",
        "line 12: from registrations import tasks",
    ]


def test_no_app_module_over_450_lines():
    long_modules = {
        str(path.relative_to(floor_plan.ROOT)): length
        for path in floor_plan.app_sources()
        if (length := len(path.read_text().splitlines())) > 450
    }
    assert long_modules == {}


def test_no_view_over_40_lines():
    views = list(floor_plan.view_modules())
    assert len(views) >= 10  # every app with pages is measured, not an empty glob
    long_views = {
        f"{path.relative_to(floor_plan.ROOT)}:{name}": length
        for path in views
        for name, length in floor_plan.long_definitions(path.read_text(), limit=40)
    }
    assert long_views == {}


def test_long_definitions_are_measured():
    body = "\n".join(f"        x{n} = {n}" for n in range(40))
    source = f"class Short:\n    pass\n\n\ndef long_view(request):\n    if request:\n{body}\n"
    assert list(floor_plan.long_definitions(source, limit=40)) == [("long_view", 42)]
