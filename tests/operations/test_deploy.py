"""The serving files under deploy/ (and the Dockerfile) hold together: the compose file
names an image or build, a command, a health check and its dependencies for every
service, with two web replicas behind the proxy, two workers and exactly one beat;
gunicorn accepts its config; nginx accepts the site file. What needs a tool that is
missing here (docker compose, nginx) is skipped with the reason."""

import configparser
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
DEPLOY = ROOT / "deploy"
COMPOSE = DEPLOY / "compose.yaml"
GUNICORN = Path(sys.executable).parent / "gunicorn"
PORTAL_SERVICES = {"migrate", "web", "worker", "beat"}


@pytest.fixture(scope="module")
def services():
    return yaml.safe_load(COMPOSE.read_text())["services"]


def test_it_has_the_services_of_a_staging_cluster(services):
    assert set(services) == {"db", "redis", "smtp", "migrate", "web", "proxy", "worker", "beat"}


def test_every_service_has_an_image_or_build_and_a_command(services):
    for name, service in services.items():
        assert service.get("image") or service.get("build"), name
        assert isinstance(service.get("command"), list) and service["command"], name


def test_every_long_running_service_has_a_health_check(services):
    for name, service in services.items():
        check = service.get("healthcheck")
        assert check, f"{name} has no health check"
        if check.get("disable"):
            assert service.get("restart") == "no", f"only a one-off may go unchecked: {name}"
            continue
        assert check["test"][0] in {"CMD", "CMD-SHELL"} and len(check["test"]) > 1, name


def test_every_dependency_is_a_service_that_is_healthy_or_done(services):
    for name, service in services.items():
        assert "depends_on" in service, f"{name} says nothing of its dependencies"
        for dependency, condition in service["depends_on"].items():
            assert dependency in services, f"{name} depends on a missing {dependency}"
            expected = (
                "service_completed_successfully" if dependency == "migrate" else ("service_healthy")
            )
            assert condition == {"condition": expected}, (name, dependency)


def test_portal_services_wait_for_migrations_and_use_the_brokers(services):
    for name in PORTAL_SERVICES - {"migrate"}:
        assert "migrate" in services[name]["depends_on"], name
        assert "redis" in services[name]["depends_on"], name
    assert "db" in services["migrate"]["depends_on"]
    assert services["proxy"]["depends_on"] == {"web": {"condition": "service_healthy"}}


def test_two_web_replicas_two_workers_and_exactly_one_beat(services):
    replicas = {name: services[name]["deploy"]["replicas"] for name in ("web", "worker", "beat")}
    assert replicas == {"web": 2, "worker": 2, "beat": 1}
    assert services["web"]["command"][0] == "gunicorn"
    assert services["beat"]["command"][:4] == ["celery", "-A", "familiestotte", "beat"]


def test_the_portal_runs_in_production_mode_with_the_sink_for_email(services):
    env = services["web"]["environment"]
    assert env["DJANGO_DEBUG"] == "0"
    assert env["EMAIL_HOST"] == "smtp"
    assert env["CELERY_BROKER_URL"].startswith("redis://redis:")
    assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]


def docker_compose_available():
    if not shutil.which("docker"):
        return "docker is not installed"
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"docker is installed without the compose plugin: {probe.stderr.strip()}"
    return ""


def test_docker_compose_accepts_the_file():
    reason = docker_compose_available()
    if reason:
        pytest.skip(f"{reason}; the file is only parsed (tests above)")
    result = subprocess.run(
        ["docker", "compose", "-f", str(COMPOSE), "config", "--quiet"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_gunicorn_accepts_its_config():
    result = subprocess.run(
        [str(GUNICORN), "--check-config", "-c", "deploy/gunicorn.conf.py", "familiestotte.wsgi"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_gunicorn_takes_its_workers_from_the_cores():
    result = subprocess.run(
        [str(GUNICORN), "--print-config", "-c", "deploy/gunicorn.conf.py", "familiestotte.wsgi"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    workers = re.search(r"^workers\s*=\s*(\d+)", result.stdout, re.MULTILINE)
    assert workers and int(workers.group(1)) == os.cpu_count() * 2 + 1


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=portal.example.no", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
        timeout=60,
    )  # fmt: skip
    return cert, key


def nginx_test(tmp_path: Path, site: str) -> subprocess.CompletedProcess:
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"error_log {tmp_path}/error.log;\npid {tmp_path}/nginx.pid;\nevents {{}}\n"
        f"http {{ access_log off; include {tmp_path}/site.conf; }}\n"
    )
    return subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed (make proxy)")
def test_nginx_accepts_the_tls_site_file(tmp_path):
    cert, key = self_signed_certificate(tmp_path)
    site = (DEPLOY / "nginx-familiestotte.conf").read_text()
    site = re.sub(r"ssl_certificate\s+\S+;", f"ssl_certificate {cert};", site)
    site = re.sub(r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {key};", site)
    result = nginx_test(tmp_path, site)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed (make proxy)")
def test_nginx_accepts_the_staging_proxy_file(tmp_path):
    # "web" resolves only inside compose's network; here it is this machine.
    site = (DEPLOY / "compose" / "nginx.conf").read_text().replace("web:8000", "127.0.0.1:8000")
    result = nginx_test(tmp_path, site)
    assert result.returncode == 0, result.stderr


def test_the_proxy_sets_what_the_portal_trusts():
    site = (DEPLOY / "nginx-familiestotte.conf").read_text()
    trusted = (ROOT / "familiestotte" / "settings.py").read_text()
    assert 'SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")' in trusted
    assert "USE_X_FORWARDED_HOST" not in trusted  # so Host itself must be passed on
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in site
    assert "proxy_set_header Host $host;" in site


def units():
    for path in sorted((DEPLOY / "systemd").glob("*.service")):
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.optionxform = str
        parser.read(path)
        yield path.name, parser


def test_there_are_units_for_web_worker_and_exactly_one_beat():
    commands = {name: unit["Service"]["ExecStart"] for name, unit in units()}
    assert set(commands) == {
        "familiestotte-web.service",
        "familiestotte-worker.service",
        "familiestotte-beat.service",
    }
    assert (
        "gunicorn -c deploy/gunicorn.conf.py familiestotte.wsgi"
        in commands["familiestotte-web.service"]
    )
    assert sum(" beat " in command for command in commands.values()) == 1
    beat = (DEPLOY / "systemd" / "familiestotte-beat.service").read_text()
    assert "EXACTLY ONE" in beat  # and the comment says why


def test_the_units_reload_the_web_gracefully_and_run_as_the_portal_user():
    for name, unit in units():
        assert unit["Service"]["User"] == "familiestotte", name
    web = dict(units())["familiestotte-web.service"]
    assert web["Service"]["ExecReload"] == "/bin/kill -s HUP $MAINPID"


def test_the_image_is_slim_non_root_pinned_and_collects_static_files():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim", dockerfile, re.MULTILINE)
    users = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert "RUN pip install ." in dockerfile  # [project].dependencies, nothing else
    assert "collectstatic --noinput" in dockerfile
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert all(re.fullmatch(r"[A-Za-z0-9_.\[\]-]+==[\w.]+", pin) for pin in dependencies)
