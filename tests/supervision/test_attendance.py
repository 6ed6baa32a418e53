"""The supervisor takes attendance at their group's meetings: the same form and service as
the coordinator's attendance page, under the group's URL, for the group's supervisor and
coordinators only (404 for anyone else, and for a session that is not one of the group's
meetings)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.services import progress_of
from participants.models import Registration, RegistrationEvent
from resourcegroups.models import SupervisionGroup
from supervision.models import MeetingNote
from tests import factories

TOO_EARLY = "Oppmøte kan registreres når samlingen har startet."


def attendance_url(group, session):
    return reverse("supervision:attendance", kwargs={"pk": group.pk, "session": session.pk})


def start(session, hours_ago=1):
    session.starts_at = timezone.now() - dt.timedelta(hours=hours_ago)
    session.ends_at = session.starts_at + dt.timedelta(hours=3)
    session.registration_deadline = session.starts_at - dt.timedelta(days=1)
    session.save()
    return session


@pytest.fixture
def meeting(supervision_group):
    """The group's meeting, started an hour ago."""
    return start(supervision_group.meetings.get())


@pytest.fixture
def registrations(meeting, service_worker):
    """Two confirmed members of the group at the meeting."""
    other_member = factories.ParticipantFactory(full_name="Mia Medlem")
    meeting.supervision_groups.get().members.add(other_member)
    return [
        factories.RegistrationFactory(session=meeting, participant=service_worker),
        factories.RegistrationFactory(session=meeting, participant=other_member),
    ]


@pytest.fixture
def other_group(programme):
    """Another group of the programme, with its own supervisor and a started meeting."""
    group = SupervisionGroup.objects.create(
        programme=programme,
        name="Veiledningsgruppe Hamar",
        region="Innlandet",
        supervisor=factories.SupervisorFactory(full_name="Siv Annenveileder"),
    )
    group.meetings.add(start(factories.SupervisionMeetingFactory(programme=programme, number=2)))
    return group


# Saving


def test_it_saves_attendance_for_two_people_in_one_post(
    login, supervisor, supervision_group, meeting, registrations
):
    came, stayed_away = registrations
    response = login(supervisor).post(
        attendance_url(supervision_group, meeting),
        {f"attendance_{came.pk}": "attended", f"attendance_{stayed_away.pk}": "absent"},
        follow=True,
    )
    assert response.redirect_chain == [(supervision_group.get_absolute_url(), 302)]
    assert "Oppmøte er lagret for 2 personer." in response.text
    came.refresh_from_db()
    stayed_away.refresh_from_db()
    assert (came.attended, stayed_away.attended) == (True, False)
    events = RegistrationEvent.objects.filter(action=RegistrationEvent.Action.ATTENDANCE)
    assert {(e.registration_id, e.actor_id) for e in events} == {
        (came.pk, supervisor.user.pk),
        (stayed_away.pk, supervisor.user.pk),
    }


def test_it_does_not_count_a_supervision_meeting_toward_the_certificate(
    login, supervisor, supervision_group, meeting, registrations, service_worker, programme
):
    training_day = start(factories.SessionFactory(programme=programme), hours_ago=48)
    factories.RegistrationFactory(session=training_day, participant=service_worker, attended=True)
    assert progress_of(participant=service_worker, programme=programme).attended == 1
    login(supervisor).post(
        attendance_url(supervision_group, meeting),
        {f"attendance_{registrations[0].pk}": "attended"},
    )
    registrations[0].refresh_from_db()
    assert registrations[0].attended is True
    assert progress_of(participant=service_worker, programme=programme).attended == 1


def test_it_says_when_nothing_was_changed(
    login, supervisor, supervision_group, meeting, registrations
):
    response = login(supervisor).post(attendance_url(supervision_group, meeting), {}, follow=True)
    assert "Ingenting ble endret." in response.text
    assert not RegistrationEvent.objects.filter(action=RegistrationEvent.Action.ATTENDANCE).exists()


def test_it_refuses_attendance_before_the_meeting_starts_and_saves_nothing(
    login, supervisor, supervision_group, service_worker
):
    session = supervision_group.meetings.get()  # a month ahead
    registration = factories.RegistrationFactory(session=session, participant=service_worker)
    client = login(supervisor)
    page = client.get(attendance_url(supervision_group, session))
    assert TOO_EARLY in page.text
    assert 'name="attendance_' not in page.text
    response = client.post(
        attendance_url(supervision_group, session), {f"attendance_{registration.pk}": "attended"}
    )
    assert response.status_code == 200
    assert TOO_EARLY in response.text
    registration.refresh_from_db()
    assert registration.attended is None
    assert not registration.events.exists()


