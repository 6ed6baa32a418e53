"""The embedded default (SQLite, eager tasks, console email) for the tests that run the
portal in a child process."""

import pytest

from .processes import embedded_env, load_demo, runserver, stop


@pytest.fixture
def sqlite_env(tmp_path):
    return embedded_env(tmp_path)


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """One embedded server with the demo loaded, for every test of a module: the base URL.
    Its output goes to a file, so many requests cannot fill a pipe and stall it."""
    directory = tmp_path_factory.mktemp("embedded")
    env = embedded_env(directory)
    load_demo(env)
    base, server = runserver(env, log=directory / "server.log")
    yield base
    stop(server)
