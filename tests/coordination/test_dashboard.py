"""The programme dashboard: a hand-made programme with known numbers, each figure
asserted (per session, per kind, per Oslo month, per unit's certificate share), the
query count the same at ten times the data, the download, and who may see it."""

import csv
import datetime as dt
import io
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from participants.models import Registration
from programme.models import Session
from tests import factories

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
CONFIRMED = Registration.Status.CONFIRMED
WAITLISTED = Registration.Status.WAITLISTED
CANCELLED = Registration.Status.CANCELLED


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def register(session, participant=None, *, status=CONFIRMED, attended=None, late=False):
    return factories.RegistrationFactory(
        session=session,
        participant=participant or factories.ParticipantFactory(),
        status=status,
        attended=attended,
        is_late_cancellation=late,
    )


@pytest.fixture
def known(db):
    """Two training days (the second starts 30 Sep 23:30 UTC, which is October in Oslo)
    and a leader gathering still to come; two units, A with three staff, B with one."""
    programme = factories.ProgrammeFactory(
        slug="kjent", starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2026, 11, 30)
    )
    day1 = factories.SessionFactory(
        programme=programme, number=1, starts_at=at(2026, 9, 10, 8), capacity=4
    )
    day2 = factories.SessionFactory(
        programme=programme, number=2, starts_at=at(2026, 9, 30, 23, 30), capacity=10
    )
    gathering = factories.LeaderGatheringFactory(
        programme=programme,
        number=1,
        starts_at=timezone.now() + dt.timedelta(days=20),
        capacity=5,
    )
    unit_a = factories.EnrolmentFactory(programme=programme, organisation__name="A kommune")
    unit_b = factories.EnrolmentFactory(programme=programme, organisation__name="B kommune")
    anna = factories.ParticipantFactory(organisation=unit_a.organisation)
    carl = factories.ParticipantFactory(organisation=unit_a.organisation)
    factories.LeaderFactory(organisation=unit_a.organisation)  # staff, no training days
    bo = factories.ParticipantFactory(organisation=unit_b.organisation)
    # Day 1: 4 of 4 seats, 2 came, 1 did not, 1 not recorded; 1 waiting; 1 late, 1 on time.
    register(day1, anna, attended=True)
    register(day1, bo, attended=True)
    register(day1, carl, attended=False)
    register(day1)
    register(day1, status=WAITLISTED)
    register(day1, status=CANCELLED, late=True)
    # Day 2: 2 of 10, both came; one cancelled in time.
    register(day2, anna, attended=True)
    register(day2, carl, attended=True)
    register(day2, status=CANCELLED)
    # The gathering has not started: 1 of 5 and 2 waiting, no attendance yet.
    register(gathering, attended=True)
    register(gathering, status=WAITLISTED)
    register(gathering, status=WAITLISTED)
    # Another programme's training day does not count toward this one's certificate.
    register(factories.SessionFactory(), bo, attended=True)
    return programme, day1, day2, gathering


def url(programme, name="coordination:dashboard"):
    return reverse(name, kwargs={"slug": programme.slug})


def test_it_gives_each_session_its_figures(coordinator_client, known):
    programme, day1, day2, gathering = known
    board = coordinator_client.get(url(programme)).context["board"]
    rows = {row.session.pk: row.figures for row in board.sessions}
    one, two, later = rows[day1.pk], rows[day2.pk], rows[gathering.pk]
    assert (one.fill_rate, one.waitlisted, one.attendance_rate) == (1.0, 1, 0.5)
    assert (one.no_shows, one.late_cancellations) == (1, 1)
    assert (two.fill_rate, two.waitlisted, two.attendance_rate) == (0.2, 0, 1.0)
    assert (two.no_shows, two.late_cancellations) == (0, 0)
    assert (later.fill_rate, later.waitlisted, later.attendance_rate) == (0.2, 2, None)


def test_it_sums_per_kind(coordinator_client, known):
    board = coordinator_client.get(url(known[0])).context["board"]
    kinds = {group.key: group.figures for group in board.kinds}
    training = kinds[Session.Kind.TRAINING_DAY]
    assert (training.sessions, training.capacity, training.confirmed) == (2, 14, 6)
    assert training.fill_rate == 6 / 14
    assert training.attendance_rate == 4 / 6
    assert (training.waitlisted, training.no_shows, training.late_cancellations) == (1, 1, 1)
    gathering = kinds[Session.Kind.LEADER_GATHERING]
    assert (gathering.sessions, gathering.waitlisted, gathering.attendance_rate) == (1, 2, None)