def test_it_leaves_a_waitlisted_person_off_the_form(
    login, supervisor, supervision_group, meeting, registrations
):
    waiting = factories.RegistrationFactory(
        session=meeting,
        participant__full_name="Vera Venter",
        status=Registration.Status.WAITLISTED,
        confirmed_at=None,
    )
    response = login(supervisor).get(attendance_url(supervision_group, meeting))
    fields = response.context["form"].fields
    assert set(fields) == {f"attendance_{r.pk}" for r in registrations}
    assert f"attendance_{waiting.pk}" not in response.text
    assert "Vera Venter" not in response.text


def test_it_refuses_a_forged_registration_of_another_session_and_saves_nothing(
    login, supervisor, supervision_group, meeting, registrations, other_group
):
    elsewhere = factories.RegistrationFactory(session=other_group.meetings.get())
    response = login(supervisor).post(
        attendance_url(supervision_group, meeting),
        {f"attendance_{elsewhere.pk}": "attended"},
        follow=True,
    )
    assert "Ingenting ble endret." in response.text
    elsewhere.refresh_from_db()
    assert elsewhere.attended is None
    assert not RegistrationEvent.objects.filter(action=RegistrationEvent.Action.ATTENDANCE).exists()


def test_it_shows_the_supervisor_only_names_and_organisations(
    login, supervisor, supervision_group, meeting, registrations, service_worker
):
    service_worker.phone = "91234567"
    service_worker.dietary_needs = "Glutenfri"
    service_worker.save()
    page = login(supervisor).get(attendance_url(supervision_group, meeting)).text
    assert "Tor Tjenesteutøver" in page
    assert service_worker.organisation.name in page
    for private in (service_worker.user.email, "91234567", "Glutenfri"):
        assert private not in page


# Who may take it


@pytest.mark.parametrize(
    "persona", ["service_worker", "other_service_worker", "leader", "other_supervisor"]
)
def test_it_answers_404_to_anyone_but_the_supervisor_and_coordinators(
    request, login, supervision_group, meeting, registrations, other_group, persona
):
    person = (
        other_group.supervisor
        if persona == "other_supervisor"
        else request.getfixturevalue(persona)
    )
    client = login(person)
    url = attendance_url(supervision_group, meeting)
    assert client.get(url).status_code == 404
    assert client.post(url, {f"attendance_{registrations[0].pk}": "attended"}).status_code == 404
    registrations[0].refresh_from_db()
    assert registrations[0].attended is None


def test_it_lets_a_coordinator_take_it(
    login, coordinator, supervision_group, meeting, registrations
):
    response = login(coordinator).post(
        attendance_url(supervision_group, meeting), {f"attendance_{registrations[0].pk}": "absent"}
    )
    assert response.status_code == 302
    registrations[0].refresh_from_db()
    assert registrations[0].attended is False


def test_it_sends_anonymous_visitors_to_log_in(client, supervision_group, meeting):
    response = client.get(attendance_url(supervision_group, meeting))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_answers_404_to_its_supervisor_for_another_groups_meeting(
    login, supervisor, supervision_group, other_group
):
    assert (
        login(supervisor)
        .get(attendance_url(supervision_group, other_group.meetings.get()))
        .status_code
        == 404
    )


def test_it_answers_404_for_its_own_meeting_under_another_groups_url(
    login, supervisor, meeting, other_group
):
    assert login(supervisor).get(attendance_url(other_group, meeting)).status_code == 404


def test_it_answers_404_for_a_training_day_even_if_set_as_a_meeting(
    login, supervisor, coordinator, supervision_group, programme
):
    training_day = start(factories.SessionFactory(programme=programme))
    supervision_group.meetings.add(training_day)
    url = attendance_url(supervision_group, training_day)
    assert login(supervisor).get(url).status_code == 404
    assert login(coordinator).get(url).status_code == 404


def test_it_answers_404_to_the_supervisor_of_a_group_of_an_unpublished_programme(
    login, supervisor, supervision_group, meeting
):
    supervision_group.programme.is_published = False
    supervision_group.programme.save()
    assert login(supervisor).get(attendance_url(supervision_group, meeting)).status_code == 404


# The group's page


