"""The news pages, and an article about an event (a conference) that leads to its page."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from familiestotte.formatting import session_days, session_hours
from tests import factories

OSLO = ZoneInfo("Europe/Oslo")


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def conference(db):
    """Monday 15 to Tuesday 16 November 2027, 09.30 to 15.00."""
    return factories.EventFactory(
        starts_at=dt.datetime(2027, 11, 15, 9, 30, tzinfo=OSLO),
        ends_at=dt.datetime(2027, 11, 16, 15, 0, tzinfo=OSLO),
        registration_deadline=dt.datetime(2027, 11, 1, 12, 0, tzinfo=OSLO),
        capacity=2,
    )


@pytest.fixture
def article(conference):
    return factories.ArticleFactory(
        title="Relasjons- og familiearbeid er veien å gå", slug="veien", event=conference
    )


def article_page(client, article):
    return client.get(reverse("programme:article", kwargs={"slug": article.slug}))


def test_it_lists_published_news_and_not_news_due_later(client, db):
    factories.ArticleFactory(title="Publisert sak")
    factories.ArticleFactory(title="Kommer senere", published_at=timezone.now() + dt.timedelta(1))

    text = text_of(client.get(reverse("programme:articles")))

    assert "Publisert sak" in text
    assert "Kommer senere" not in text


def test_it_names_each_articles_event_in_the_list_in_two_queries(client, article, assert_queries):
    factories.ArticleFactory.create_batch(9, event=factories.EventFactory())
    # 1 count for the pages, 2 the articles with their events
    with assert_queries(2):
        response = client.get(reverse("programme:articles"))
    assert "Om Pårørendekonferansen, mandag 15. – tirsdag 16. november 2027" in text_of(response)


def test_it_counts_the_numbered_events_of_the_list_in_one_query(client, db, assert_queries):
    programme = factories.ProgrammeFactory()
    days = [factories.SessionFactory(programme=programme, number=n) for n in range(1, 9)]
    for day in days:
        factories.ArticleFactory(event=day)
    # 1 count for the pages, 2 the articles with their events, 3 the events' «av 8»
    with assert_queries(3):
        response = client.get(reverse("programme:articles"))
    assert text_of(response).count("Opplæringsdag 3 av 8") == 1
    assert text_of(response).count(" av 8: ") == 8


def test_it_leaves_an_unpublished_programmes_event_out_of_the_list(client, article):
    article.event.programme.is_published = False
    article.event.programme.save()

    assert "Om Pårørendekonferansen" not in text_of(client.get(reverse("programme:articles")))


def test_it_answers_404_for_an_article_due_later(client, db):
    later = factories.ArticleFactory(published_at=timezone.now() + dt.timedelta(days=1))

    assert article_page(client, later).status_code == 404


def test_it_shows_the_event_with_its_days_hours_and_venue(client, article, conference):
    text = text_of(article_page(client, article))

    assert "Arrangementet" in text
    assert "Pårørendekonferansen" in text
    assert "mandag 15. – tirsdag 16. november 2027" in text
    assert "kl. 09.30 første dag – 15.00 siste dag" in text
    assert conference.venue.full_address in text


def test_it_counts_the_seats_left_and_links_to_register(client, article, conference):
    factories.RegistrationFactory(session=conference)

    response = article_page(client, article)

    assert "1 ledig plass" in text_of(response)
    assert (
        f'<a class="btn btn-primary" href="{conference.get_absolute_url()}">'
        "Les mer og meld deg på</a>"
    ) in response.content.decode()


def test_it_says_the_event_is_full_with_a_waiting_list(client, article, conference):
    factories.RegistrationFactory.create_batch(2, session=conference)

    assert "Fullt – ventelisten er åpen" in text_of(article_page(client, article))


def test_it_says_registration_is_closed_after_the_deadline(client, article, conference):
    conference.registration_deadline = timezone.now() - dt.timedelta(minutes=1)
    conference.starts_at = timezone.now() + dt.timedelta(hours=1)
    conference.ends_at = conference.starts_at + dt.timedelta(days=1)
    conference.save()

    text = text_of(article_page(client, article))

    assert "Påmeldingen er stengt." in text
    assert "Les mer og meld deg på" not in text


def test_it_says_a_cancelled_event_is_cancelled(client, article, conference):
    conference.is_cancelled = True
    conference.save()

    text = text_of(article_page(client, article))

    assert "Denne samlingen er avlyst." in text
    assert "Les mer og meld deg på" not in text


def test_it_leaves_out_an_event_of_an_unpublished_programme(client, article, conference):
    conference.programme.is_published = False
    conference.programme.save()

    response = article_page(client, article)

    assert response.status_code == 200
    assert "Arrangementet" not in text_of(response)
    assert conference.get_absolute_url() not in response.content.decode()


def test_it_reads_an_article_with_its_event_in_two_queries(client, article, assert_queries):
    factories.RegistrationFactory.create_batch(2, session=article.event)
    # 1 the article, 2 its event with venue, programme and seat counts
    with assert_queries(2):
        response = article_page(client, article)
    assert response.context["event"] == article.event


def test_it_reads_an_article_without_an_event_in_one_query(client, db, assert_queries):
    plain = factories.ArticleFactory()
    # 1 the article
    with assert_queries(1):
        article_page(client, plain)


def test_it_lists_the_published_news_about_an_event_on_its_page(client, article, conference):
    factories.ArticleFactory(
        title="Program for konferansen",
        event=conference,
        published_at=timezone.now() + dt.timedelta(days=1),
    )

    text = text_of(client.get(conference.get_absolute_url()))

    assert "Nyheter om arrangementet" in text
    assert "Relasjons- og familiearbeid er veien å gå" in text
    assert "Program for konferansen" not in text


def test_it_shows_both_days_on_the_event_page(client, conference):
    text = text_of(client.get(conference.get_absolute_url()))

    assert "mandag 15. – tirsdag 16. november 2027" in text
    assert "kl. 09.30 første dag – 15.00 siste dag" in text


def test_it_shows_both_days_in_the_programme_timeline(client, conference):
    url = reverse("programme:detail", kwargs={"slug": conference.programme.slug})

    text = text_of(client.get(url))

    assert "Andre arrangementer" in text
    assert "mandag 15. – tirsdag 16. november 2027, 09.30 første dag – 15.00 siste dag" in text


@pytest.mark.parametrize(
    ("starts", "ends", "days", "hours"),
    [
        ((2027, 3, 9, 9), (2027, 3, 9, 15), "tirsdag 9. mars 2027", "09.00–15.00"),
        (
            (2027, 11, 30, 9),
            (2027, 12, 1, 15),
            "tirsdag 30. november – onsdag 1. desember 2027",
            "09.00 første dag – 15.00 siste dag",
        ),
        (
            (2027, 12, 31, 9),
            (2028, 1, 1, 15),
            "fredag 31. desember 2027 – lørdag 1. januar 2028",
            "09.00 første dag – 15.00 siste dag",
        ),
    ],
)
def test_it_writes_the_days_and_hours_as_norwegians_do(starts, ends, days, hours):
    session = factories.EventFactory.build(
        starts_at=dt.datetime(*starts, tzinfo=OSLO), ends_at=dt.datetime(*ends, tzinfo=OSLO)
    )
    with translation.override("nb"):
        assert (session_days(session), session_hours(session)) == (days, hours)


def test_it_counts_a_session_ending_after_midnight_in_oslo_as_two_days():
    # 23.00 UTC is already the next day in Oslo.
    session = factories.EventFactory.build(
        starts_at=dt.datetime(2027, 3, 9, 18, tzinfo=dt.UTC),
        ends_at=dt.datetime(2027, 3, 9, 23, tzinfo=dt.UTC),
    )
    with translation.override("nb"):
        assert session_days(session) == "tirsdag 9. – onsdag 10. mars 2027"
