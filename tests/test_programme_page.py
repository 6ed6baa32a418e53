from django.urls import reverse

from programme.models import Session

from . import factories


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
    # 6 sessions with venues and seat counts, 7 latest articles
    with assert_queries(7):
        client.get(url)
    factories.SessionFactory.create_batch(27, programme=programme)
    with assert_queries(7):
        response = client.get(url)
    assert len(response.context["session_groups"][0].sessions) == 30
