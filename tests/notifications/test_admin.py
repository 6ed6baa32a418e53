"""The outbox in the admin: a coordinator sees every email's status and re-queues failures."""

from django.urls import reverse

from notifications.models import Email
from registrations.emails import queue_registration_email
from tests import factories


def _failed(session):
    queue_registration_email(
        registration=factories.RegistrationFactory(session=session), kind="confirmed"
    )
    Email.objects.update(status=Email.Status.FAILED, attempts=5, last_error="SMTPDataError 451")
    return Email.objects.get()


def test_it_lists_failed_emails_for_a_coordinator(session, coordinator, login):
    row = _failed(session)

    response = login(coordinator).get(
        reverse("admin:notifications_email_changelist"), {"status__exact": "failed"}
    )

    assert response.status_code == 200
    assert row.to_email in response.content.decode()


def test_it_shows_an_email_read_only(session, coordinator, login):
    row = _failed(session)

    response = login(coordinator).get(reverse("admin:notifications_email_change", args=[row.pk]))

    assert response.status_code == 200
    assert "SMTPDataError 451" in response.content.decode()
    assert 'name="_save"' not in response.content.decode()


def test_it_requeues_failed_emails_from_the_admin(
    session, coordinator, login, django_capture_on_commit_callbacks, mailoutbox
):
    row = _failed(session)

    with django_capture_on_commit_callbacks(execute=True):
        response = login(coordinator).post(
            reverse("admin:notifications_email_changelist"),
            {"action": "requeue_failed", "_selected_action": [row.pk]},
        )

    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Email.Status.SENT, 1)
    assert len(mailoutbox) == 1


def test_it_keeps_the_outbox_from_participants(session, service_worker, login):
    _failed(session)

    response = login(service_worker).get(reverse("admin:notifications_email_changelist"))

    assert response.status_code == 302
