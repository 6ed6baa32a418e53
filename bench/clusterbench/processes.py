"""Child processes of the cluster, each in a process group of its own.

Every child gets FS_CLUSTER_DIR=<the cluster's folder> in its environment, and so does
everything it forks (gunicorn's workers, Celery's pool, PostgreSQL's backends). Whoever
started the cluster can therefore find and end what is left by that mark alone, even if
the cluster's own process was killed before it could clean up
(tests/operations/test_cluster.py does).
"""

from __future__ import annotations

import os
import pwd
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

MARK = "FS_CLUSTER_DIR"
ROOT = Path(__file__).resolve().parents[2]


class Child:
    """One long-running process: started, stopped with its own signal, or killed."""

    def __init__(
        self,
        name: str,
        command: list[str],
        *,
        workdir: Path,
        env: dict[str, str],
        stop_signal: int = signal.SIGTERM,
        user: str | None = None,
    ):
        self.name = name
        self.command = command
        self.workdir = workdir
        self.env = {**env, MARK: str(workdir)}
        self.stop_signal = stop_signal
        self.user = user
        self.log_path = workdir / "logs" / f"{name}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> Child:
        self.log_path.parent.mkdir(exist_ok=True)
        extra = {}
        if self.user is not None:
            entry = pwd.getpwnam(self.user)
            extra = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                **extra,
            )
        return self

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def output(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self) -> None:
        """SIGKILL the process and everything in its group at once, as a power cut would."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)

    def stop(self, timeout: float = 20) -> None:
        """Its own stop signal to the main process; what is left after `timeout`, killed."""
        if self.alive():
            assert self.process is not None
            self.process.send_signal(self.stop_signal)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                pass
        self.kill()


def wait_until(
    predicate: Callable[[], bool], *, what: str, timeout: float = 60, child: Child | None = None
) -> float:
    """Poll until `predicate()` is true; the seconds it took. Fails early if `child` died."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        if child is not None and not child.alive():
            raise RuntimeError(f"{child.name} stopped while waiting for {what}:\n{child.output()}")
        time.sleep(0.05)
    detail = f":\n{child.output()[-4000:]}" if child is not None else ""
    raise RuntimeError(f"{what}: not within {timeout:.0f} s{detail}")


def leftovers(workdir: Path) -> list[int]:
    """Processes still running with this cluster's mark in their environment."""
    mark = f"{MARK}={workdir}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if mark in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def end_leftovers(workdir: Path, rounds: int = 5) -> list[int]:
    """SIGKILL every process left with this cluster's mark; their ids. Again while any is
    found: a parent not yet killed may have forked (a gunicorn master replacing a worker)."""
    ended: list[int] = []
    for _round in range(rounds):
        if not (found := leftovers(workdir)):
            break
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        ended += found
        time.sleep(0.2)
    return ended
