"""The cluster's own PostgreSQL and Redis, its web nodes, Celery workers and beat, and
haproxy in front of the web nodes: each a Child on a port of its own."""

from __future__ import annotations

import csv
import io
import os
import pwd
import re
import signal
import socket
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import psycopg2
import redis

from .processes import ROOT, Child, wait_until

VENV_BIN = ROOT / ".venv" / "bin"


def _postgres_bins() -> list[Path]:
    return sorted(
        (path.parent for path in Path("/usr/lib/postgresql").glob("*/bin/initdb")),
        key=lambda folder: int(re.sub(r"\D", "", folder.parent.name) or 0),
    )


def postgres_available() -> bool:
    return bool(_postgres_bins())


def postgres_bin() -> Path:
    """Debian's newest PostgreSQL server binaries."""
    if not (found := _postgres_bins()):
        raise SystemExit("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin")
    return found[-1]


class PostgreSQL:
    """A PostgreSQL instance of its own: initdb into the cluster's folder, its own port and
    socket folder, so that restarting it disturbs nothing else on the machine."""

    def __init__(self, workdir: Path, port: int, env: dict[str, str]):
        self.workdir = workdir
        self.data = workdir / "pg"
        self.sockets = workdir / "pg-sockets"
        self.port = port
        self.env = env
        # PostgreSQL refuses to run as root; on a machine where we are root, as its user.
        self.user = "postgres" if os.geteuid() == 0 else None
        self.child: Child | None = None

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def initdb(self) -> None:
        for folder in (self.data, self.sockets):
            folder.mkdir(mode=0o700)
            if self.user is not None:
                entry = pwd.getpwnam(self.user)
                os.chown(folder, entry.pw_uid, entry.pw_gid)
        command = [str(postgres_bin() / "initdb"), "-D", str(self.data), "-U", "postgres"]
        command += ["--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]
        subprocess.run(
            command,
            cwd=self.workdir,
            env=self.env,
            check=True,
            capture_output=True,
            user=self.user,
            group=self.user,
            extra_groups=[] if self.user else None,
            timeout=120,
        )

    def start(self) -> None:
        command = [str(postgres_bin() / "postgres"), "-D", str(self.data), "-p", str(self.port)]
        for setting in (
            "listen_addresses=127.0.0.1",
            f"unix_socket_directories={self.sockets}",
            "max_connections=200",
        ):
            command += ["-c", setting]
        # SIGINT is PostgreSQL's fast shutdown: open connections are ended, as in a restart.
        self.child = Child(
            "postgres",
            command,
            workdir=self.workdir,
            env=self.env,
            stop_signal=signal.SIGINT,
            user=self.user,
        ).start()
        wait_until(self.ready, what="PostgreSQL accepting connections", child=self.child)

    def ready(self) -> bool:
        try:
            psycopg2.connect(self.url(), connect_timeout=1).close()
        except psycopg2.OperationalError:
            return False
        return True

    def restart(self) -> None:
        """Fast shutdown, then start again; returns once it accepts connections."""
        assert self.child is not None
        self.child.stop()
        self.start()

    def create_database(self, name: str) -> str:
        connection = psycopg2.connect(self.url())
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        connection.close()
        return self.url(name)


def start_redis(workdir: Path, port: int, env: dict[str, str]) -> Child:
    folder = workdir / "redis"
    folder.mkdir()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no", "--dir", str(folder), "--protected-mode", "no"]
    child = Child("redis", command, workdir=workdir, env=env).start()

    def answers() -> bool:
        try:
            return bool(redis.Redis(port=port, socket_connect_timeout=1).ping())
        except redis.RedisError:
            return False

    wait_until(answers, what="Redis answering PING", child=child)
    return child


def get_status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - 127.0.0.1
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return None


def start_web_node(
    number: int, port: int, *, workdir: Path, env: dict[str, str], workers: int | None
) -> Child:
    """gunicorn with the project's own config (deploy/gunicorn.conf.py)."""
    node_env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    if workers:
        node_env["GUNICORN_WORKERS"] = str(workers)
    command = [str(VENV_BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "familiestotte.wsgi"]
    child = Child(f"web{number}", command, workdir=workdir, env=node_env).start()
    wait_until(
        lambda: get_status(f"http://127.0.0.1:{port}/helse/") == 200,
        what=f"web node {number} answering /helse/",
        child=child,
    )
    return child


def start_worker(number: int, *, workdir: Path, env: dict[str, str], concurrency: int) -> Child:
    command = [str(VENV_BIN / "celery"), "-A", "familiestotte", "worker", "--pool=prefork"]
    command += ["-c", str(concurrency), "-n", f"worker{number}@%h", "-l", "info"]
    command += ["--without-gossip", "--without-mingle"]
    child = Child(f"worker{number}", command, workdir=workdir, env=env).start()
    wait_until(lambda: " ready." in child.output(), what=f"worker {number} ready", child=child)
    return child


def start_beat(*, workdir: Path, env: dict[str, str]) -> Child:
    """Exactly one beat, its schedule and pid files in the cluster's folder."""
    command = [str(VENV_BIN / "celery"), "-A", "familiestotte", "beat", "-l", "info"]
    command += ["-s", str(workdir / "beat-schedule"), "--pidfile", str(workdir / "beat.pid")]
    child = Child("beat", command, workdir=workdir, env=env).start()
    wait_until(lambda: "beat: Starting" in child.output(), what="beat started", child=child)
    return child


HAPROXY_CONFIG = """\
global
    maxconn 4096
    stats socket {socket} mode 600 level admin

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout queue 30s
    # A connection a stopping node refused or dropped unanswered is tried on another.
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response

frontend portal
    bind 127.0.0.1:{port}
    option forwardfor
    default_backend web
    # Which node answered, for the clients to count the spread.
    http-response set-header X-Served-By %[srv_name]

backend web
    balance roundrobin
    option httpchk
    http-check send meth GET uri /helse/ ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    default-server inter 500ms fall 2 rise 2
{servers}
"""


class HAProxy:
    """Debian's haproxy: round robin over the web nodes, HTTP health checks on /helse/."""

    def __init__(self, workdir: Path, port: int, nodes: dict[str, int], env: dict[str, str]):
        self.port = port
        self.socket = workdir / "haproxy.sock"
        config = workdir / "haproxy.cfg"
        servers = "\n".join(
            f"    server {name} 127.0.0.1:{node_port} check" for name, node_port in nodes.items()
        )
        config.write_text(HAPROXY_CONFIG.format(socket=self.socket, port=port, servers=servers))
        check = subprocess.run(
            ["haproxy", "-c", "-f", str(config)], capture_output=True, text=True, check=False
        )
        if check.returncode != 0:
            raise RuntimeError(f"haproxy refused its configuration:\n{check.stderr}")
        self.names = list(nodes)
        command = ["haproxy", "-f", str(config), "-db"]
        self.child = Child("haproxy", command, workdir=workdir, env=env)

    def start(self) -> HAProxy:
        self.child.start()
        wait_until(
            lambda: self.socket.exists() and all(s == "UP" for s in self.states().values()),
            what="haproxy with every web node UP",
            child=self.child,
        )
        return self

    def states(self) -> dict[str, str]:
        """Each web node's state as haproxy's health checks see it (UP, DOWN, ...)."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(2)
            connection.connect(str(self.socket))
            connection.sendall(b"show stat\n")
            chunks = []
            while chunk := connection.recv(65536):
                chunks.append(chunk)
        text = b"".join(chunks).decode().lstrip("# ")
        return {
            row["svname"]: row["status"]
            for row in csv.DictReader(io.StringIO(text))
            if row.get("pxname") == "web" and row["svname"] in self.names
        }
