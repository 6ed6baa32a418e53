"""Registration pages: the session page, «Mine påmeldinger», cancelling, leaders' staff."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from participants.models import Registration
from registrations import services
from tests import factories


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def session(programme):
    return factories.SessionFactory(programme=programme, capacity=1, title="Pårørendes rettigheter")


def register_url(session):
    return reverse("registrations:register", kwargs={"pk": session.pk})


def test_it_registers_from_the_session_page(login, service_worker, session):
    client = login(service_worker)
    response = client.post(register_url(session), follow=True)
    assert "Du er påmeldt til «Pårørendes rettigheter»" in messages_of(response)[0]
    assert Registration.objects.get(participant=service_worker).status == "confirmed"
    assert "Du er påmeldt til denne samlingen." in response.content.decode()


def test_it_offers_the_waiting_list_when_the_session_is_full(login, service_worker, session):
    factories.RegistrationFactory(session=session)
    response = login(service_worker).get(session.get_absolute_url())
    page = response.content.decode()
    assert "Denne samlingen er full." in page
    assert "Sett meg på ventelisten" in page


def test_it_shows_the_place_on_the_waiting_list(login, service_worker, session):
    factories.RegistrationFactory(session=session)
    services.register(participant=factories.ParticipantFactory(), session=session)
    response = login(service_worker).post(register_url(session), follow=True)
    assert "Du står på venteliste som nr. 2" in messages_of(response)[0]
    assert "Du står på venteliste som nr. 2." in response.content.decode()


def test_it_explains_a_refusal(login, service_worker):
    session = factories.SessionFactory(registration_deadline=timezone.now() - dt.timedelta(hours=2))
    response = login(service_worker).post(register_url(session), follow=True)
    assert "stengte ved fristen" in messages_of(response)[0]
    assert not Registration.objects.exists()


def test_it_explains_the_audience_to_service_workers_at_leader_gatherings(login, service_worker):
    gathering = factories.LeaderGatheringFactory()
    response = login(service_worker).get(gathering.get_absolute_url())
    assert "Denne samlingen er bare åpen for ledere." in response.content.decode()


def test_it_registers_only_by_post(login, service_worker, session):
    response = login(service_worker).get(register_url(session))
    assert response.status_code == 405
    assert not Registration.objects.exists()


def test_it_asks_anonymous_visitors_to_log_in(client, session):
    response = client.get(session.get_absolute_url())
    assert "Logg inn for å melde deg på" in response.content.decode()
    assert client.post(register_url(session)).status_code == 302
    assert not Registration.objects.exists()


def test_it_registers_for_all_training_days(login, service_worker, programme):
    factories.SessionFactory.create_batch(3, programme=programme)
    full = factories.SessionFactory(programme=programme, capacity=1)
    factories.RegistrationFactory(session=full)
    url = reverse("registrations:register_training_days", kwargs={"slug": programme.slug})
    response = login(service_worker).post(url, follow=True)
    assert messages_of(response)[:2] == [
        "Du er påmeldt til 3 opplæringsdager.",
        "1 opplæringsdag er full: du står på ventelisten.",
    ]
    assert Registration.objects.filter(participant=service_worker).count() == 4


def test_it_shows_the_all_training_days_button_on_the_programme_page(
    login, service_worker, programme
):
    factories.SessionFactory(programme=programme)
    response = login(service_worker).get(programme.get_absolute_url())
    assert "Meld meg på alle opplæringsdagene" in response.content.decode()


def test_it_lists_upcoming_and_past_with_status(login, service_worker, programme):
    upcoming = factories.SessionFactory(programme=programme, capacity=1)
    past_start = timezone.now() - dt.timedelta(days=10)
    past = factories.SessionFactory(
        programme=programme,
        starts_at=past_start,
        ends_at=past_start + dt.timedelta(hours=6),
        registration_deadline=past_start - dt.timedelta(days=1),
    )
    factories.RegistrationFactory(session=upcoming)
    services.register(participant=service_worker, session=upcoming)
    factories.RegistrationFactory(participant=service_worker, session=past, attended=True)
    response = login(service_worker).get(reverse("registrations:mine"))
    context = response.context
    assert [r.session_id for r in context["upcoming"]] == [upcoming.pk]
    assert [r.session_id for r in context["past"]] == [past.pk]
    page = response.content.decode()
    assert "På venteliste nr. 1" in page
    assert "Møtt" in page


def test_it_pins_the_queries_of_my_registrations(login, service_worker, programme, assert_queries):
    def add(count):
        for session in factories.SessionFactory.create_batch(count, programme=programme):
            factories.RegistrationFactory(participant=service_worker, session=session)
        waiting = factories.SessionFactory(programme=programme, capacity=1)
        factories.RegistrationFactory(session=waiting)
        services.register(participant=service_worker, session=waiting)

    client = login(service_worker)
    url = reverse("registrations:mine")
    add(2)
    # 1 session, 2 user, 3 participant, 4 registrations with session, venue,
    # programme, waiting-list place and «n av N»
    with assert_queries(3):
        response = client.get(url)
    assert len(response.context["upcoming"]) == 3
    add(29)
    with assert_queries(3):
        response = client.get(url)
    assert len(response.context["upcoming"]) == 33


def test_it_asks_before_cancelling(login, service_worker, session):
    registration = services.register(participant=service_worker, session=session)
    url = reverse("registrations:cancel", kwargs={"pk": registration.pk})
    response = login(service_worker).get(url)
    assert "Vil du melde deg av «Pårørendes rettigheter»" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_it_pins_the_queries_of_the_cancel_page(login, service_worker, session, assert_queries):
    services.register(participant=factories.ParticipantFactory(), session=session)
    for person in factories.ParticipantFactory.create_batch(10):
        services.register(participant=person, session=session)
    registration = services.register(participant=service_worker, session=session)
    url = reverse("registrations:cancel", kwargs={"pk": registration.pk})
    client = login(service_worker)
    # 1 session, 2 user with participant, 3 the registration with its session, venue,
    # programme and waiting-list place
    with assert_queries(3):
        response = client.get(url)
    assert "Du står på venteliste som nr. 11 og mister den plassen." in response.content.decode()


def test_it_cancels_on_post_and_promotes_the_next(login, service_worker, session):
    registration = services.register(participant=service_worker, session=session)
    waiting = services.register(participant=factories.ParticipantFactory(), session=session)
    url = reverse("registrations:cancel", kwargs={"pk": registration.pk})
    response = login(service_worker).post(url, follow=True)
    assert "er avmeldt" in messages_of(response)[0]
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_it_hides_other_peoples_registrations_from_cancelling(
    login, service_worker, other_service_worker, session
):
    registration = services.register(participant=other_service_worker, session=session)
    url = reverse("registrations:cancel", kwargs={"pk": registration.pk})
    client = login(service_worker)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_it_tells_about_a_late_cancellation(login, service_worker):
    session = factories.SessionFactory(registration_deadline=timezone.now() + dt.timedelta(hours=1))
    registration = services.register(participant=service_worker, session=session)
    session.registration_deadline = timezone.now() - dt.timedelta(minutes=1)
    session.save()
    url = reverse("registrations:cancel", kwargs={"pk": registration.pk})
    client = login(service_worker)
    assert "registrert som sen avmelding" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "registrert som sen" in messages_of(response)[0]
    registration.refresh_from_db()
    assert registration.is_late_cancellation


# Leaders and their staff ------------------------------------------------------------


def staff_url(person):
    return reverse("registrations:register_staff", kwargs={"pk": person.pk})


def test_it_lets_a_leader_register_their_own_staff(login, leader, service_worker, session):
    response = login(leader).post(staff_url(service_worker), {"session": session.pk}, follow=True)
    assert "Tor Tjenesteutøver er påmeldt" in messages_of(response)[0]
    registration = Registration.objects.get(participant=service_worker)
    assert registration.registered_by == leader.user


def test_it_shows_a_leader_the_statuses_of_their_own_staff_only(
    login, leader, service_worker, other_service_worker, session
):
    services.register(participant=service_worker, session=session)
    services.register(participant=other_service_worker, session=session)
    response = login(leader).get(reverse("registrations:staff"))
    page = response.content.decode()
    assert "Tor Tjenesteutøver" in page
    assert "Påmeldt" in page
    assert "Ola Annen" not in page


def test_it_404s_a_leader_registering_someone_outside_their_organisation(
    login, leader, other_service_worker, session
):
    client = login(leader)
    assert client.get(staff_url(other_service_worker)).status_code == 404
    assert client.post(staff_url(other_service_worker), {"session": session.pk}).status_code == 404
    assert not Registration.objects.exists()


def test_it_refuses_a_session_outside_the_training_days(login, leader, service_worker, programme):
    gathering = factories.LeaderGatheringFactory(programme=programme)
    response = login(leader).post(staff_url(service_worker), {"session": gathering.pk})
    assert "Velg en av opplæringsdagene i listen." in response.content.decode()
    assert not Registration.objects.exists()


def test_it_404s_the_staff_pages_for_people_who_are_not_confirmed_leaders(
    login, service_worker, organisation
):
    unconfirmed = factories.LeaderFactory(organisation=organisation, leader_confirmed=False)
    for person in (service_worker, unconfirmed):
        client = login(person)
        assert client.get(reverse("registrations:staff")).status_code == 404
        assert client.get(staff_url(service_worker)).status_code == 404


def test_it_pins_the_queries_of_the_staff_page(
    login, leader, organisation, programme, assert_queries
):
    def add(count):
        sessions = factories.SessionFactory.create_batch(2, programme=programme)
        for person in factories.ParticipantFactory.create_batch(count, organisation=organisation):
            for session in sessions:
                factories.RegistrationFactory(participant=person, session=session)

    client = login(leader)
    url = reverse("registrations:staff")
    add(1)
    # 1 session, 2 user, 3 participant, 4 organisation, 5 the leader's own programmes
    # (none: the unit is not enrolled here), 6 the current programme, 7 staff, 8 their
    # registrations with sessions
    with assert_queries(7):
        client.get(url)
    add(10)
    with assert_queries(7):
        response = client.get(url)
    assert len(response.context["staff"]) == 12


def test_it_404s_registering_for_an_unknown_session(login, service_worker):
    url = reverse("registrations:register", kwargs={"pk": 999999})
    assert login(service_worker).post(url).status_code == 404


def test_it_404s_a_session_of_an_unpublished_programme(login, service_worker):
    session = factories.SessionFactory(programme__is_published=False)
    response = login(service_worker).post(register_url(session))
    assert response.status_code == 404  # as its page does: it does not exist for participants
    assert not Registration.objects.exists()


def test_it_pins_the_queries_of_a_registration_post_for_an_unpublished_programme(
    login, service_worker, assert_queries
):
    session = factories.SessionFactory(programme__is_published=False)
    client = login(service_worker)
    # 1 django_session, 2 user joined with participant, 3 SAVEPOINT, 4 session row FOR
    # UPDATE with its programme's state, 5 ROLLBACK TO SAVEPOINT, 6 RELEASE SAVEPOINT
    # (in production: BEGIN with 4, then ROLLBACK; see test_round_trips);
    # the refusal's code says the programme is unpublished, so nothing is looked up again.
    with assert_queries(6):
        response = client.post(register_url(session))
    assert response.status_code == 404


def test_it_pins_the_queries_of_one_registration_post(
    login, service_worker, session, assert_queries
):
    """The registration POST stays lean: two round trips under the session lock."""
    from notifications.models import Email

    def post(person):
        url = reverse("registrations:register", kwargs={"pk": session.pk})
        client = login(person)
        # 1 django_session, 2 user joined with participant, 3 SAVEPOINT, then under the
        # lock: 4 the session row FOR UPDATE, then its programme's state, the confirmed
        # and waiting counts and the new id, 5 INSERT registration, event and outbox
        # row, sent together; 6 RELEASE SAVEPOINT. In production, outside the test's
        # atomic block, BEGIN travels with 4 and COMMIT with 5 (see
        # test_round_trips). No page is rendered, and no task message is
        # sent per email.
        with assert_queries(6):
            response = client.post(url)
        assert response.status_code == 302
        return response

    post(service_worker)  # the one seat
    # Ten times the waiting list: the same statements, the place comes from the count.
    for person in factories.ParticipantFactory.create_batch(10):
        post(person)
    last = Registration.objects.filter(session=session).latest("pk")
    assert last.status == Registration.Status.WAITLISTED
    email = Email.objects.get(key=f"waitlisted:{last.pk}")
    assert email.data == {"place": 10}
    assert Email.objects.filter(session=session).count() == 11
    assert last.events.count() == 1


def test_it_pins_the_queries_of_the_register_staff_member_page(
    login, leader, service_worker, programme, assert_queries
):
    def add(numbers):
        for number in numbers:
            session = factories.SessionFactory(programme=programme, number=number)
            factories.RegistrationFactory(participant=service_worker, session=session)

    def option(session, total):
        return f'<option value="{session.pk}">Opplæringsdag {session.number} av {total}: '

    client = login(leader)
    url = staff_url(service_worker)
    add([1])
    # 1 session, 2 user with participant, 3 organisation, 4 the staff member, 5 the
    # leader's own programmes (none here), 6 the current programme, 7 the person's
    # registrations with sessions, 8 training days with «n av N» for the choices
    with assert_queries(8):
        response = client.get(url)
    first = programme.sessions.get(number=1)
    assert option(first, 1) in response.content.decode()
    add(range(2, 11))
    with assert_queries(8):
        response = client.get(url)
    page = response.content.decode()
    assert option(first, 10) in page
    assert option(programme.sessions.get(number=10), 10) in page


def cancel_staff_url(registration):
    return reverse("registrations:cancel_staff", kwargs={"pk": registration.pk})


def test_a_leader_cancels_a_staff_members_registration_and_the_next_gets_the_seat(
    login,
    leader,
    service_worker,
    organisation,
    session,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    seat = services.register(participant=service_worker, session=session)
    colleague = factories.ParticipantFactory(organisation=organisation, full_name="Siri Venter")
    waiting = services.register(participant=colleague, session=session)
    client = login(leader)
    staff_page = client.get(reverse("registrations:staff")).content.decode()
    assert cancel_staff_url(seat) in staff_page
    assert 'aria-label="Meld av: Tor Tjenesteutøver, Pårørendes rettigheter"' in staff_page

    question = client.get(cancel_staff_url(seat)).content.decode()
    assert "Vil du melde av Tor Tjenesteutøver fra «Pårørendes rettigheter»" in question
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_staff_url(seat), follow=True)

    assert response.redirect_chain[-1][0] == reverse("registrations:staff")
    assert "Tor Tjenesteutøver er meldt av «Pårørendes rettigheter»." in messages_of(response)
    seat.refresh_from_db()
    waiting.refresh_from_db()
    assert seat.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED
    assert seat.events.latest("pk").actor == leader.user
    assert {m.to[0] for m in mailoutbox} >= {service_worker.user.email, colleague.user.email}


def test_a_leader_cannot_cancel_outside_their_organisation(
    login, leader, other_service_worker, session
):
    registration = services.register(participant=other_service_worker, session=session)
    client = login(leader)
    assert client.get(cancel_staff_url(registration)).status_code == 404
    assert client.post(cancel_staff_url(registration)).status_code == 404
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_only_confirmed_leaders_cancel_for_others_and_only_live_registrations(
    login, leader, service_worker, organisation, session
):
    registration = services.register(participant=service_worker, session=session)
    colleague = factories.ParticipantFactory(organisation=organisation)
    unconfirmed = factories.LeaderFactory(organisation=organisation, leader_confirmed=False)
    for person in (colleague, unconfirmed):
        assert login(person).post(cancel_staff_url(registration)).status_code == 404
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED

    client = login(leader)
    client.post(cancel_staff_url(registration))
    assert client.get(cancel_staff_url(registration)).status_code == 404  # already cancelled


def test_a_leader_cancelling_their_own_registration_from_the_staff_page_reads_as_their_own(
    login, leader, session
):
    own = services.register(participant=leader, session=session)
    client = login(leader)
    question = client.get(cancel_staff_url(own)).content.decode()
    assert "Vil du melde deg av «Pårørendes rettigheter»" in question
    assert "Vil du melde av Lise Leder" not in question
    assert f'<a href="{reverse("registrations:staff")}" class="btn btn-link">' in question  # «Nei»

    response = client.post(cancel_staff_url(own), follow=True)
    assert response.redirect_chain[-1][0] == reverse("registrations:staff")
    assert "Påmeldingen din til «Pårørendes rettigheter» er avmeldt." in messages_of(response)
    own.refresh_from_db()
    assert own.status == Registration.Status.CANCELLED
