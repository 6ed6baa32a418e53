"""The embedded default of `make run` really starts: SQLite, eager tasks, console email.

The only place SQLite appears in the tests. Each server runs in a child process on
127.0.0.1 and a free port, and is stopped by the test.
"""

import os
import re
import secrets

from .processes import PYTHON, fetch, load_demo, manage, runserver, serve, stop
from .standalone import free_port


def test_it_migrates_loads_the_demo_and_serves_the_front_page(sqlite_env, tmp_path):
    loaded = load_demo(sqlite_env)
    assert "Familiestøtte Oppland 2018" in loaded.stdout
    assert (tmp_path / "db.sqlite3").exists()

    base, server = runserver(sqlite_env)
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
        # Production refuses per-process log-in counters: the suite's own Redis database.
        "CACHE_URL": os.environ["CELERY_BROKER_URL"],
    }
    load_demo(env)
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
