"""Every email (allauth's and the portal's) and every account page reads as Norwegian:
none of the known misspellings, no English left, and no generated username."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string
from django.utils import translation

from notifications.models import Email
from notifications.rendering import (
    SESSION_KINDS,
    common_context,
    render_session_email,
    render_templates,
    session_context,
)
from tests import factories

from .wording import problems, visible_text

PASSWORD = factories.PASSWORD
NEW_PASSWORD = "ny-lang-og-trygg-setning-2026"


def check(label: str, text: str, *, html: bool = False, names: tuple[str, ...] = ()) -> list:
    shown = visible_text(text) if html else text
    return [f"{label}: {problem}" for problem in problems(shown, forbidden_names=names)]


# --- The portal's own emails ---------------------------------------------------------


def our_email_prefixes() -> set[str]:
    """Every email template of the apps: <app>/templates/<app>/email/<name>.txt."""
    base = Path(settings.BASE_DIR)
    return {
        str(path.relative_to(path.parents[2]).with_suffix(""))
        for path in base.glob("*/templates/*/email/*.txt")
        if not path.name.startswith(("_", "base")) and not path.stem.endswith("_subject")
    }


@pytest.fixture
def world(db):
    organisation = factories.OrganisationFactory(name="Gjøvik kommune", municipality_number="3407")
    leader = factories.LeaderFactory(organisation=organisation, full_name="Lise Leder")
    person = factories.ParticipantFactory(organisation=organisation, full_name="Nina Nyansatt")
    person.user.username = "nina.nyansatt"  # as allauth makes one up from the address
    person.user.save(update_fields=["username"])
    session = factories.SessionFactory(title="Pårørendes rettigheter")
    registration = factories.RegistrationFactory(participant=person, session=session)
    return {"leader": leader, "person": person, "session": session, "registration": registration}


def realistic_context(world) -> dict:
    """What the emails recorded with a template (queue_email) get from their callers."""
    session = world["session"]
    context = common_context(recipient_name="Nina Nyansatt")
    context.update(session_context(session))
    context.update(
        {
            "reason": "Du får denne e-posten fordi du er leder i Familiestøtte.",
            "subject": "Du er bekreftet som leder",
            "paragraphs": ["En koordinator har bekreftet at du er leder for Gjøvik kommune."],
            "url": "http://127.0.0.1:8000/min-enhet/",
            "leader": world["leader"],
            "weeks": 2,
            "items": [{"registration": world["registration"], "place": None}],
            "sections": [{"title": "Framdriftsrapport", "text": "Fristen er 1. mars.", "url": ""}],
            "leader_name": "Lise Leder",
            "organisation": "Gjøvik kommune",
            "gathering_title": "Ledersamling 2",
            "gathering_when": "12. mars 2026 kl. 09.00",
            "programme": "Oppland 2018",
            "due_when": "5. mars 2026",
            "has_draft": True,
            "report_url": "http://127.0.0.1:8000/rapport/1/",
            "session_title": "Pårørendes rettigheter",
            "session_when": "3. februar 2026",
            "evaluation_url": "http://127.0.0.1:8000/evaluering/1/",
            "closes_on": "17. februar 2026",
            "sender_name": "Nina Nyansatt",
            "sender_email": "nina@gjovik.kommune.no",
            "page": "Mine påmeldinger",
            "description": "Knappen mangler fokusramme.",
        }
    )
    return context


SESSION_DATA = {
    Email.Kind.WAITLISTED: {"place": 2},
    Email.Kind.CANCELLED: {"late": True},
    Email.Kind.REMINDER: {"days": 1},
    Email.Kind.SESSION_CHANGED: {
        "changes": [{"field": "venue", "old": "Gjøvik gård", "new": "Hamar rådhus"}],
        "status": "confirmed",
    },
    Email.Kind.SESSION_CANCELLED: {"changes": [], "status": "confirmed"},
}


def test_every_email_of_the_portal_reads_as_norwegian(world):
    found, rendered = [], set()
    registration = world["registration"]
    for kind in sorted(SESSION_KINDS):  # through the outbox's own renderer
        row = Email.objects.create(
            key=f"{kind}:{registration.pk}",
            kind=kind,
            to_email=registration.participant.user.email,
            registration=registration,
            session=registration.session,
            data=SESSION_DATA.get(kind, {}),
        )
        email = render_session_email(row)
        found += check(f"{kind} subject", email.subject)
        found += check(f"{kind}.txt", email.text)
        found += check(f"{kind}.html", email.html, html=True)
        rendered.add(f"notifications/email/{kind}")
    for prefix in sorted(our_email_prefixes() - rendered):
        subject, text, html = render_templates(prefix, realistic_context(world))
        found += check(f"{prefix} subject", subject)
        found += check(f"{prefix}.txt", text)
        found += check(f"{prefix}.html", html, html=True)
        rendered.add(prefix)
    assert rendered >= our_email_prefixes()
    assert len(rendered) >= 13
    assert not found, "\n".join(found)


def test_the_supervision_group_is_named_once_on_my_page(login, service_worker, supervision_group):
    page = login(service_worker).get("/min-side/").content.decode()
    assert "Du er med i Veiledningsgruppe Gjøvik (Innlandet)." in visible_text(page)
    assert not check("min side", page, html=True)


# --- allauth's emails, through its own code paths -------------------------------------


def sent_problems(names=()) -> list:
    found = []
    for message in mail.outbox:
        found += check(f"«{message.subject}» subject", message.subject, names=names)
        found += check(f"«{message.subject}»", message.body, names=names)
        for body, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                found += check(f"«{message.subject}» html", body, html=True, names=names)
    return found


def test_the_sign_up_confirmation_names_no_username(client, db):
    client.post(
        "/konto/signup/",
        {"email": "nina.nyansatt@gjovik.kommune.no", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "fordi nina.nyansatt@gjovik.kommune.no har oppgitt e-postadressen din" in body
    # The username allauth made up, but not the address it was made from.
    assert sent_problems(names=("nina.nyansatt ",)) == []


def test_a_second_address_names_the_person_not_the_username(login, world):
    client = login(world["person"])
    client.post("/konto/email/", {"action_add": "", "email": "nina@annen.no"})
    assert [m.to for m in mail.outbox] == [["nina@annen.no"]]
    assert "fordi Nina Nyansatt har oppgitt e-postadressen din" in mail.outbox[0].body
    assert sent_problems(names=(world["person"].user.username,)) == []


def test_the_password_reset_emails_read_as_norwegian(client, world):
    client.post("/konto/password/reset/", {"email": world["person"].user.email})
    client.post("/konto/password/reset/", {"email": "ingen@example.no"})  # unknown account
    assert len(mail.outbox) == 2
    assert "bedt om å tilbakestille passordet" in mail.outbox[0].body
    assert sent_problems() == []


ALLAUTH_EMAILS = [
    "email_changed", "email_deleted", "password_changed", "password_set", "login_code",
    "password_reset_code", "account_already_exists", "email_confirm", "unknown_account",
    "email_confirmation", "email_confirmation_signup", "password_reset_key", "password_reset",
]  # fmt: skip


def test_every_allauth_email_template_reads_as_norwegian(rf, world):
    user = world["person"].user
    request = rf.get("/")
    context = {
        "user": user, "user_display": "Nina Nyansatt", "email": user.email,
        "from_email": "nina@gammel.no", "to_email": "nina@ny.no", "deleted_email": "x@y.no",
        "activate_url": "http://testserver/konto/confirm-email/abc/", "key": "abc",
        "password_reset_url": "http://testserver/konto/password/reset/key/1-abc/",
        "code": "ABC123", "signup_url": "http://testserver/konto/signup/",
        "current_site": {"name": "Familiestøtte", "domain": "testserver"},
        "request": request, "timestamp": "3. desember 2026", "ip": "-", "user_agent": "-",
    }  # fmt: skip
    found = []
    with translation.override("nb"):
        for name in ALLAUTH_EMAILS:
            for part in ("subject", "message"):
                text = render_to_string(f"account/email/{name}_{part}.txt", context, request)
                found += check(f"{name}_{part}", text, names=(user.username,))
    assert not found, "\n".join(found)


# --- allauth's pages -----------------------------------------------------------------


def link_in(body: str) -> str:
    return re.search(r"http://testserver(/konto/\S+)", body).group(1)


def test_every_account_page_reads_as_norwegian(client, world):
    user = world["person"].user
    found = []

    def read(label, response):
        assert response.status_code == 200, (label, response.status_code)
        found.extend(check(label, response.content.decode(), html=True))

    read("log-in", client.get("/konto/login/"))
    read(
        "log-in, wrong password",
        client.post("/konto/login/", {"login": user.email, "password": "x"}),
    )
    read("sign-up", client.get("/konto/signup/"))
    read("sign-up, errors", client.post("/konto/signup/", {"email": "x", "password1": "1"}))
    read("reset", client.get("/konto/password/reset/"))
    client.post("/konto/password/reset/", {"email": user.email})
    read("reset done", client.get("/konto/password/reset/done/"))
    key_url = link_in(mail.outbox[-1].body)
    response = client.get(key_url, follow=True)
    read("reset from key", response)
    read(
        "reset from key, errors",
        client.post(response.redirect_chain[-1][0], {"password1": "a", "password2": "b"}),
    )
    client.post(
        "/konto/signup/", {"email": "ny@example.no", "password1": PASSWORD, "password2": PASSWORD}
    )
    read("verification sent", client.get("/konto/confirm-email/"))
    read("confirm email", client.get(link_in(mail.outbox[-1].body)))

    client.force_login(user)
    read("change password", client.get("/konto/password/change/"))
    read(
        "change password, errors",
        client.post(
            "/konto/password/change/", {"oldpassword": "x", "password1": "a", "password2": "b"}
        ),
    )
    read("email management", client.get("/konto/email/"))
    read("log-out", client.get("/konto/logout/"))
    assert not found, "\n".join(found)
