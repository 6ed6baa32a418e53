"""The news as an RSS 2.0 feed, read as a feed reader reads it (feedparser), and linked
from the head of every page."""

import datetime as dt
import re

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from programme.feeds import FEED_LENGTH
from tests import factories

FEED_URL = "/nyheter/feed/"


def read_feed(client):
    response = client.get(FEED_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def days_ago(days: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def test_it_is_an_rss_2_feed_in_norwegian(client, db):
    feed = read_feed(client)
    assert feed.version == "rss20"
    assert feed.feed.title == "Familiestøtte – nyheter"
    assert feed.feed.link == "http://testserver/nyheter/"
    assert feed.feed.language == "nb"


def test_it_lists_the_published_articles_newest_first_with_their_links(client, db):
    older = factories.ArticleFactory(title="Eldre sak", slug="eldre", published_at=days_ago(3))
    newer = factories.ArticleFactory(
        title="Relasjons- og familiearbeid er veien å gå",
        slug="relasjons-og-familiearbeid",
        summary="Vi snakket med Hilde Hem.",
        author="Redaksjonen",
        published_at=days_ago(1),
    )
    entries = read_feed(client).entries
    assert [e.title for e in entries] == [newer.title, older.title]
    assert entries[0].link == "http://testserver/nyheter/relasjons-og-familiearbeid/"
    assert entries[0].summary == "Vi snakket med Hilde Hem."
    assert entries[0].author == "Redaksjonen"
    published = dt.datetime(*entries[0].published_parsed[:6], tzinfo=dt.UTC)
    assert abs(published - newer.published_at) < dt.timedelta(seconds=1)


def test_it_leaves_out_articles_not_yet_published(client, db):
    factories.ArticleFactory(title="Publisert sak")
    factories.ArticleFactory(title="Kommer senere", published_at=timezone.now() + dt.timedelta(1))
    assert [e.title for e in read_feed(client).entries] == ["Publisert sak"]


def test_it_lists_only_the_latest_articles(client, db):
    for n in range(FEED_LENGTH + 3):
        factories.ArticleFactory(title=f"Sak {n}", published_at=days_ago(n + 1))
    titles = [e.title for e in read_feed(client).entries]
    assert titles == [f"Sak {n}" for n in range(FEED_LENGTH)]


def test_it_reads_the_feed_in_one_query(client, db, assert_queries):
    factories.ArticleFactory.create_batch(5)
    with assert_queries(1):
        client.get(FEED_URL)


@pytest.mark.parametrize(
    "url",
    [
        reverse("programme:home"),
        reverse("programme:articles"),
        reverse("account_login"),
    ],
)
def test_every_page_links_the_feed_in_its_head(client, db, url):
    html = client.get(url).content.decode()
    head = html[: html.index("</head>")]
    link = re.search(r'<link rel="alternate" type="application/rss\+xml"[^>]*>', head)
    assert link, head
    assert 'title="Familiestøtte – nyheter"' in link.group(0)
    assert f'href="{FEED_URL}"' in link.group(0)


def test_the_article_and_event_pages_link_the_feed_too(client, open_conference):
    article = factories.ArticleFactory(event=open_conference)
    for page in (article.get_absolute_url(), open_conference.get_absolute_url()):
        html = client.get(page).content.decode()
        assert (
            f'type="application/rss+xml" title="Familiestøtte – nyheter" href="{FEED_URL}"'
            in (html[: html.index("</head>")])
        )