def test_it_shows_the_supervisor_the_count_and_the_link_once_a_meeting_has_started(
    login, supervisor, supervision_group, meeting, registrations, programme
):
    coming = factories.SupervisionMeetingFactory(programme=programme, number=2)
    supervision_group.meetings.add(coming)
    page = login(supervisor).get(supervision_group.get_absolute_url()).text
    assert f'href="{attendance_url(supervision_group, meeting)}">Registrer oppmøte</a>' in page
    assert attendance_url(supervision_group, coming) not in page
    assert "Oppmøte kan registreres når samlingen har startet. Den starter" in page
    assert "<td>2</td>" in page  # the two confirmed at the started meeting


def test_it_shows_a_member_neither_counts_nor_attendance(
    login, service_worker, supervision_group, meeting, registrations
):
    page = login(service_worker).get(supervision_group.get_absolute_url()).text
    assert "Registrer oppmøte" not in page
    assert attendance_url(supervision_group, meeting) not in page


# Queries


def test_it_pins_the_attendance_pages_queries_at_one_and_ten_times_the_people(
    login, supervisor, supervision_group, meeting, assert_queries
):
    client = login(supervisor)
    url = attendance_url(supervision_group, meeting)

    def add_people(count):
        for _ in range(count):
            member = factories.ParticipantFactory()
            supervision_group.members.add(member)
            factories.RegistrationFactory(session=meeting, participant=member)

    # 1 django_session, 2 user with participant, 3 the group (its supervisor's),
    # 4 the meeting within the group's meetings with programme and venue,
    # 5 the meeting's registrations with participant, user and organisation,
    # 6 the group's members.
    add_people(2)
    with assert_queries(6):
        assert client.get(url).status_code == 200
    add_people(18)
    with assert_queries(6):
        page = client.get(url)
    assert len(page.context["form"].fields) == 20


def test_it_saves_in_the_same_queries_for_one_or_ten_times_the_people(
    login, supervisor, supervision_group, meeting, assert_queries
):
    client = login(supervisor)
    url = attendance_url(supervision_group, meeting)

    def everyone_attended(count):
        for registration in factories.RegistrationFactory.create_batch(count, session=meeting):
            supervision_group.members.add(registration.participant)
        # Those saved before stay as they were, so only the new ones change.
        return {f"attendance_{r.pk}": "attended" for r in meeting.registrations.all()}

    # 1 django_session, 2 user with participant, 3 the group, 4 the meeting,
    # 5 the registrations, 6 the group's members; record_attendances: 7 SAVEPOINT,
    # 8 the registrations locked, 9 one UPDATE, 10 one INSERT of the events,
    # 11 RELEASE SAVEPOINT.
    data = everyone_attended(2)
    with assert_queries(11):
        assert client.post(url, data).status_code == 302
    data = everyone_attended(20)
    with assert_queries(11):
        assert client.post(url, data).status_code == 302
    assert Registration.objects.filter(session=meeting, attended=True).count() == 22


def test_it_pins_the_group_pages_queries_for_the_supervisor_at_one_and_ten_times(
    login, supervisor, supervision_group, meeting, programme, assert_queries
):
    client = login(supervisor)
    factories.RegistrationFactory(session=meeting)
    # 1 django_session, 2 user with participant, 3 the group with supervisor and
    # programme, 4 members with their organisation, 5 meetings with venue and seat counts,
    # 6 the meeting notes with their meeting (the supervisor's and coordinators' only).
    with assert_queries(6):
        assert client.get(supervision_group.get_absolute_url()).status_code == 200
    for number in range(2, 11):
        session = start(factories.SupervisionMeetingFactory(programme=programme, number=number))
        supervision_group.meetings.add(session)
        supervision_group.members.add(factories.ParticipantFactory())
        factories.RegistrationFactory.create_batch(2, session=session)
        MeetingNote.objects.create(group=supervision_group, session=session, text=f"Notat {number}")
    with assert_queries(6):
        page = client.get(supervision_group.get_absolute_url()).text
    assert page.count(">Registrer oppmøte</a>") == 10


def test_it_lists_only_this_groups_members_at_a_meeting_shared_with_another_group(
    login, supervisor, supervision_group, meeting, registrations, other_group
):
    other_group.meetings.add(meeting)
    outsider = factories.ParticipantFactory(full_name="Ola Annengruppe")
    other_group.members.add(outsider)
    theirs = factories.RegistrationFactory(session=meeting, participant=outsider)
    client = login(supervisor)

    page = client.get(attendance_url(supervision_group, meeting))
    client.post(attendance_url(supervision_group, meeting), {f"attendance_{theirs.pk}": "attended"})

    assert "Ola Annengruppe" not in page.content.decode()
    assert len(page.context["form"].fields) == 2
    theirs.refresh_from_db()
    assert theirs.attended is None
