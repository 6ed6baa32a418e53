"""With PostgreSQL unreachable (DATABASE_URL at a closed port, in a portal process of
its own: the shared PostgreSQL is never stopped), readiness answers 503 naming the
database, and the liveness view /helse/ still answers 200."""

import json

from tests.foundation.processes import PYTHON, clean_env, fetch, serve, stop
from tests.foundation.standalone import free_port


def test_it_names_the_database_when_postgresql_is_unreachable(tmp_path, settings):
    port = free_port()
    env = clean_env(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{free_port()}/familiestotte",
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        DJANGO_DEBUG="1",
    )
    command = [PYTHON, "-m", "gunicorn", "-b", f"127.0.0.1:{port}", "familiestotte.wsgi"]
    base = f"http://127.0.0.1:{port}"
    server = serve(command, env, base + "/helse/", log=tmp_path / "gunicorn.log")
    try:
        live = fetch(base + "/helse/")
        status, _, body = fetch(base + "/helse/klar/")
    finally:
        stop(server)
    assert live[0] == 200
    assert status == 503
    report = json.loads(body)
    assert report["failing"] == ["database", "beat", "outbox"]
    assert report["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert report["checks"]["broker"]["ok"] is True
