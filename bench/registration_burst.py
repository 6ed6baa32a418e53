"""Registration burst: N logged-in clients register for one session at the same moment.

Serves the portal with gunicorn on PostgreSQL (its own database, a free port on
127.0.0.1), gives each of N people a signed-in session, lets every client fetch the
session page for its CSRF token, then releases all N registration POSTs together
against one session of `--capacity` seats. In the same run it measures a bare view
(/helse/) with the same concurrency, and prints the ratio between the two.

Both are measured warm and repeated, in turns: after a warm-up burst on each (the
registrations against a session of their own), each of `--rounds` rounds is a
registration burst against a fresh session of `--capacity` seats, then a burst on the
bare view. Taking them in turns gives both the same machine: on a shared or virtual
machine its speed drifts by tens of percent within minutes. Each figure is the median
of its rounds. Every round must confirm exactly `--capacity` people.

    .venv/bin/python bench/registration_burst.py [--clients 200] [--capacity 30] [--eager]

By default the portal runs as in production, with Celery's broker and Django's cache
on the local Redis (databases 12 and 13, or --broker-url and --cache-url); --eager
runs it as `make run` does, with tasks in the web process.

Targets: exactly `capacity` confirmed, zero errors, registrations per second at least
a third of the bare view's. The last line is JSON with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The registration form on the session page, and its CSRF token.
REGISTER_FORM = re.compile(
    r'<form method="post" action="/samlinger/\d+/meld-pa/">\s*'
    r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"'
)


def add_database_option(parser, name: str) -> None:
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{name}"),
        help="PostgreSQL database for the run; it is dropped and created afresh",
    )


def production_environment(*, database_url: str, broker_url: str, cache_url: str) -> dict:
    """The environment the portal runs with in production, on the benchmark's own
    database and Redis (one secret key, shared by the process that signs the sessions
    and the server that reads them)."""
    return {
        "DJANGO_SETTINGS_MODULE": "familiestotte.settings",
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_CONN_MAX_AGE": "600",
        "DEMO_MODE": "0",
        "CELERY_BROKER_URL": broker_url,
        "CACHE_URL": cache_url,
        "EMAIL_HOST": "",
        "LOG_LEVEL": "ERROR",
    }


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=30)
    add_database_option(parser, "fs_registration_bench")
    # Not gunicorn's usual 2 x CPUs + 1: the clients and PostgreSQL share these CPUs,
    # and with five workers on two CPUs each request cost more CPU (see the README).
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 2)
    parser.add_argument(
        "--threads", type=int, default=1, help="gunicorn threads per worker (>1: gthread)"
    )
    # Production queues email on Redis and reads sessions from it, so that is the
    # default; --eager measures the embedded `make run` set-up instead.
    parser.add_argument(
        "--broker-url",
        default=os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/12"),
        help="Redis for Celery, as in production: the request only queues the email task "
        "(no worker runs; the queued tasks are deleted afterwards, so use a Redis database "
        "of your own).",
    )
    parser.add_argument(
        "--cache-url",
        default=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13"),
        help="Redis for Django's cache, as in production: sessions read from it, one email "
        "dispatch window for all workers (flushed afterwards, so use a Redis database of "
        "your own).",
    )
    parser.add_argument(
        "--eager",
        action="store_true",
        help="the embedded default instead: no broker, so each request also renders and "
        "sends its email; each worker has its own memory cache, sessions from PostgreSQL",
    )
    parser.add_argument(
        "--rounds", type=int, default=9, help="rounds measured: a registration and a bare burst"
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per phase")
    args = parser.parse_args()
    if args.eager:
        args.broker_url = args.cache_url = ""
    return args


def prepare(*, clients: int, capacity: int, sessions: int):
    """Migrate, then create `sessions` sessions and `clients` people with signed-in
    sessions. Returns the session ids and the people's session cookies."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from participants.models import Organisation, Participant
    from programme.models import Programme, Session, Venue

    call_command("migrate", verbosity=0, interactive=False)
    today = timezone.localdate()
    programme = Programme.objects.create(
        name="Familiestøtte Benchmark",
        slug="benchmark",
        region="Innlandet",
        starts_on=today,
        ends_on=today + dt.timedelta(days=200),
    )
    venue = Venue.objects.create(name="Kurssted", street_address="Storgata 1", city="Gjøvik")
    starts = timezone.now() + dt.timedelta(days=30)
    session_ids = [
        Session.objects.create(
            programme=programme,
            kind=Session.Kind.TRAINING_DAY,
            number=number,
            title=f"Opplæringsdag {number} for benchmark",
            starts_at=starts + dt.timedelta(days=number),
            ends_at=starts + dt.timedelta(days=number, hours=6),
            registration_deadline=starts - dt.timedelta(days=7),
            venue=venue,
            capacity=capacity,
        ).pk
        for number in range(1, sessions + 1)
    ]
    organisation = Organisation.objects.create(
        name="Benchmark kommune", kind=Organisation.Kind.MUNICIPALITY, municipality_number="3407"
    )
    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(username=f"bench{i}@example.no", email=f"bench{i}@example.no", password="!")
            for i in range(clients)
        ]
    )
    Participant.objects.bulk_create(
        [
            Participant(
                user=user,
                full_name=f"Benk Person {i}",
                phone="40000000",
                organisation=organisation,
                role=Participant.Role.SERVICE_WORKER,
                job_title="Miljøterapeut",
                calendar_token=f"bench-token-{i}",
            )
            for i, user in enumerate(users)
        ]
    )
    cookies = []
    for user in users:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        cookies.append(f"{cookie.key}={cookie.value}")
    from django.db import connections

    connections.close_all()
    return session_ids, cookies


