"""Helpers for tests that run the portal in a child process with its own environment."""

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import nullcontext
from pathlib import Path

import httpx
from django.conf import settings

from demo.data import DEMO_PASSWORD

from .standalone import free_port

BASE_DIR = Path(settings.BASE_DIR)
PYTHON = sys.executable
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# A session page's registration form: its action and its CSRF token.
REGISTER_FORM = re.compile(r'action="(/samlinger/\d+/meld-pa/)">\s*<input[^>]*value="([^"]+)"')
SETTINGS_VARIABLES = [
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DJANGO_STATIC_ROOT",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "CACHE_URL",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "DEFAULT_FROM_EMAIL",
    "DEMO_MODE",
    "DISABLE_RATE_LIMITS",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests' conftest in this process
]


def clean_env(**overrides: str) -> dict[str, str]:
    """The current environment without the portal's settings, plus the given ones."""
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = "familiestotte.settings"
    env.update(overrides)
    return env


def embedded_env(directory: Path) -> dict[str, str]:
    """The embedded default on a SQLite file in `directory`: no CELERY_BROKER_URL, no
    EMAIL_HOST."""
    return clean_env(DATABASE_URL=f"sqlite:///{directory / 'db.sqlite3'}")


def manage(*args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check:
        assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stderr}"
    return result


def load_demo(env: dict[str, str]) -> subprocess.CompletedProcess:
    """Migrate the database and load the demo; returns the load_demo run."""
    manage("migrate", "--noinput", env=env)
    return manage("load_demo", env=env)


def serve(
    command: list[str], env: dict, url: str, headers=None, log: Path | None = None
) -> subprocess.Popen:
    """Start a server and wait until `url` answers. Its output goes to a pipe the caller
    reads, or to the file `log` (a long-running server would fill the pipe)."""
    with open(log, "w") if log else nullcontext(subprocess.PIPE) as output:
        process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        wait_for(url, process, headers=headers, log=log)
    except BaseException:
        stop(process)
        raise
    return process


def runserver(
    env: dict, log: Path | None = None, command_name: str = "runserver"
) -> tuple[str, subprocess.Popen]:
    """`manage.py runserver` (or `serve_demo`) on a free port: (base URL, process)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [PYTHON, "manage.py", command_name, f"127.0.0.1:{port}", "--noreload"]
    return base, serve(command, env, base + "/helse/", log=log)


def log_in(client: httpx.Client, email: str) -> None:
    """Sign a demo user in on an httpx client of a running server."""
    form = client.get("/konto/login/").text
    token = CSRF_TOKEN.search(form).group(1)
    response = client.post(
        "/konto/login/",
        data={"login": email, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": str(client.base_url) + "/konto/login/"},
    )
    assert "/konto/login/" not in str(response.url), f"{email} could not log in"


def wait_for(
    url: str, process: subprocess.Popen, headers=None, timeout: float = 60, log=None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = Path(log).read_text() if log else process.stdout.read()
            raise AssertionError(f"The server stopped:\n{output}")
        try:
            fetch(url, headers=headers)
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {timeout} seconds")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, headers=None) -> tuple[int, dict, str]:
    """GET a local URL without following redirects: (status, headers, body)."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - 127.0.0.1 only
    try:
        with _opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for_output(log: Path, text: str, process: subprocess.Popen, timeout: float = 60) -> str:
    """The server's output once `text` appears in its log file."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        output = log.read_text()
        if text in output:
            return output
        if process.poll() is not None:
            raise AssertionError(f"The server stopped:\n{output}")
        time.sleep(0.2)
    raise AssertionError(f"{text!r} did not appear within {timeout} seconds:\n{log.read_text()}")
