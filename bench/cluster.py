"""The portal as a cluster on this machine, and four things that go wrong in one.

    .venv/bin/python bench/cluster.py [--clients 200] [--capacity 30] [--emails 2000]

Starts, in a temporary folder and on free ports of its own: a PostgreSQL instance (initdb;
restarting it disturbs no other database on the machine), Redis, an SMTP sink (aiosmtpd,
counting deliveries per outbox key), two web nodes (gunicorn with deploy/gunicorn.conf.py
and production settings) behind Debian's haproxy (round robin, HTTP health checks on
/helse/; `make proxy` installs it), two Celery workers and one beat. Then:

1. `--clients` signed-in people race through haproxy for a training day of
   `--capacity` seats: exactly that many confirmed, every POST answered, both nodes used;
2. `--emails` reminders come due; once 30 % have reached the sink, one worker and its
   pool are SIGKILLed: every email delivered exactly once, or, where the kill cut it off
   mid-send, marked failed for a person to look at; none twice;
3. PostgreSQL restarts (fast shutdown) under a steady load of signed-in page views: no
   failed request after it accepts connections again;
4. one web node stops under the same load: no failed request after haproxy's health
   check marks it down.

Prints its figures and ends with one JSON line; exits 1 if a target is missed. Every
process it started is ended and the folder removed, also after a failure.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))  # the project: settings, apps, tests' helpers

from clusterbench import data, scenarios  # noqa: E402 - after the path above
from clusterbench.topology import Cluster, Sizes  # noqa: E402


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=30)
    parser.add_argument("--emails", type=int, default=2000)
    parser.add_argument(
        "--web-workers", type=int, help="gunicorn workers per node (default: the config's)"
    )
    parser.add_argument("--concurrency", type=int, default=2, help="pool processes per worker")
    parser.add_argument(
        "--batch-size", type=int, help="emails per send task (default: emails / 20, 10-200)"
    )
    parser.add_argument("--load-clients", type=int, default=20, help="clients in scenarios 3-4")
    parser.add_argument("--kill-at", type=float, default=0.3, help="share delivered at the kill")
    parser.add_argument("--workdir", type=Path, help="the cluster's folder (default: a new one)")
    parser.add_argument("--keep", action="store_true", help="keep the folder (logs) at the end")
    args = parser.parse_args()
    if args.batch_size is None:
        args.batch_size = min(200, max(10, args.emails // 20))
    return args


def run(cluster: Cluster, args: argparse.Namespace) -> dict:
    env = cluster.start_stores()
    print(f"PostgreSQL :{cluster.postgres.port}, Redis :{cluster.redis_port} in {cluster.workdir}")
    data.setup(env)
    session_pk, cookies = data.people(clients=args.clients, capacity=args.capacity)
    data.close_connections()
    cluster.start_portal()
    print(
        f"haproxy {cluster.base} -> {', '.join(cluster.nodes)}; "
        f"{len(cluster.workers)} workers x {args.concurrency}, one beat"
    )
    figures = {"race": scenarios.race(cluster, session_pk=session_pk, cookies=cookies,
                                      capacity=args.capacity)}  # fmt: skip
    report_race(figures["race"], args)
    figures["kill"] = scenarios.killed_worker(cluster, emails=args.emails, kill_at=args.kill_at)
    report_kill(figures["kill"], args)
    load_cookies = cookies[: args.load_clients]
    url = f"/samlinger/{session_pk}/"
    figures["restart"] = scenarios.database_restart(cluster, cookies=load_cookies, url=url)
    report_steady("PostgreSQL restarted", figures["restart"], "ready")
    figures["stop"] = scenarios.node_stop(cluster, cookies=load_cookies, url=url)
    report_steady("web2 stopped", figures["stop"], "down")
    return figures


def report_race(race: dict, args: argparse.Namespace) -> None:
    print(
        f"1. {args.clients} people for {args.capacity} seats in {race['seconds']:.2f} s: "
        f"{race['confirmed']} confirmed, {race['waitlisted']} waitlisted, "
        f"{len(race['errors'])} errors; answered by {race['by_node']}"
    )
    for error in race["errors"][:10]:
        print(f"   {error}")
    print(
        f"   their emails: {race['emails_received']} received, "
        f"{race['email_duplicates']} duplicates"
    )


def report_kill(kill: dict, args: argparse.Namespace) -> None:
    print(
        f"2. {kill['emails']} reminders, batches of {args.batch_size}; worker1 SIGKILLed after "
        f"{kill['killed_after']} had arrived ({kill['killed_at']:.1f} s); drained in "
        f"{kill['seconds']:.1f} s: {kill['delivered_once']} delivered once, "
        f"{kill['duplicates']} duplicates, {kill['cut_off']} cut off and marked failed "
        f"({kill['cut_off_delivered']} of them had reached the sink), "
        f"{len(kill['lost'])} unaccounted for"
    )
    for line in kill["lost"][:10]:
        print(f"   {line}")


def report_steady(title: str, figures: dict, mark: str) -> None:
    details = ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}"
                        for k, v in figures.items())  # fmt: skip
    print(f"{'3' if mark == 'ready' else '4'}. {title}: {details}")


def summary(figures: dict, args: argparse.Namespace, cluster: Cluster) -> dict:
    race, kill = figures["race"], figures["kill"]
    return {
        "nodes": len(cluster.nodes),
        "workers": len(cluster.workers),
        "clients": args.clients,
        "capacity": args.capacity,
        "confirmed": race["confirmed"],
        "errors": len(race["errors"]),
        "emails": args.emails,
        "delivered_once": kill["delivered_once"],
        "duplicates": kill["duplicates"],
        "cut_off": kill["cut_off"],
        "errors_after_db_restart": figures["restart"]["errors_after"],
        "errors_after_node_stop": figures["stop"]["errors_after"],
    }


def targets_met(result: dict, figures: dict) -> bool:
    return (
        result["confirmed"] == result["capacity"]
        and result["errors"] == 0
        and len(figures["race"]["by_node"]) == result["nodes"]
        and result["delivered_once"] + result["cut_off"] == result["emails"]
        and result["duplicates"] == 0
        and result["errors_after_db_restart"] == 0
        and result["errors_after_node_stop"] == 0
    )


def main() -> int:
    args = parse_args()
    # A SIGTERM (a test's timeout, say) ends the cluster as cleanly as a normal exit.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sizes = Sizes(concurrency=args.concurrency, batch_size=args.batch_size,
                  web_workers=args.web_workers)  # fmt: skip
    with Cluster(sizes, workdir=args.workdir, keep=args.keep) as cluster:
        figures = run(cluster, args)
        result = summary(figures, args, cluster)
    ok = targets_met(result, figures)
    print("targets met" if ok else "TARGETS NOT MET")
    print(json.dumps(result))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