def collect_static() -> None:
    """DEBUG=0 serves hashed static files from STATIC_ROOT (gitignored staticfiles/)."""
    subprocess.run(  # noqa: S603 - fixed command, our own venv
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "collectstatic-only"},
        check=True,
        timeout=300,
    )


def count_statuses(session_pk: int) -> dict[str, int]:
    from django.db import connections
    from django.db.models import Count

    from participants.models import Registration

    registrations = Registration.objects.filter(session_id=session_pk)
    counts = {"confirmed": 0, "waitlisted": 0, "cancelled": 0}
    counts.update(registrations.values_list("status").annotate(n=Count("pk")))
    counts["people"] = registrations.aggregate(n=Count("participant", distinct=True))["n"]
    connections.close_all()
    return counts


def start_server(*, port: int, workers: int, threads: int, env: dict, log) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "familiestotte.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--backlog",
        "2048",
        "--timeout",
        "60",
        "--log-level",
        "warning",
    ]
    return subprocess.Popen(  # noqa: S603 - fixed command, our own venv
        command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
    )


async def wait_until_up(base: str, timeout: float) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(base_url=base, timeout=2) as client:
        while time.monotonic() < deadline:
            try:
                if (await client.get("/helse/")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit("gunicorn did not answer /helse/ in time")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


async def burst(client, requests, *, timeout: float):
    """Send every request at the same moment; return (latencies_ms, errors, seconds)."""
    import httpx

    go = asyncio.Event()
    ready = 0
    latencies: list[float] = []
    errors: list[str] = []

    async def one(method, url, headers, data, expect):
        nonlocal ready
        ready += 1
        await go.wait()
        started = time.perf_counter()
        try:
            response = await client.request(method, url, headers=headers, data=data)
        except httpx.HTTPError as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
            return
        latencies.append((time.perf_counter() - started) * 1000)
        if response.status_code != expect:
            errors.append(f"HTTP {response.status_code} for {method} {url}")
        elif expect == 302 and not response.headers["location"].startswith("/samlinger/"):
            errors.append(f"{method} {url} was sent to {response.headers['location']}")

    tasks = [asyncio.create_task(one(*request)) for request in requests]
    while ready < len(tasks):
        await asyncio.sleep(0)
    started = time.perf_counter()
    go.set()
    await asyncio.wait_for(asyncio.gather(*tasks), timeout)
    return latencies, errors, time.perf_counter() - started


async def run_bench(base: str, *, session_ids: list[int], cookies: list[str], args) -> dict:
    """Warm up, then measure: the registration bursts (the first session is the
    warm-up's), then the bare view."""
    import httpx

    clients = len(cookies)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    session_url = f"/samlinger/{session_ids[0]}/"
    async with httpx.AsyncClient(base_url=base, timeout=args.timeout, limits=limits) as client:
        # Every client opens a session page first: its CSRF cookie and form token.
        semaphore = asyncio.Semaphore(20)

        async def fetch_csrf(cookie):
            async with semaphore:
                response = await client.get(session_url, headers={"Cookie": cookie})
            response.raise_for_status()
            token = REGISTER_FORM.search(response.text)
            if token is None or "csrftoken" not in response.cookies:
                raise SystemExit("no registration form with a CSRF token on the session page")
            return cookie + f"; csrftoken={response.cookies['csrftoken']}", token.group(1)

        prepared = await asyncio.wait_for(
            asyncio.gather(*(fetch_csrf(c) for c in cookies)), args.timeout
        )

        def registrations(session_pk):
            return [
                (
                    "POST",
                    f"/samlinger/{session_pk}/meld-pa/",
                    {"Cookie": cookie, "Referer": base + f"/samlinger/{session_pk}/"},
                    {"csrfmiddlewaretoken": token},
                    302,
                )
                for cookie, token in prepared
            ]

        bare = [("GET", "/helse/", {}, None, 200)] * clients
        # Warm the connection pool and the workers: the bare view, then a registration
        # burst against a session that is not measured.
        await burst(client, bare, timeout=args.timeout)
        _lat, warm_errors, _seconds = await burst(
            client, registrations(session_ids[0]), timeout=args.timeout
        )
        errors = [f"warm-up: {e}" for e in warm_errors]

        latencies, rounds, bare_rates = [], [], []
        for session_pk in session_ids[1:]:
            round_latencies, round_errors, seconds = await burst(
                client, registrations(session_pk), timeout=args.timeout
            )
            latencies.extend(round_latencies)
            errors.extend(round_errors)
            rounds.append({"session": session_pk, "reg_per_s": clients / seconds})
            _lat, bare_errors, bare_seconds = await burst(client, bare, timeout=args.timeout)
            errors.extend(f"bare view: {e}" for e in bare_errors)
            bare_rates.append(clients / bare_seconds)
    return {
        "latencies": latencies,
        "errors": errors,
        "rounds": rounds,
        "bare_per_s": statistics.median(bare_rates),
        "bare_rates": bare_rates,
    }


def main() -> int:
    from tests.foundation.standalone import free_port, recreate_database

    args = parse_args()
    production = production_environment(
        database_url=args.database_url, broker_url=args.broker_url, cache_url=args.cache_url
    )
    # This process prepares the data and signs the sessions (on PostgreSQL alone, as
    # before); the server gets the whole environment.
    signing = ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DJANGO_DEBUG", "DJANGO_SECRET_KEY")
    os.environ.update({name: production[name] for name in (*signing, "DJANGO_SECURE_SSL_REDIRECT")})
    recreate_database(args.database_url)
    session_ids, cookies = prepare(
        clients=args.clients, capacity=args.capacity, sessions=args.rounds + 1
    )

    collect_static()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, **production, "PORT": str(port)}
    with tempfile.TemporaryFile(mode="w+") as log:
        server = start_server(
            port=port, workers=args.workers, threads=args.threads, env=env, log=log
        )
        try:
            asyncio.run(wait_until_up(base, timeout=30))
            result = asyncio.run(
                run_bench(base, session_ids=session_ids, cookies=cookies, args=args)
            )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)
        log.seek(0)
        server_errors = [line for line in log if "Traceback" in line or "[ERROR]" in line]

    if args.cache_url:
        import redis

        redis.Redis.from_url(args.cache_url).flushdb()
        print(f"flushed the cache database {args.cache_url}")
    if args.broker_url:
        import redis

        queued = redis.Redis.from_url(args.broker_url).delete("celery")
        print(f"deleted {queued} queue of email tasks from {args.broker_url}")
    latencies = result["latencies"]
    errors = result["errors"] + server_errors
    warm_up = count_statuses(session_ids[0])
    if warm_up["confirmed"] != args.capacity:
        errors.append(f"warm-up session: {warm_up['confirmed']} confirmed")
    for measured in result["rounds"]:
        measured.update(count_statuses(measured["session"]))
        if measured["people"] != measured["confirmed"] + measured["waitlisted"]:
            errors.append(f"session {measured['session']}: a person holds two registrations")
        if measured["confirmed"] != args.capacity:
            errors.append(f"session {measured['session']}: {measured['confirmed']} confirmed")
    # The round with the median throughput is the one reported (its counts too).
    rounds = sorted(result["rounds"], key=lambda r: r["reg_per_s"])
    counts = rounds[len(rounds) // 2]
    reg_per_s = counts["reg_per_s"]
    figures = {
        "capacity": args.capacity,
        "clients": args.clients,
        "confirmed": counts["confirmed"],
        "waitlisted": counts["waitlisted"],
        "errors": len(errors),
        "reg_per_s": round(reg_per_s, 1),
        "p50_ms": round(percentile(latencies, 0.50), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else None,
        "bare_per_s": round(result["bare_per_s"], 1),
        "rounds": [round(r["reg_per_s"], 1) for r in result["rounds"]],
        "bare_rounds": [round(rate, 1) for rate in result["bare_rates"]],
        "ratio": round(reg_per_s / result["bare_per_s"], 3),
    }
    print(
        f"gunicorn: {args.workers} workers x {args.threads} threads on {base} (DEBUG off), "
        f"PostgreSQL {args.database_url}, {os.cpu_count()} CPUs shared with the clients"
    )
    print(f"emails: {'queued on ' + args.broker_url if args.broker_url else 'Celery eager'}")
    print(f"cache: {args.cache_url or 'memory, per worker; sessions from PostgreSQL'}")
    print(
        f"{args.clients} clients registered at once for a session of {args.capacity} seats, "
        f"{args.rounds} times (a fresh session each time, each followed by a bare-view "
        "burst) after a warm-up burst"
    )
    for measured in result["rounds"]:
        print(
            f"  session {measured['session']}: {measured['reg_per_s']:.1f} registrations/s, "
            f"{measured['confirmed']} confirmed, {measured['waitlisted']} waitlisted"
        )
    print(f"  median round: {figures['confirmed']} confirmed, {figures['waitlisted']} waitlisted")
    print(f"  errors: {figures['errors']}")
    for error in errors[:10]:
        print(f"    {error}")
    print(f"  registrations per second: {figures['reg_per_s']} (median of {args.rounds})")
    print(f"  latency p50: {figures['p50_ms']} ms, p95: {figures['p95_ms']} ms")
    print(
        f"bare view /helse/ at the same concurrency: {figures['bare_per_s']} requests/s "
        f"(median of {args.rounds}: {figures['bare_rounds']})"
    )
    print(f"ratio registrations/bare: {figures['ratio']} (target >= 0.333)")
    ok = (
        all(r["confirmed"] == args.capacity for r in result["rounds"])
        and figures["errors"] == 0
        and figures["ratio"] >= 1 / 3
    )
    print("targets met" if ok else "TARGETS NOT MET")
    print(json.dumps(figures))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