def test_it_sums_per_month_in_oslo_time(coordinator_client, known):
    board = coordinator_client.get(url(known[0])).context["board"]
    months = {group.key: group.figures for group in board.months}
    assert {"2026-09", "2026-10", "2026-11"} <= set(months)
    assert (months["2026-09"].sessions, months["2026-09"].fill_rate) == (1, 1.0)
    # 30 Sep 23:30 UTC is 1 Oct 01:30 in Oslo.
    assert (months["2026-10"].sessions, months["2026-10"].attendance_rate) == (1, 1.0)
    assert months["2026-11"].sessions == 0


def test_it_gives_each_unit_its_certificate_share(coordinator_client, known):
    response = coordinator_client.get(url(known[0]))
    board = response.context["board"]
    assert (board.training_days, board.required_days) == (2, 2)
    units = {row.enrolment.organisation.name: row for row in board.organisations}
    assert (units["A kommune"].staff, units["A kommune"].certified) == (3, 1)
    assert units["A kommune"].share == 1 / 3
    assert (units["B kommune"].staff, units["B kommune"].certified) == (1, 0)
    page = response.content.decode()
    assert "33 %" in page and "Kursbevis per enhet" in page
    assert page.count('<svg class="chart"') == 3


def test_a_lower_requirement_counts_one_day(coordinator_client, known, settings):
    settings.CERTIFICATE_REQUIRED_PERCENT = 50
    board = coordinator_client.get(url(known[0])).context["board"]
    units = {row.enrolment.organisation.name: row.certified for row in board.organisations}
    assert units == {"A kommune": 2, "B kommune": 1}


def grow(programme, times):
    """`times` more training days and units, each with staff and registrations."""
    for n in range(times):
        day = factories.SessionFactory(programme=programme, starts_at=at(2026, 10, 5 + n, 8))
        unit = factories.EnrolmentFactory(programme=programme)
        for person in factories.ParticipantFactory.create_batch(2, organisation=unit.organisation):
            register(day, person, attended=True)
        register(day, status=WAITLISTED)
        register(day, status=CANCELLED, late=True)


def count_queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_the_query_count_is_the_same_at_ten_times_the_data(coordinator_client, known):
    programme = known[0]
    grow(programme, 1)
    small = count_queries(coordinator_client, url(programme))
    grow(programme, 9)
    assert count_queries(coordinator_client, url(programme)) == small
    # Session, user, participant; the programme, its sessions, its units; the chooser.
    assert small == 6, small


def test_it_downloads_the_session_table(coordinator_client, known):
    programme, day1, *_ = known
    response = coordinator_client.get(url(programme, "coordination:dashboard_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Samling", "Type", "Dato"]
    assert rows[1][0] == day1.full_title
    assert rows[1][3:11] == ["4", "4", "100", "1", "2", "50", "1", "1"]
    assert len(rows) == 4
    response = coordinator_client.get(url(programme, "coordination:dashboard_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=6).value == 100


def test_the_chooser_sends_to_the_chosen_programme(coordinator_client, known):
    response = coordinator_client.get(
        reverse("coordination:dashboard_home"), {"programme": "kjent"}
    )
    assert response.url == url(known[0])


def test_the_chooser_sends_an_unknown_programme_to_the_newest(coordinator_client, known):
    newest = factories.ProgrammeFactory(starts_on=dt.date(2027, 8, 1))
    response = coordinator_client.get(reverse("coordination:dashboard_home"), {"programme": "nei"})
    assert response.url == url(newest)


def test_an_unknown_programme_is_404(coordinator_client, known):
    assert (
        coordinator_client.get(reverse("coordination:dashboard", args=["nei"])).status_code == 404
    )


@pytest.mark.parametrize("who", ["worker", "leader", "supervisor"])
def test_nobody_but_a_coordinator_sees_it(login, known, who):
    person = {
        "worker": factories.ParticipantFactory,
        "leader": factories.LeaderFactory,
        "supervisor": factories.SupervisorFactory,
    }[who]()
    client = login(person)
    for name in ("coordination:dashboard", "coordination:dashboard_csv"):
        assert client.get(url(known[0], name)).status_code == 404
    assert client.get(reverse("coordination:dashboard_home")).status_code == 404


def test_anonymous_goes_to_the_log_in_page(client, known):
    response = client.get(url(known[0]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
