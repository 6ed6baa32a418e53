"""The embedded default of `make run` really starts: SQLite, eager tasks, console email.

The only place SQLite appears in the tests. Each server runs in a child process on
127.0.0.1 and a free port, and is stopped by the test.
"""

import re
import secrets
import subprocess

import pytest

from .processes import BASE_DIR, PYTHON, clean_env, fetch, manage, stop, wait_for
from .standalone import free_port


@pytest.fixture
def sqlite_env(tmp_path):
    # No CELERY_BROKER_URL, no EMAIL_HOST: the embedded default.
    return clean_env(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")


def serve(command: list[str], env: dict, url: str, headers=None) -> subprocess.Popen:
    process = subprocess.Popen(
        command,
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(url, process, headers=headers)
    except BaseException:
        stop(process)
        raise
    return process


def test_it_migrates_loads_the_demo_and_serves_the_front_page(sqlite_env, tmp_path):
    manage("migrate", "--noinput", env=sqlite_env)
    loaded = manage("load_demo", env=sqlite_env)
    assert "Familiestøtte Oppland 2018" in loaded.stdout
    assert (tmp_path / "db.sqlite3").exists()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = serve(
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        sqlite_env,
        base + "/helse/",
    )
    try:
        status, headers, html = fetch(base + "/")
        assert status == 200
        assert headers["Content-Language"] == "nb"
        assert "Familiestøtte Oppland 2018" in html
        assert "Målsetting" in html and "Opplæringsdager" in html
        session_path = re.search(r'href="(/samlinger/\d+/)"', html).group(1)
        status, _, session_html = fetch(base + session_path)
        assert status == 200
        assert "Opplæringsdag 1 av 8" in session_html
        status, _, css = fetch(base + "/static/vendor/bootstrap/css/bootstrap.min.css")
        assert status == 200 and "Bootstrap" in css
    finally:
        stop(server)
    assert server.returncode is not None


def test_it_serves_hashed_static_files_in_production_mode(sqlite_env, tmp_path):
    env = {
        **sqlite_env,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
    }
    manage("migrate", "--noinput", env=env)
    manage("load_demo", env=env)
    manage("collectstatic", "--noinput", env=env)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    behind_tls_proxy = {"X-Forwarded-Proto": "https"}
    server = serve(
        [PYTHON, "-m", "gunicorn", "familiestotte.wsgi", "--bind", f"127.0.0.1:{port}"],
        env,
        base + "/helse/",
        headers=behind_tls_proxy,
    )
    try:
        status, headers, html = fetch(base + "/", headers=behind_tls_proxy)
        assert status == 200
        assert "Strict-Transport-Security" in headers
        assert "Familiestøtte Oppland 2018" in html
        css_path = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', html).group(1)
        status, headers, css = fetch(base + css_path, headers=behind_tls_proxy)
        assert status == 200 and "--fs-primary" in css
        assert "immutable" in headers["Cache-Control"]
        plain_http, _, _ = fetch(base + "/")
        assert plain_http == 301  # redirected to https
    finally:
        stop(server)
