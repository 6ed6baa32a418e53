"""Log lines: one JSON object per request with its request id, log-ins and failed log-ins
at INFO with the user's id only, and no email address in any line of a sign-up or a
session registration (familiestotte/logs.py, familiestotte/requestlog.py)."""

import io
import json
import logging

import pytest
from django.test import override_settings
from django.urls import reverse

from familiestotte import logs
from notifications.dispatch import dispatch_pending_emails
from tests import factories

from .test_accounts import PASSWORD as SIGN_UP_PASSWORD
from .test_accounts import complete_profile, confirm

pytestmark = pytest.mark.django_db

REQUEST_ID = "0f5c3a1e9b7d4c2a8e6f1b3d5a7c9e0f"


class Lines:
    """What the portal's JSON formatter writes, from a handler on the root logger."""

    def __init__(self) -> None:
        self.stream = io.StringIO()

    def text(self) -> str:
        return self.stream.getvalue()

    def all(self) -> list[dict]:
        return [json.loads(line) for line in self.text().splitlines()]

    def of(self, logger: str) -> list[dict]:
        return [line for line in self.all() if line["logger"] == logger]


@pytest.fixture
def lines():
    captured = Lines()
    handler = logging.StreamHandler(captured.stream)
    handler.setFormatter(logs.JsonFormatter())
    handler.addFilter(logs.RequestIdFilter())
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield captured
    root.removeHandler(handler)
    root.setLevel(previous)


def test_it_writes_one_json_line_per_request_without_the_query_string(client, lines):
    response = client.get("/helse/?token=hemmelig-token")

    [line] = lines.of("familiestotte.request")
    assert line["level"] == "INFO"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/helse/", 200)
    assert isinstance(line["duration_ms"], float)
    assert line["request_id"] == response.headers["X-Request-ID"]
    assert len(line["request_id"]) == 32
    assert "hemmelig-token" not in lines.text()


def test_it_names_the_signed_in_user_by_id(login, service_worker, lines):
    login(service_worker).get(reverse("registrations:mine"))

    [line] = lines.of("familiestotte.request")
    assert (line["path"], line["status"], line["user_id"]) == (
        reverse("registrations:mine"),
        200,
        service_worker.user.pk,
    )
    assert service_worker.user.email not in lines.text()


def test_it_makes_its_own_id_when_no_proxy_is_trusted(client, lines):
    response = client.get("/helse/", HTTP_X_REQUEST_ID=REQUEST_ID)

    assert response.headers["X-Request-ID"] != REQUEST_ID
    assert lines.of("familiestotte.request")[0]["request_id"] == response.headers["X-Request-ID"]


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_it_keeps_the_trusted_proxys_request_id(client, lines):
    response = client.get("/helse/", HTTP_X_REQUEST_ID=REQUEST_ID)

    assert response.headers["X-Request-ID"] == REQUEST_ID
    assert lines.of("familiestotte.request")[0]["request_id"] == REQUEST_ID


@override_settings(ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
@pytest.mark.parametrize("value", ["short", "a" * 129, "id with spaces", '"}{"level":"ERROR'])
def test_it_replaces_a_request_id_that_does_not_look_like_one(client, lines, value):
    response = client.get("/helse/", HTTP_X_REQUEST_ID=value)

    assert response.headers["X-Request-ID"] != value
    assert logs.is_valid_request_id(response.headers["X-Request-ID"])


def test_it_logs_a_log_in_at_info_with_the_user_id_only(client, service_worker, lines):
    response = client.post(
        reverse("account_login"),
        {"login": service_worker.user.email, "password": factories.PASSWORD},
    )
    assert response.status_code == 302

    [line] = lines.of("familiestotte.auth")
    assert (line["level"], line["event"], line["user_id"]) == (
        "INFO",
        "login",
        service_worker.user.pk,
    )
    assert line["request_id"] == response.headers["X-Request-ID"]
    assert "@" not in lines.text()


def test_it_logs_a_failed_log_in_at_info_with_the_accounts_id_only(client, service_worker, lines):
    response = client.post(
        reverse("account_login"),
        {"login": service_worker.user.email, "password": "feil-passord"},
    )
    assert response.status_code == 200

    [line] = lines.of("familiestotte.auth")
    assert (line["level"], line["event"], line["user_id"]) == (
        "INFO",
        "login_failed",
        service_worker.user.pk,
    )
    assert "@" not in lines.text()


def test_it_logs_a_failed_log_in_for_an_unknown_address_without_the_address(client, lines):
    client.post(reverse("account_login"), {"login": "ukjent@example.no", "password": "x"})

    [line] = lines.of("familiestotte.auth")
    assert (line["event"], line["user_id"]) == ("login_failed", None)
    assert "ukjent" not in lines.text()


def test_no_line_of_a_sign_up_and_a_registration_has_an_email_address(
    client, mailoutbox, organisation, lines
):
    email = "ny.deltaker@example.no"
    session = factories.SessionFactory()
    client.post(
        reverse("account_signup"),
        {"email": email, "password1": SIGN_UP_PASSWORD, "password2": SIGN_UP_PASSWORD},
    )
    confirm(client, mailoutbox)
    complete_profile(client, organisation)
    response = client.post(reverse("registrations:register", kwargs={"pk": session.pk}))

    assert response.status_code == 302
    paths = [line["path"] for line in lines.of("familiestotte.request")]
    assert paths[0] == reverse("account_signup")
    assert paths[-1] == reverse("registrations:register", kwargs={"pk": session.pk})
    assert [line["event"] for line in lines.of("familiestotte.auth")] == ["login"]
    assert "@" not in lines.text()
    assert "ny.deltaker" not in lines.text()
    assert logs.MASKED_EMAIL not in lines.text()  # nothing had to be masked either


def test_it_masks_an_email_address_in_a_message(lines):
    logging.getLogger("notifications.sending").error(
        "Email 7 failed: 550 <ola.nordmann@example.no> unknown", extra={"user_id": 3}
    )

    [line] = lines.of("notifications.sending")
    assert line["message"] == "Email 7 failed: 550 <[email]> unknown"
    assert line["user_id"] == 3


def test_the_text_format_is_one_readable_line_with_the_request_id():
    record = logging.LogRecord("familiestotte.request", logging.INFO, "", 0, "GET /", None, None)
    record.status = 200
    token = logs.request_id.set(REQUEST_ID)
    try:
        text = logs.TextFormatter().format(record)
    finally:
        logs.request_id.reset(token)

    assert f"INFO familiestotte.request [{REQUEST_ID}] GET / status=200" in text
    assert "\n" not in text


def test_an_eager_task_keeps_the_request_id_of_its_request(lines):
    token = logs.request_id.set(REQUEST_ID)
    try:
        dispatch_pending_emails.apply()
    finally:
        logs.request_id.reset(token)

    [line] = lines.of("familiestotte.task")
    assert (line["task"], line["state"], line["request_id"]) == (
        "notifications.dispatch_pending_emails",
        "SUCCESS",
        REQUEST_ID,
    )
    assert logs.request_id.get() is None


def test_a_periodic_job_run_in_process_gets_an_id_of_its_own(lines):
    dispatch_pending_emails.apply()
    dispatch_pending_emails.apply()

    ids = [line["request_id"] for line in lines.of("familiestotte.task")]
    assert len(ids) == 2 and all(logs.is_valid_request_id(i) for i in ids)
    assert ids[0] != ids[1]
