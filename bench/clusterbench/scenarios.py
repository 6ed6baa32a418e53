"""The four scenarios, each returning its figures: the race for seats, a worker killed
mid-send, a PostgreSQL restart under load, and a web node stopped under load."""

from __future__ import annotations

import signal
import time
from collections import Counter

from . import data, load
from .processes import wait_until
from .topology import Cluster

# How the outbox marks a row a dead worker left in 'sending' (notifications.dispatch.
# fail_interrupted), in the portal's language and in English.
INTERRUPTED = ("Avbrutt under sending", "Interrupted while sending")


def race(cluster: Cluster, *, session_pk: int, cookies: list[str], capacity: int) -> dict:
    """Every person registers at once through haproxy; then their emails go out."""
    started = time.monotonic()
    answers = load.race(cluster.base, cookies, session_pk)
    seconds = time.monotonic() - started
    errors = [
        f"HTTP {a.status} {a.location} {a.error}".strip()
        for a in answers
        if a.status != 302 or not a.location.startswith("/samlinger/")
    ]
    counts = data.registrations(session_pk)
    if counts["people"] != counts["confirmed"] + counts["waitlisted"]:
        errors.append("a person holds two registrations")
    if counts["confirmed"] != capacity:
        errors.append(f"{counts['confirmed']} confirmed for {capacity} seats")
    wait_until(
        lambda: data.unfinished() == 0 and len(cluster.sink.received()) >= len(cookies),
        what="every registration email sent",
        timeout=120,
    )
    return {
        "confirmed": counts["confirmed"],
        "waitlisted": counts["waitlisted"],
        "errors": errors,
        "by_node": dict(Counter(a.served_by for a in answers)),
        "seconds": seconds,
        "emails_received": len(cluster.sink.received()),
        "email_duplicates": cluster.sink.duplicates(),
    }


def reminder_keys(cluster: Cluster) -> Counter[str]:
    return Counter(key for key in cluster.sink.received() if key.startswith("reminder:"))


def killed_worker(cluster: Cluster, *, emails: int, kill_at: float) -> dict:
    """`emails` reminders come due; when `kill_at` of them have reached the sink, one
    worker and its pool are SIGKILLed. The other worker sends the rest; beat's sweep fails
    the rows the dead one left in 'sending' and hands out those it never started."""
    from reminders.session_reminders import sweep_reminders

    data.due_reminders(emails)
    started = time.monotonic()
    sweep_reminders()
    wait_until(
        lambda: sum(reminder_keys(cluster).values()) >= kill_at * emails,
        what=f"{kill_at:.0%} of the reminders delivered",
        timeout=120,
    )
    cluster.workers[0].kill()
    killed_after = sum(reminder_keys(cluster).values())
    killed_at = time.monotonic() - started
    wait_until(lambda: data.unfinished("reminder") == 0, what="the outbox drained", timeout=180)
    seconds = time.monotonic() - started
    time.sleep(1)  # room for a late duplicate to arrive, if there were one
    received = reminder_keys(cluster)
    once = cut_off = cut_off_delivered = 0
    lost = []
    for key, status, error in data.outbox("reminder"):
        if status == "sent" and received[key] == 1:
            once += 1
        elif status == "failed" and error.startswith(INTERRUPTED) and received[key] <= 1:
            cut_off += 1
            cut_off_delivered += received[key]
        elif received[key] <= 1:
            lost.append(f"{key}: {status}, received {received[key]} times")
    return {
        "emails": emails,
        "delivered_once": once,
        "duplicates": sum(count - 1 for count in received.values()),
        "cut_off": cut_off,
        "cut_off_delivered": cut_off_delivered,
        "lost": lost,
        "killed_after": killed_after,
        "killed_at": killed_at,
        "seconds": seconds,
    }


def _failed(answers: list[load.Answer]) -> list[load.Answer]:
    return [answer for answer in answers if answer.status != 200]


def database_restart(cluster: Cluster, *, cookies: list[str], url: str) -> dict:
    """Signed-in page views through haproxy while PostgreSQL restarts (fast shutdown:
    every connection is cut); no failure may start after it accepts connections again."""

    def restart() -> dict[str, float]:
        begin = time.monotonic()
        cluster.postgres.restart()
        return {"begin": begin, "ready": time.monotonic()}

    answers, marks = load.steady(cluster.base, cookies, url, event=restart)
    data.close_connections()  # this process's own connection did not survive either
    during = [a for a in answers if marks["begin"] <= a.started < marks["ready"]]
    after = [a for a in answers if a.started >= marks["ready"]]
    return {
        "requests": len(answers),
        "restart_seconds": marks["ready"] - marks["begin"],
        "failed_during": len(_failed(during)),
        "server_errors_during": sum(a.status == 500 for a in during),
        "requests_after": len(after),
        "errors_after": len(_failed(after)),
        # Started before the shutdown and still waiting on PostgreSQL when it came.
        "cut_in_flight": len(_failed([a for a in answers if a.started < marks["begin"]])),
    }


def node_stop(cluster: Cluster, *, cookies: list[str], url: str, name: str = "web2") -> dict:
    """Signed-in page views through haproxy while one web node stops (SIGTERM, gunicorn's
    graceful stop); no failure may start after haproxy's health check marks it down."""
    assert cluster.haproxy is not None
    node = cluster.nodes[name]
    haproxy = cluster.haproxy

    def stop() -> dict[str, float]:
        begin = time.monotonic()
        assert node.process is not None
        node.process.send_signal(signal.SIGTERM)
        wait_until(lambda: haproxy.states()[name] == "DOWN", what=f"{name} marked DOWN")
        down = time.monotonic()
        node.process.wait(timeout=60)
        return {"begin": begin, "down": down}

    answers, marks = load.steady(cluster.base, cookies, url, event=stop)
    before = [a for a in answers if a.started < marks["begin"]]
    during = [a for a in answers if marks["begin"] <= a.started < marks["down"]]
    after = [a for a in answers if a.started >= marks["down"]]
    return {
        "requests": len(answers),
        "down_after_seconds": marks["down"] - marks["begin"],
        "by_node_before": dict(Counter(a.served_by for a in before)),
        "failed_before_down": len(_failed(during)),
        "requests_after": len(after),
        "by_node_after": dict(Counter(a.served_by for a in after)),
        "errors_after": len(_failed(after)),
        "errors_before": len(_failed(before)),
    }
