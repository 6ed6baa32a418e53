"""A batch renders each (kind, session, details) once and fills in each recipient's name."""

import pytest
from django.test.signals import template_rendered

from notifications.models import Email
from notifications.rendering import SESSION_KINDS, Renderer, render_session_email
from notifications.sending import load
from tests import factories

NAMES = ['Åse <b>Øvre</b> & "Nils" O\'Hara', "Kari Nordmann", ""]
DATA = {
    Email.Kind.WAITLISTED: {"place": 4},
    Email.Kind.CANCELLED: {"late": True},
    Email.Kind.REMINDER: {"days": 7},
    Email.Kind.SESSION_CHANGED: {
        "changes": [{"field": "venue", "old": "Gjøvik gård", "new": "Hamar <rådhus>"}],
        "status": "confirmed",
    },
    Email.Kind.SESSION_CANCELLED: {"changes": [], "status": "waitlisted"},
}


def _rows(session, kind, names, data=None):
    rows = []
    for name in names:
        registration = factories.RegistrationFactory(
            session=session, participant=factories.ParticipantFactory(full_name=name)
        )
        rows.append(
            Email.objects.create(
                key=f"{kind}:{registration.pk}",
                kind=kind,
                to_email=registration.participant.user.email,
                registration=registration,
                session=session,
                data=DATA.get(kind, {}) if data is None else data,
            )
        )
    return load([row.pk for row in rows])


@pytest.mark.parametrize("kind", sorted(SESSION_KINDS))
def test_it_renders_each_kind_in_a_batch_exactly_as_on_its_own(session, kind):
    renderer = Renderer()

    for row in _rows(session, kind, NAMES):
        batch, alone = renderer.render(row), render_session_email(row)
        assert (batch.subject, batch.text, batch.html) == (alone.subject, alone.text, alone.html)
        assert [a[::2] for a in batch.attachments] == [a[::2] for a in alone.attachments]


def test_it_escapes_the_name_in_html_and_not_in_plain_text(session):
    [row] = _rows(session, Email.Kind.REMINDER, [NAMES[0]])

    rendered = Renderer().render(row)

    assert 'Hei Åse <b>Øvre</b> & "Nils" O\'Hara,' in rendered.text
    assert "Åse &lt;b&gt;Øvre&lt;/b&gt; &amp; &quot;Nils&quot; O&#x27;Hara" in rendered.html
    assert "\ue000" not in rendered.subject + rendered.text + rendered.html


def test_it_keeps_each_rows_details_apart(session):
    renderer = Renderer()
    [seven] = _rows(session, Email.Kind.REMINDER, ["Kari"], data={"days": 7})
    [one] = _rows(session, Email.Kind.REMINDER, ["Ola"], data={"days": 1})

    assert "om 7 dager" in renderer.render(seven).text
    assert "i morgen" in renderer.render(one).text


def test_it_renders_the_templates_once_for_a_whole_batch(session):
    rows = _rows(session, Email.Kind.REMINDER, [f"Person {n}" for n in range(20)])
    rendered = []
    template_rendered.connect(receiver := lambda **kwargs: rendered.append(1))
    try:
        Renderer().render(rows[0])
        once = len(rendered)
        renderer = Renderer()
        texts = [renderer.render(row).text for row in rows]
    finally:
        template_rendered.disconnect(receiver)

    assert once > 0
    assert len(rendered) == 2 * once
    assert all(f"Hei Person {n}," in text for n, text in enumerate(texts))
