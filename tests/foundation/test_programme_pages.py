"""The programme page and a session's page, in Norwegian, from the demo data."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from demo import data as demo
from tests import factories

OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def demo_page(client, demo):
    response = client.get(reverse("programme:home"))
    assert response.status_code == 200
    return response.content.decode()


def text_of(html: str) -> str:
    """The visible text, with tags dropped and whitespace folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_it_shows_the_four_goals(demo_page):
    assert '<h2 id="goals-heading">Målsetting</h2>' in demo_page
    for goal in demo.GOALS:
        assert f"<li>{goal}</li>" in demo_page


def test_it_shows_what_the_programme_consists_of(demo_page):
    text = text_of(demo_page)
    assert "Programmet består av" in text
    assert "8 opplæringsdager for tjenesteutøvere i psykisk helse- og rusarbeid" in text
    assert "3 samlinger for ledere i deltakende kommuner og enheter" in text
    assert "En ressursgruppe på hvert arbeidssted" in text
    assert "Veiledning for tjenesteutøvere i regionale grupper" in text
    assert "nettverkssamlinger" in text
    assert "Alle opplæringsdager og alt materiell er gratis." in text


def test_it_shows_the_themes_of_the_training_days(demo_page):
    assert "Sentrale tema på opplæringsdagene" in demo_page
    for title, children in demo.THEMES:
        assert title in demo_page
        for child in children:
            assert child in demo_page


def test_it_lists_eight_training_days_and_three_leader_gatherings_in_the_timeline(demo_page):
    timeline = demo_page.split('id="timeline-heading"')[1].split("</section>")[0]
    training = timeline.split('id="kind-training_day"')[1].split("</ol>")[0]
    gatherings = timeline.split('id="kind-leader_gathering"')[1].split("</ol>")[0]
    assert ">Opplæringsdager</h3>" in timeline and ">Ledersamlinger</h3>" in timeline
    assert [int(n) for n in re.findall(r"Opplæringsdag (\d) av 8", training)] == list(range(1, 9))
    assert [int(n) for n in re.findall(r"Ledersamling (\d) av 3", gatherings)] == [1, 2, 3]
    # The demo service worker holds a seat on the first three training days.
    assert text_of(training).count("59 ledige plasser") == 3
    assert text_of(training).count("60 ledige plasser") == 5
    assert re.search(r"tirsdag \d{1,2}\. mars \d{4}, 09\.00–15\.30", text_of(training))


def test_it_shows_the_contact_persons_with_phone_and_email(demo_page):
    assert "Kontaktpersoner" in demo_page
    for name, title, phone, email in demo.CONTACT_PERSONS:
        assert name in demo_page and title in demo_page
        assert f'<a href="tel:{phone.replace(" ", "")}">{phone}</a>' in demo_page
        assert f'<a href="mailto:{email}">{email}</a>' in demo_page


def test_it_shows_a_page_without_english_leftovers(demo_page):
    for english in ["Training day", "Goals", "Contact persons", "seats left", "Log in"]:
        assert english not in demo_page


@pytest.fixture
def third_training_day(db):
    programme = factories.ProgrammeFactory(name="Familiestøtte Innlandet 2027")
    venue = factories.VenueFactory(
        name="Gjøvik kulturhus, sal 2",
        street_address="Storgata 20",
        postal_code="2815",
        city="Gjøvik",
    )
    for number in [1, 2, 4, 5, 6, 7, 8]:
        factories.SessionFactory(programme=programme, number=number)
    session = factories.SessionFactory(
        programme=programme,
        number=3,
        title="Familiens roller, belastninger og behov",
        starts_at=dt.datetime(2027, 5, 11, 9, 0, tzinfo=OSLO),
        ends_at=dt.datetime(2027, 5, 11, 15, 30, tzinfo=OSLO),
        registration_deadline=dt.datetime(2027, 5, 4, 12, 0, tzinfo=OSLO),
        venue=venue,
        capacity=40,
    )
    session.themes.add(factories.ThemeFactory(programme=programme, title="Generasjonsperspektivet"))
    factories.RegistrationFactory.create_batch(3, session=session)
    factories.RegistrationFactory(session=session, status="cancelled")
    return session


