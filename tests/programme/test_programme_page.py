import datetime as dt

from django.urls import reverse

from programme.models import Session
from tests import factories


def test_it_shows_eight_training_days_and_three_leader_gatherings(client, demo):
    response = client.get(reverse("programme:home"))
    assert response.status_code == 200
    groups = {group.kind: group.sessions for group in response.context["session_groups"]}
    assert len(groups[Session.Kind.TRAINING_DAY]) == 8
    assert len(groups[Session.Kind.LEADER_GATHERING]) == 3


def test_query_count_stays_the_same_with_ten_times_the_sessions(client, db, assert_queries):
    programme = factories.ProgrammeFactory()
    factories.GoalFactory.create_batch(4, programme=programme)
    parent = factories.ThemeFactory(programme=programme)
    factories.ThemeFactory(programme=programme, parent=parent)
    factories.ContactPersonFactory(programme=programme)
    factories.SessionFactory.create_batch(3, programme=programme)
    url = reverse("programme:detail", kwargs={"slug": programme.slug})
    # 1 programme, 2 goals, 3 contact persons, 4 top themes, 5 their children,
    # 6 sessions with venues and seat counts, 7 other programmes, 8 latest articles
    with assert_queries(8):
        client.get(url)
    factories.SessionFactory.create_batch(27, programme=programme)
    factories.ProgrammeFactory.create_batch(10)
    with assert_queries(8):
        response = client.get(url)
    assert len(response.context["session_groups"][0].sessions) == 30


def test_it_lists_the_other_published_programmes_on_the_front_page(client, db):
    current = factories.ProgrammeFactory(name="Familiestøtte Hedmark", region="Hedmark")
    other = factories.ProgrammeFactory(
        name="Familiestøtte Oppland",
        region="Oppland",
        ends_on=current.ends_on - dt.timedelta(days=30),
    )
    factories.ProgrammeFactory(name="Familiestøtte Utkast", is_published=False)

    response = client.get(reverse("programme:home"))

    assert response.context["programme"] == current
    assert response.context["other_programmes"] == [other]
    page = response.content.decode()
    assert f'<a href="{other.get_absolute_url()}">Familiestøtte Oppland</a>' in page
    assert "Andre kull" in page
    assert "Familiestøtte Utkast" not in page


def test_it_lists_the_current_programme_on_another_programmes_page(client, db):
    current = factories.ProgrammeFactory(name="Familiestøtte Hedmark")
    other = factories.ProgrammeFactory(ends_on=current.ends_on - dt.timedelta(days=30))

    response = client.get(other.get_absolute_url())

    assert response.context["other_programmes"] == [current]


def test_it_has_no_other_programmes_heading_for_a_single_programme(client, db):
    factories.ProgrammeFactory()

    assert "Andre kull" not in client.get(reverse("programme:home")).content.decode()
