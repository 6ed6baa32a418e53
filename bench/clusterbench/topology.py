"""The whole cluster in a temporary folder: PostgreSQL and Redis of its own, an SMTP sink,
web nodes behind haproxy, Celery workers and one beat, all with production settings.

Started in two steps (the stores, then the portal, once the benchmark has migrated and
filled the database) and ended in reverse order; whatever is left with the cluster's mark
is killed and the folder removed, also after a failure.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.foundation.standalone import free_port
from tests.notifications.sink import SmtpSink

from . import services
from .processes import ROOT, Child, end_leftovers

# The portal's settings and anything else that would leak the caller's set-up (a test
# run's DJANGO_DEBUG=1, its database and Redis) into the cluster.
CALLER_PREFIXES = (
    "DJANGO_",
    "DATABASE_",
    "CELERY_",
    "CACHE_",
    "EMAIL_",
    "NOTIFICATIONS_",
    "READINESS_",
    "REMINDERS_",
    "GUNICORN_",
    "ALLAUTH_",
    "LOG_",
    "TEST_",
    "BENCH_",
)
CALLER_NAMES = {"DEMO_MODE", "DISABLE_RATE_LIMITS", "SITE_URL", "DEFAULT_FROM_EMAIL", "PORT"}


def clean_environment() -> dict[str, str]:
    return {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(CALLER_PREFIXES) and name not in CALLER_NAMES
    }


@dataclass
class Sizes:
    web_nodes: int = 2
    web_workers: int | None = None  # None: deploy/gunicorn.conf.py's 2 x cores + 1
    workers: int = 2
    concurrency: int = 2
    batch_size: int = 100
    # Short enough to watch within a benchmark: the sweep (beat) fails a row left in
    # 'sending' after this many seconds and hands out rows no worker took.
    sweep_seconds: int = 2
    sending_timeout: int = 8
    requeue_after: int = 8
    smtp_delay: float = 0.005


class Cluster:
    def __init__(self, sizes: Sizes, *, workdir: Path | None = None, keep: bool = False):
        self.sizes = sizes
        self.keep = keep
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="fs-cluster-"))
        self.workdir.mkdir(parents=True, exist_ok=True)
        # Run as root, PostgreSQL runs as its own user, which must reach its data folder.
        os.chmod(self.workdir, 0o711)  # noqa: S103 - traverse only, nothing to list or write
        self.base_env = clean_environment()
        self.children: list[Child] = []
        self.nodes: dict[str, Child] = {}
        self.workers: list[Child] = []
        self.postgres = services.PostgreSQL(self.workdir, free_port(), self.base_env)
        self.redis_port = free_port()
        self.sink_server = SmtpSink()
        self.sink = self.sink_server.recorder
        self.sink.delay = sizes.smtp_delay
        self.lb_port = free_port()
        self.base = f"http://127.0.0.1:{self.lb_port}"
        self.haproxy: services.HAProxy | None = None
        self.env: dict[str, str] = {}
        self.sink_started = False

    # -- starting ---------------------------------------------------------------------

    def start_stores(self) -> dict[str, str]:
        """PostgreSQL, Redis and the SMTP sink; the portal's production environment."""
        self.postgres.initdb()
        self.postgres.start()
        database_url = self.postgres.create_database("familiestotte")
        self.children.append(services.start_redis(self.workdir, self.redis_port, self.base_env))
        self.sink_server.__enter__()
        self.sink_started = True
        redis_url = f"redis://127.0.0.1:{self.redis_port}"
        self.env = {
            **self.base_env,
            "DJANGO_SETTINGS_MODULE": "familiestotte.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            # TLS ends at a proxy in front of the load balancer in production; here the
            # clients speak plain HTTP to haproxy, so no redirect to https.
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_STATIC_ROOT": str(self.workdir / "static"),
            "DATABASE_URL": database_url,
            "DATABASE_CONN_MAX_AGE": "60",
            "CELERY_BROKER_URL": f"{redis_url}/0",
            "CACHE_URL": f"{redis_url}/1",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.sink_server.port),
            "SITE_URL": self.base,
            "DEMO_MODE": "0",
            "ALLAUTH_TRUSTED_PROXY_COUNT": "1",
            "LOG_LEVEL": "WARNING",
            "NOTIFICATIONS_BATCH_SIZE": str(self.sizes.batch_size),
            "NOTIFICATIONS_SENDING_TIMEOUT": str(self.sizes.sending_timeout),
            "NOTIFICATIONS_REQUEUE_AFTER": str(self.sizes.requeue_after),
            "REMINDERS_SWEEP_SECONDS": str(self.sizes.sweep_seconds),
        }
        return self.env

    def start_portal(self) -> None:
        """collectstatic, the web nodes, haproxy, the workers and beat (the database must
        be migrated by now)."""
        subprocess.run(
            [str(services.VENV_BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=self.env,
            check=True,
            timeout=300,
        )
        ports = {}
        for number in range(1, self.sizes.web_nodes + 1):
            ports[f"web{number}"] = port = free_port()
            node = services.start_web_node(
                number, port, workdir=self.workdir, env=self.env, workers=self.sizes.web_workers
            )
            self.nodes[f"web{number}"] = node
            self.children.append(node)
        self.haproxy = services.HAProxy(self.workdir, self.lb_port, ports, self.base_env)
        self.children.append(self.haproxy.child)
        self.haproxy.start()
        for number in range(1, self.sizes.workers + 1):
            worker = services.start_worker(
                number, workdir=self.workdir, env=self.env, concurrency=self.sizes.concurrency
            )
            self.workers.append(worker)
            self.children.append(worker)
        self.children.append(services.start_beat(workdir=self.workdir, env=self.env))

    # -- ending -----------------------------------------------------------------------

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        # PostgreSQL last (its Child changes with each restart): the others stop cleanly.
        last = [self.postgres.child] if self.postgres.child is not None else []
        for child in [*reversed(self.children), *last]:
            try:
                child.stop(timeout=15)
            except Exception as error:  # noqa: BLE001 - the others must still be ended
                print(f"stopping {child.name}: {error}")
        if self.sink_started:
            self.sink_server.__exit__(None, None, None)
        if left := end_leftovers(self.workdir):
            print(f"killed {len(left)} processes left behind: {left}")
        if self.keep:
            print(f"kept the cluster's folder {self.workdir}")
        else:
            shutil.rmtree(self.workdir, ignore_errors=True)
