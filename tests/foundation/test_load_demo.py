"""`load_demo` loads the leaflet's programme; a second run changes nothing."""

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.utils import timezone

from demo import data as demo
from participants.models import Organisation, Participant
from programme.models import Article, ContactPerson, Goal, Programme, Session, Theme
from programme.talks import Speaker
from resourcegroups.models import SupervisionGroup


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.mark.django_db
def test_it_changes_no_row_count_when_run_twice():
    call_command("load_demo", verbosity=0)
    first = row_counts()
    call_command("load_demo", verbosity=0)
    assert row_counts() == first
    assert first["programme.Session"] == 15  # with the conference
    assert first["auth.User"] == len(demo.DEMO_USERS)


@pytest.mark.django_db
def test_it_loads_the_programme_as_the_leaflet_describes_it():
    call_command("load_demo", verbosity=0)
    programme = Programme.objects.get()
    assert Goal.objects.filter(programme=programme).count() == 4
    assert Session.objects.filter(kind=Session.Kind.TRAINING_DAY).count() == 8
    assert Session.objects.filter(kind=Session.Kind.LEADER_GATHERING).count() == 3
    assert ContactPerson.objects.filter(programme=programme).count() == 2
    assert Theme.objects.filter(parent__isnull=True).count() == 6
    months = sorted(
        s.starts_at.month for s in Session.objects.exclude(kind=Session.Kind.NETWORK_MEETING)
    )
    assert months[0] == 3 and months[-1] == 11


@pytest.mark.django_db
def test_it_loads_the_two_day_conference_the_news_article_announces():
    call_command("load_demo", verbosity=0)
    conference = Session.objects.get(kind=Session.Kind.EVENT)
    assert conference.title.startswith("Pårørendekonferansen")
    assert conference.audience == Session.Audience.OPEN
    assert (conference.ends_at.date() - conference.starts_at.date()).days == 1
    assert Article.objects.get().event == conference


@pytest.mark.django_db
def test_it_links_an_article_loaded_before_the_conference_to_it():
    call_command("load_demo", verbosity=0)
    Article.objects.update(event=None)
    call_command("load_demo", verbosity=0)
    assert Article.objects.get().event == Session.objects.get(kind=Session.Kind.EVENT)


@pytest.mark.django_db
def test_it_places_every_session_with_registration_still_open():
    call_command("load_demo", verbosity=0)
    assert all(session.registration_open for session in Session.objects.all())


@pytest.mark.django_db
def test_it_loads_valid_organisations_of_both_kinds():
    call_command("load_demo", verbosity=0)
    for organisation in Organisation.objects.all():
        organisation.full_clean()
    assert Organisation.objects.filter(kind="municipality").count() == len(demo.MUNICIPALITIES)
    assert Organisation.objects.filter(kind="specialist_unit").count() == len(demo.SPECIALIST_UNITS)


@pytest.mark.django_db
def test_it_creates_one_demo_user_per_role_who_can_log_in():
    call_command("load_demo", verbosity=0)
    roles = set(Participant.objects.values_list("role", flat=True))
    assert roles == {role.value for role in Participant.Role}
    for email, *_ in demo.DEMO_USERS:
        assert authenticate(username=email, password=demo.DEMO_PASSWORD) is not None


@pytest.mark.django_db
def test_it_creates_no_demo_users_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    call_command("load_demo", verbosity=0)
    assert not Participant.objects.exists()
    assert Session.objects.count() == 15


@pytest.mark.django_db
def test_it_puts_the_demo_worker_in_a_supervision_group_led_by_the_demo_supervisor():
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)  # still one group
    group = SupervisionGroup.objects.get()
    assert group.supervisor.user.email == "veileder@example.no"
    assert [m.user.email for m in group.members.all()] == ["tjenesteutover@example.no"]
    assert group.meetings.count() == 2
    assert {s.kind for s in group.meetings.all()} == {Session.Kind.SUPERVISION}


@pytest.mark.django_db
def test_it_gives_the_conference_the_interviews_speaker_and_two_days_of_talks():
    call_command("load_demo", verbosity=0)
    conference = Session.objects.get(kind=Session.Kind.EVENT)
    talks = list(conference.talks.all())
    days = {timezone.localdate(talk.starts_at) for talk in talks}
    assert days == {
        timezone.localdate(conference.starts_at),
        timezone.localdate(conference.ends_at),
    }
    assert all(conference.starts_at <= t.starts_at < t.ends_at <= conference.ends_at for t in talks)
    hilde = Speaker.objects.get(name="Hilde Hem")
    assert hilde.organisation == "Nasjonalt senter for erfaringskompetanse innen psykisk helse"
    assert hilde.talks.filter(session=conference).exists()
    for talk in talks:
        talk.full_clean()


@pytest.mark.django_db
def test_it_opens_a_conference_loaded_before_it_was_open_to_everyone():
    call_command("load_demo", verbosity=0)
    Session.objects.filter(kind=Session.Kind.EVENT).update(audience=Session.Audience.ALL)
    call_command("load_demo", verbosity=0)
    assert Session.objects.get(kind=Session.Kind.EVENT).audience == Session.Audience.OPEN


@pytest.mark.django_db
def test_it_registers_the_demo_guest_for_the_conference_and_nothing_else():
    call_command("load_demo", verbosity=0)
    guest = Participant.objects.get(user__email="gjest@example.no")
    assert guest.role == Participant.Role.GUEST
    assert guest.organisation is None and guest.employer_name
    assert guest.profile_is_complete()
    assert [r.session.kind for r in guest.registrations.all()] == [Session.Kind.EVENT]