def test_it_shows_the_session_number_of_its_kind(client, third_training_day):
    html = client.get(third_training_day.get_absolute_url()).content.decode()
    assert "<title>Opplæringsdag 3 av 8 – Familiestøtte</title>" in html
    assert re.search(
        r"<h1>Opplæringsdag 3 av 8: Familiens roller, belastninger og behov</h1>", html
    )


def test_it_shows_date_time_venue_audience_seats_and_deadline(client, third_training_day):
    text = text_of(client.get(third_training_day.get_absolute_url()).content.decode())
    assert "Dato tirsdag 11. mai 2027" in text
    assert "Tid kl. 09.00–15.30" in text
    assert "Sted Gjøvik kulturhus, sal 2, Storgata 20, 2815 Gjøvik" in text
    assert "Målgruppe Tjenesteutøvere" in text
    assert "Ledige plasser 37 av 40" in text  # the cancelled registration frees its seat
    assert "Påmeldingsfrist 4. mai 2027 kl. 12.00" in text
    assert "Tema Generasjonsperspektivet" in text


def test_it_shows_times_in_oslo_time_whatever_the_stored_zone(client, db):
    session = factories.SessionFactory(
        starts_at=dt.datetime(2027, 11, 9, 8, 0, tzinfo=dt.UTC),  # 09.00 in Oslo (CET)
        ends_at=dt.datetime(2027, 11, 9, 14, 0, tzinfo=dt.UTC),
        registration_deadline=dt.datetime(2027, 11, 2, 11, 0, tzinfo=dt.UTC),
    )
    text = text_of(client.get(session.get_absolute_url()).content.decode())
    assert "tirsdag 9. november 2027" in text
    assert "kl. 09.00–15.00" in text
    assert "2. november 2027 kl. 12.00" in text


def test_it_says_a_full_session_has_a_waiting_list(client, db):
    session = factories.SessionFactory(capacity=1)
    factories.RegistrationFactory(session=session)
    html = client.get(session.get_absolute_url()).content.decode()
    assert "Fullt – ventelisten er åpen" in html


def test_it_shows_a_leader_gathering_for_leaders(client, db):
    session = factories.LeaderGatheringFactory(number=1)
    text = text_of(client.get(session.get_absolute_url()).content.decode())
    assert "Ledersamling 1 av 1" in text
    assert "Målgruppe Ledere" in text


def test_it_answers_404_for_an_unknown_or_unpublished_session(client, db):
    hidden = factories.SessionFactory(programme__is_published=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(reverse("programme:session", kwargs={"pk": 999999})).status_code == 404


def test_it_reads_a_session_page_in_a_fixed_number_of_queries(
    client, third_training_day, assert_queries
):
    url = third_training_day.get_absolute_url()
    # 1 session with programme, venue and seat counts, 2 themes, 3 materials,
    # 4 news about it, 5 its talks (none, so no speakers asked for), 6 how many numbered
    # sessions of its kind
    with assert_queries(6):
        client.get(url)
    factories.RegistrationFactory.create_batch(30, session=third_training_day)
    third_training_day.themes.add(
        *factories.ThemeFactory.create_batch(9, programme=third_training_day.programme)
    )
    factories.ArticleFactory.create_batch(10, event=third_training_day)
    with assert_queries(6):
        response = client.get(url)
    assert "Ledige plasser 7 av 40" in text_of(response.content.decode())


def test_it_shows_a_session_to_a_signed_in_person_with_a_profile(client, service_worker, db):
    session = factories.SessionFactory(number=1)
    client.force_login(service_worker.user)
    response = client.get(session.get_absolute_url())
    assert response.status_code == 200
    assert "Opplæringsdag 1 av 1" in response.content.decode()
