"""«Opplæringsdag 3 av 8»: one place counts the numbered sessions of a programme's kind."""

from programme.selectors import count_kind_totals, set_kind_total, set_kind_totals
from tests import factories


def test_it_counts_numbered_sessions_per_programme_and_kind(db, assert_queries):
    first, second = factories.ProgrammeFactory.create_batch(2)
    days = factories.SessionFactory.create_batch(3, programme=first)
    gathering = factories.LeaderGatheringFactory(programme=first, number=1)
    one_off = factories.SessionFactory(programme=first, number=None, kind="event")
    elsewhere = factories.SessionFactory(programme=second)
    sessions = [*days, gathering, one_off, elsewhere]
    with assert_queries(0):
        set_kind_totals(sessions)
    assert [s.kind_total for s in sessions] == [3, 3, 3, 1, 0, 1]


def test_it_counts_one_sessions_kind_in_one_query(db, assert_queries):
    programme = factories.ProgrammeFactory()
    day, *_ = factories.SessionFactory.create_batch(4, programme=programme)
    factories.SessionFactory(programme=programme, number=None)
    with assert_queries(1):  # 1 the numbered sessions of its programme and kind
        set_kind_total(day)
    assert day.kind_total == 4


def test_the_models_own_count_leaves_out_unnumbered_sessions_of_the_kind(db, assert_queries):
    programme = factories.ProgrammeFactory()
    day, *_ = factories.SessionFactory.create_batch(3, programme=programme)
    factories.SessionFactory(programme=programme, number=None)  # an extra, unnumbered day
    day = type(day).objects.get(pk=day.pk)  # nothing set by a selector
    with assert_queries(1):  # 1 the numbered sessions of its programme and kind
        assert day.kind_total == 3


def test_the_full_title_is_the_name_the_emails_use(db):
    from notifications.rendering import session_name

    programme = factories.ProgrammeFactory()
    day = factories.SessionFactory(programme=programme, number=3, title="Pårørendes rettigheter")
    factories.SessionFactory.create_batch(7, programme=programme)
    one_off = factories.SessionFactory(programme=programme, number=None, kind="event")
    day.kind_total = 8
    assert day.full_title == "Opplæringsdag 3 av 8: Pårørendes rettigheter"
    assert one_off.full_title == one_off.title
    assert [day.full_title, one_off.full_title] == [session_name(day), session_name(one_off)]


def test_it_counts_the_sessions_of_several_programmes_in_one_query(db, assert_queries):
    first, second = factories.ProgrammeFactory.create_batch(2)
    factories.SessionFactory.create_batch(2, programme=first)
    one_off = factories.SessionFactory(programme=first, number=None, kind="event")
    day = factories.SessionFactory(programme=first)
    gathering = factories.LeaderGatheringFactory(programme=second, number=1)
    with assert_queries(1):  # 1 the numbered sessions of each programme and kind
        count_kind_totals([day, gathering, one_off])
    assert (day.kind_total, gathering.kind_total) == (3, 1)
    with assert_queries(0):
        count_kind_totals([one_off])
