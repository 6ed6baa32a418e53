"""The cluster benchmark in small (bench/cluster.py): its own PostgreSQL and Redis, two
web nodes behind haproxy, two Celery workers and one beat, and the four scenarios of the
full run at a fifth of its size or less. Ends every process it started and removes its
folder, also when the run fails or hangs."""

import json
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from bench.clusterbench.processes import end_leftovers, leftovers
from bench.clusterbench.services import postgres_available

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SMALL = ["--clients", "40", "--capacity", "10", "--emails", "200", "--web-workers", "2"]


@pytest.fixture
def workdir():
    if shutil.which("haproxy") is None:
        pytest.skip("needs Debian's haproxy (make proxy)")
    if not postgres_available():
        pytest.skip("needs PostgreSQL's server binaries under /usr/lib/postgresql/*/bin")
    folder = Path(tempfile.mkdtemp(prefix="fs-cluster-test-"))
    yield folder
    end_leftovers(folder)
    shutil.rmtree(folder, ignore_errors=True)


def run_cluster(workdir: Path, timeout: float = 240) -> tuple[int, str]:
    process = subprocess.Popen(
        [sys.executable, "bench/cluster.py", *SMALL, "--workdir", str(workdir)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGTERM)  # the script ends its cluster on SIGTERM
        output, _ = process.communicate(timeout=60)
        pytest.fail(f"bench/cluster.py took over {timeout} s:\n{output}")
    return process.returncode, output


def test_it_keeps_every_figure_of_the_cluster_and_leaves_nothing_running(workdir):
    returncode, output = run_cluster(workdir)

    assert returncode == 0, output
    figures = json.loads(output.strip().splitlines()[-1])
    cut_off = figures["cut_off"]
    assert figures == {
        "nodes": 2,
        "workers": 2,
        "clients": 40,
        "capacity": 10,
        "confirmed": 10,
        "errors": 0,
        "emails": 200,
        "delivered_once": 200 - cut_off,
        "duplicates": 0,
        "cut_off": cut_off,
        "errors_after_db_restart": 0,
        "errors_after_node_stop": 0,
    }, output
    # At most the one email each of the killed worker's two pool processes had in flight.
    assert cut_off <= 2, output
    # The kill came mid-send, and both nodes took part in the race.
    killed_after = int(re.search(r"SIGKILLed after (\d+) had arrived", output).group(1))
    assert 0 < killed_after < 200, output
    assert re.search(r"answered by \{'web\d': [1-9]\d*, 'web\d': [1-9]\d*\}", output), output
    # Nothing of the cluster is left: no process with its mark, no folder.
    assert leftovers(workdir) == []
    assert not workdir.exists()
