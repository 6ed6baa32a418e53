"""What one registration POST costs the web process, against the bare view /helse/.

Calls the WSGI application in this process, as gunicorn would (production settings,
PostgreSQL, Redis for the cache and the broker), so no HTTP client or server shares
the measurement. For each of `--rounds` rounds: `--people` signed-in people register
for a fresh session, then as many requests go to /helse/. Prints the CPU time per
request of each (median round).

Under callgrind, `--callgrind` switches the instruction count on for one round of each
and dumps it, so the counts per request are exact and repeatable:

    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/cost.out \\
        .venv/bin/python bench/request_cost.py --callgrind
    # then, for /tmp/cost.out.1 (registrations) and .2 (bare): the `totals:` line / people

    .venv/bin/python bench/request_cost.py [--people 200] [--rounds 5]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from registration_burst import add_database_option, prepare, production_environment  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    add_database_option(parser, "fs_request_cost")
    parser.add_argument("--broker-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--callgrind", action="store_true", help="see the module docstring")
    return parser.parse_args()


def wsgi_environ(method: str, path: str, cookie: str = "", body: bytes = b"") -> dict:
    return {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_REFERER": "http://127.0.0.1:8000/",
        "HTTP_COOKIE": cookie,
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
    }


def callgrind(*command: str) -> None:
    subprocess.run(["callgrind_control", *command, str(os.getpid())], check=True)  # noqa: S603, S607 - valgrind's own tool


def main() -> int:
    from tests.foundation.standalone import recreate_database

    args = parse_args()
    os.environ.update(
        production_environment(
            database_url=args.database_url, broker_url=args.broker_url, cache_url=args.cache_url
        )
    )
    recreate_database(args.database_url)

    sessions = args.rounds + 2  # one to warm up, one for the callgrind round
    session_ids, cookies = prepare(clients=args.people, capacity=30, sessions=sessions)

    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret

    from familiestotte.wsgi import application
    from participants.models import Registration

    secret = _get_new_csrf_string()
    body = f"csrfmiddlewaretoken={_mask_cipher_secret(secret)}".encode()
    statuses = []

    def start_response(status, headers, exc_info=None):
        statuses.append(status)

    def call(environ) -> str:
        statuses.clear()
        for _chunk in application(environ, start_response):
            pass
        return statuses[0]

    def registrations(session_pk: int) -> None:
        for cookie in cookies:
            environ = wsgi_environ(
                "POST", f"/samlinger/{session_pk}/meld-pa/", f"{cookie}; csrftoken={secret}", body
            )
            status = call(environ)
            assert status.startswith("302"), status
        registered = Registration.objects.filter(session_id=session_pk).count()
        assert registered == len(cookies), f"{registered} registered, not {len(cookies)}"

    def bare() -> None:
        for _ in cookies:
            assert call(wsgi_environ("GET", "/helse/")).startswith("200")

    def cpu_ms(work) -> tuple[float, float]:
        """(this process, its PostgreSQL backend): CPU ms per request."""
        backend = backend_pid()
        started, backend_started = time.process_time(), process_cpu(backend)
        work()
        process = time.process_time() - started
        if backend_pid() != backend:
            raise SystemExit("the database connection changed during a round")
        return (
            process / len(cookies) * 1000,
            (process_cpu(backend) - backend_started) / len(cookies) * 1000,
        )

    bare()
    registrations(session_ids[0])
    if args.callgrind:
        for label, work in (
            ("registrations", lambda: registrations(session_ids[1])),
            ("bare", bare),
        ):
            callgrind("-i", "on")
            work()
            callgrind("-i", "off")
            callgrind("-d", label)
        print(f"instruction counts dumped: divide each dump's totals by {len(cookies)}")
        return 0
    registration_ms, bare_ms = [], []
    for session_pk in session_ids[2:]:
        registration_ms.append(cpu_ms(lambda pk=session_pk: registrations(pk)))
        bare_ms.append(cpu_ms(bare))
    print(f"{args.people} people, {args.rounds} rounds, in-process WSGI, DEBUG off")
    print("CPU ms per request, median of the rounds (each round's in brackets)")
    for label, measured in (("registration POST", registration_ms), ("/helse/", bare_ms)):
        for position, whose in ((0, "this process"), (1, "PostgreSQL")):
            values = [round(m[position], 3) for m in measured]
            print(f"  {label:18} {whose:13} {statistics.median(values):6.3f} {values}")
    registration = statistics.median(m[0] for m in registration_ms)
    bare_median = statistics.median(m[0] for m in bare_ms)
    print(f"ratio of this process's CPU per request: {registration / bare_median:.1f}")
    return 0


def backend_pid() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def process_cpu(pid: int) -> float:
    """Seconds of CPU (user and system) the process has used, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    sys.exit(main())
