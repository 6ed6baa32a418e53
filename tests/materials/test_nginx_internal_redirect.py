"""Through nginx with the deploy site file's own /_private/ location in front of a live
portal set to PRIVATE_FILES_SERVE=x-accel-redirect: a reader gets the file from nginx with
the portal's name, type and no-store and nginx's nosniff; nobody reaches the location by
asking for it. Skipped without nginx (`make proxy` installs it)."""

import getpass
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.fixtures.materials import PDF, file_material

DEPLOY = Path(settings.BASE_DIR) / "deploy"

pytestmark = pytest.mark.skipif(
    not shutil.which("nginx"), reason="nginx is not installed (make proxy)"
)


def private_location(site: str) -> str:
    match = re.search(r"\n    location /_private/ \{\n.*?\n    \}\n", site, re.S)
    assert match, "the site file has no /_private/ location"
    return match.group(0)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def proxy(tmp_path, live_server, private_storage, settings):
    settings.PRIVATE_FILES_SERVE = "x-accel-redirect"
    site = (DEPLOY / "nginx-familiestotte.conf").read_text()
    location = private_location(site).replace(
        "/srv/familiestotte/private/", f"{private_storage.location}/"
    )
    port = free_port()
    temp = " ".join(
        f"{name}_temp_path {tmp_path}/{name};"
        for name in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    )
    (tmp_path / "nginx.conf").write_text(
        # Workers as the test's own user: pytest's temporary folders are private to it.
        f"user {getpass.getuser()}; daemon off;\n"
        f"error_log {tmp_path}/error.log; pid {tmp_path}/nginx.pid;\n"
        f"events {{}}\nhttp {{ access_log off; {temp}\n"
        f"  server {{ listen 127.0.0.1:{port};\n{location}\n"
        f"    location / {{ proxy_pass {live_server.url}; proxy_set_header Host $host; }}\n"
        "  }\n}\n"
    )
    nginx = subprocess.Popen(["nginx", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")])
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert nginx.poll() is None, (tmp_path / "error.log").read_text()
                assert time.monotonic() < deadline, "nginx did not start in 10 s"
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        nginx.terminate()
        nginx.wait(timeout=5)


def signed_in(participant) -> dict[str, str]:
    client = Client()
    client.force_login(participant.user)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


def test_nginx_sends_the_file_the_portal_allows_with_its_headers(proxy, session, coordinator):
    material = file_material(session, name="Lysark dag 3.pdf")
    url = proxy + reverse("materials:file", args=[session.pk, material.pk])
    response = httpx.get(url, cookies=signed_in(coordinator), timeout=10)
    assert response.status_code == 200
    assert response.content == PDF
    assert "X-Accel-Redirect" not in response.headers
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"] == 'inline; filename="Lysark dag 3.pdf"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response.headers["Cache-Control"]


def test_nobody_reaches_the_internal_location_by_asking_for_it(proxy, session, coordinator):
    material = file_material(session)
    direct = f"{proxy}/_private/{material.file.name}"
    assert httpx.get(direct, cookies=signed_in(coordinator), timeout=10).status_code == 404


def test_nginx_passes_on_the_portals_404_to_an_anonymous_visitor(proxy, session):
    material = file_material(session)
    url = proxy + reverse("materials:file", args=[session.pk, material.pk])
    response = httpx.get(url, timeout=10)
    assert response.status_code == 404
    assert PDF not in response.content
