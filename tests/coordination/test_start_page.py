"""The coordinator's start page: each list of what needs doing, with a case that is in it
and one that is not, the query count pinned at small and at ten times the data, and the
log-in that lands a coordinator there."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination import todo
from notifications.models import Email
from participants.models import Registration
from participants.selectors import leaders_waiting
from resourcegroups.models import ProgressReport
from tests import factories

START = reverse("coordination:start")


def started(hours_ago: float, **kwargs):
    starts_at = timezone.now() - dt.timedelta(hours=hours_ago)
    return factories.SessionFactory(
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=6),
        registration_deadline=starts_at - dt.timedelta(days=7),
        **kwargs,
    )


def failed_email(n: int, **kwargs) -> Email:
    return Email.objects.create(
        key=f"test:{n}",
        kind=Email.Kind.OTHER,
        to_email=f"feil{n}@example.no",
        subject="Hei",
        status=kwargs.pop("status", Email.Status.FAILED),
        last_error="550 Mailbox unavailable",
        **kwargs,
    )


# -- leaders waiting ------------------------------------------------------------------------


def test_it_lists_a_leader_waiting_for_confirmation(db, organisation):
    waiting = factories.LeaderFactory(organisation=organisation, leader_confirmed=False)
    assert list(leaders_waiting()) == [waiting]


def test_it_leaves_out_confirmed_leaders_and_service_workers(db, leader, service_worker):
    inactive = factories.LeaderFactory(leader_confirmed=False)
    inactive.user.is_active = False
    inactive.user.save()
    assert list(leaders_waiting()) == []


# -- sessions filling up --------------------------------------------------------------------


def test_it_lists_a_full_and_a_nearly_full_session_with_their_waiting_lists(db, programme):
    full = factories.SessionFactory(programme=programme, capacity=2)
    factories.RegistrationFactory.create_batch(2, session=full)
    factories.RegistrationFactory(session=full, status=Registration.Status.WAITLISTED)
    nearly = factories.SessionFactory(programme=programme, capacity=10)
    factories.RegistrationFactory.create_batch(9, session=nearly)
    shown = todo.sessions_filling_up()
    assert shown == [full, nearly]
    assert (shown[0].confirmed_count, shown[0].waitlisted_count) == (2, 1)
    assert (shown[1].confirmed_count, shown[1].waitlisted_count) == (9, 0)


def test_it_leaves_out_sessions_with_seats_past_and_cancelled_ones(db, programme):
    roomy = factories.SessionFactory(programme=programme, capacity=10)
    factories.RegistrationFactory.create_batch(8, session=roomy)
    factories.RegistrationFactory.create_batch(
        3, session=roomy, status=Registration.Status.CANCELLED
    )
    cancelled = factories.SessionFactory(programme=programme, capacity=1, is_cancelled=True)
    factories.RegistrationFactory(session=cancelled)
    past = started(30, programme=programme, capacity=1)
    factories.RegistrationFactory(session=past)
    assert todo.sessions_filling_up() == []


# -- attendance not taken -------------------------------------------------------------------


def test_it_lists_a_started_session_with_people_and_no_attendance(db, programme):
    session = started(2, programme=programme)
    factories.RegistrationFactory(session=session)
    assert todo.sessions_without_attendance() == [session]


def test_it_leaves_out_sessions_with_attendance_empty_coming_or_long_past(db, programme):
    taken = started(2, programme=programme)
    factories.RegistrationFactory(session=taken, attended=False)
    factories.RegistrationFactory(session=taken)
    factories.RegistrationFactory(session=started(3, programme=programme), status="cancelled")
    factories.RegistrationFactory(session=factories.SessionFactory(programme=programme))
    factories.RegistrationFactory(session=started(24 * 15, programme=programme))
    assert todo.sessions_without_attendance() == []


# -- late progress reports ------------------------------------------------------------------


@pytest.fixture
def gathering_due_yesterday(programme):
    """A leader gathering whose report was due yesterday (RESOURCEGROUPS_REPORT_DUE_DAYS)."""
    starts_at = timezone.now() + dt.timedelta(days=13)
    return factories.LeaderGatheringFactory(
        programme=programme,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=6),
        registration_deadline=starts_at - dt.timedelta(days=1),
    )


def test_it_lists_a_report_past_due_as_missing_or_draft(db, programme, gathering_due_yesterday):
    missing = factories.EnrolmentFactory(programme=programme)
    drafted = factories.EnrolmentFactory(programme=programme)
    factories.ProgressReportFactory(enrolment=drafted, gathering=gathering_due_yesterday)
    late = todo.late_progress_reports()
    assert {(r.enrolment, r.has_draft) for r in late} == {(missing, False), (drafted, True)}


def test_it_leaves_out_submitted_reports_and_reports_not_yet_due(
    db, programme, gathering_due_yesterday
):
    enrolment = factories.EnrolmentFactory(programme=programme)
    factories.ProgressReportFactory(
        enrolment=enrolment,
        gathering=gathering_due_yesterday,
        status=ProgressReport.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    factories.LeaderGatheringFactory(programme=programme)  # in 30 days: due in 16
    unpublished = factories.ProgrammeFactory(is_published=False)
    factories.EnrolmentFactory(programme=unpublished)
    factories.LeaderGatheringFactory(
        programme=unpublished,
        starts_at=gathering_due_yesterday.starts_at,
        ends_at=gathering_due_yesterday.ends_at,
        registration_deadline=gathering_due_yesterday.registration_deadline,
    )
    assert todo.late_progress_reports() == []


# -- failed emails --------------------------------------------------------------------------


def test_it_lists_failed_emails_and_counts_them_beyond_the_page(db):
    for n in range(todo.FAILED_EMAILS_SHOWN + 2):
        failed_email(n)
    shown, total = todo.failed_emails()
    assert (len(shown), total) == (todo.FAILED_EMAILS_SHOWN, todo.FAILED_EMAILS_SHOWN + 2)


def test_it_leaves_out_emails_sent_queued_or_retrying(db):
    failed_email(1, status=Email.Status.SENT)
    failed_email(2, status=Email.Status.QUEUED)
    failed_email(3, status=Email.Status.RETRYING)
    assert todo.failed_emails() == ([], 0)


# -- key numbers ----------------------------------------------------------------------------


def test_it_counts_a_running_programmes_key_numbers(db, programme, organisation):
    factories.EnrolmentFactory(programme=programme, organisation=organisation)
    first, second = factories.SessionFactory.create_batch(2, programme=programme)
    factories.SessionFactory(programme=programme, is_cancelled=True)
    person = factories.ParticipantFactory(organisation=organisation)
    factories.RegistrationFactory(session=first, participant=person, attended=True)
    factories.RegistrationFactory(session=second, participant=person)
    factories.RegistrationFactory(session=second, status=Registration.Status.WAITLISTED)
    factories.RegistrationFactory(session=second, status=Registration.Status.CANCELLED)
    [shown] = todo.key_numbers()
    assert (
        shown.session_total,
        shown.organisation_total,
        shown.people_total,
        shown.confirmed_total,
        shown.waitlisted_total,
        shown.attended_total,
    ) == (2, 1, 1, 2, 1, 1)


def test_it_leaves_out_ended_and_unpublished_programmes(db):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    factories.ProgrammeFactory(starts_on=yesterday - dt.timedelta(days=200), ends_on=yesterday)
    factories.ProgrammeFactory(is_published=False)
    assert todo.key_numbers() == []


# -- the page -------------------------------------------------------------------------------


def make_work(programme, n: int) -> None:
    """n of each thing that needs doing."""
    for i in range(n):
        organisation = factories.OrganisationFactory()
        factories.EnrolmentFactory(programme=programme, organisation=organisation)
        factories.LeaderFactory(organisation=organisation, leader_confirmed=False)
        factories.UnconfirmedMemberFactory(organisation=organisation)
        full = factories.SessionFactory(programme=programme, capacity=1)
        factories.RegistrationFactory(session=full)
        factories.RegistrationFactory(session=full, status=Registration.Status.WAITLISTED)
        factories.RegistrationFactory(session=started(2 + i, programme=programme))
        failed_email(i + 1000 * n)


def test_the_start_page_shows_each_list_in_norwegian(login, coordinator, programme):
    make_work(programme, 1)
    page = login(coordinator).get(START)
    assert page.status_code == 200
    text = page.text
    for heading in (
        "Dette må gjøres",
        "Ledere som venter på bekreftelse",
        "Ansatte som venter på bekreftelse",
        "Samlinger som er fulle eller nesten fulle",
        "Oppmøte ikke registrert",
        "Forsinkede framdriftsrapporter",
        "E-poster som ikke kom fram",
        "Nøkkeltall",
    ):
        assert heading in text, heading
    assert text.count("<h1") == 1
    assert "Full" in text
    assert reverse("coordination:leaders") in text


def test_the_start_pages_query_count_stays_the_same_with_ten_times_the_work(
    login, coordinator, programme, assert_queries, gathering_due_yesterday
):
    client = login(coordinator)
    # 1 auth session, 2 user with participant, 3 leaders waiting, 4 staff waiting,
    # 5 coming sessions, 6 their grouped seat counts, 7 «n av N» of those filling up,
    # 8 sessions without attendance, 9 their «n av N», 10 leader gatherings,
    # 11 enrolments of their programmes, 12 their reports, 13 failed emails (a page),
    # 14 programmes running with session totals, 15 enrolments per programme,
    # 16 registration figures per programme
    make_work(programme, 1)
    with assert_queries(16):
        client.get(START)
    make_work(programme, 10)
    with assert_queries(16):
        response = client.get(START)
    assert len(response.context["leaders"]) == 11
    assert len(response.context["staff_waiting"]) == 11
    assert len(response.context["filling"]) == 11
    assert len(response.context["no_attendance"]) == 11
    assert len(response.context["late_reports"]) == 11


# -- log-in lands a coordinator here --------------------------------------------------------


def test_a_coordinator_lands_on_the_start_page_after_log_in(client, coordinator):
    response = client.post(
        reverse("account_login"),
        {"login": coordinator.user.email, "password": factories.PASSWORD},
    )
    assert response["Location"] == START


def test_everyone_else_lands_on_my_page_after_log_in(client, leader):
    response = client.post(
        reverse("account_login"), {"login": leader.user.email, "password": factories.PASSWORD}
    )
    assert response["Location"] == reverse("mypage:dashboard")


def test_a_next_address_wins_over_the_start_page(client, coordinator):
    response = client.post(
        reverse("account_login") + "?next=/koordinator/",
        {"login": coordinator.user.email, "password": factories.PASSWORD},
    )
    assert response["Location"] == "/koordinator/"


def test_the_coordinators_menu_links_the_start_page(login, coordinator, leader):
    assert f'href="{START}"' in login(coordinator).get(reverse("mypage:dashboard")).text
    assert f'href="{START}"' not in login(leader).get(reverse("mypage:dashboard")).text
