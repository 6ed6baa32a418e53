"""A reminder names the session's materials and links a file to the session's page, where
the portal checks who asks: never to the file itself, since an email is forwarded and kept."""

import datetime as dt

from django.conf import settings
from django.urls import reverse

from participants.models import Registration
from programme.models import Material
from reminders.session_reminders import sweep_reminders
from tests import factories
from tests.fixtures.materials import file_material
from tests.fixtures.sessions import oslo


def test_the_reminder_links_a_file_to_the_session_page_and_not_the_file(
    db, private_storage, django_capture_on_commit_callbacks, mailoutbox
):
    starts_at = oslo(2026, 3, 30, 9)
    session = factories.SessionFactory(
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=6),
        registration_deadline=starts_at - dt.timedelta(days=1),
    )
    material = file_material(session, title="Lysark dag 3", name="lysark.pdf")
    Material.objects.create(session=session, title="Veileder", url="https://example.no/v")
    registration = factories.RegistrationFactory(session=session, confirmed_at=oslo(2026, 3, 1))
    Registration.objects.filter(pk=registration.pk).update(created_at=oslo(2026, 3, 1))

    with django_capture_on_commit_callbacks(execute=True):
        sweep_reminders(now=oslo(2026, 3, 29, 9))

    [message] = mailoutbox
    page = settings.SITE_URL + session.get_absolute_url() + "#materialer"
    html = message.alternatives[0][0]
    assert f"- Lysark dag 3: {page}" in message.body
    assert f'href="{page}"' in html
    assert "- Veileder: https://example.no/v" in message.body
    file_url = reverse("materials:file", args=[session.pk, material.pk])
    for text in (message.body, html):
        assert file_url not in text
        assert material.file.name not in text
        assert "/media/" not in text
