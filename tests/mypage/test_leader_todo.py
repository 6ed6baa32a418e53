"""«Dette må gjøres» on a confirmed leader's Min side: staff waiting for confirmation, the
next progress report, milestones due or late, staff on waiting lists; of the leader's
own unit only, in a fixed number of queries."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from familiestotte.formatting import day
from implementation.models import Milestone, MilestoneRecord, MilestoneStatus, Phase
from participants.models import Registration
from resourcegroups.models import ProgressReport, report_due_at
from tests import factories

DASHBOARD = reverse("mypage:dashboard")
HEADING = "Dette må gjøres"


@pytest.fixture
def unit(programme, organisation):
    programme.starts_on = timezone.localdate() - dt.timedelta(days=60)
    programme.save(update_fields=["starts_on"])
    return factories.EnrolmentFactory(programme=programme, organisation=organisation)


@pytest.fixture
def other_unit(programme, other_organisation):
    return factories.EnrolmentFactory(programme=programme, organisation=other_organisation)


@pytest.fixture
def phase(programme):
    phase = Phase.objects.create(programme=programme, order=1, name="Forankring")
    phase.goal_for_tests = factories.GoalFactory(programme=programme, number=1)
    return phase


def milestone(phase, title, due_days, order=1):
    return Milestone.objects.create(
        phase=phase, goal=phase.goal_for_tests, order=order, title=title, due_days=due_days
    )


def waitlist(person, session):
    return factories.RegistrationFactory(
        participant=person, session=session, status=Registration.Status.WAITLISTED
    )


def page_of(login, person):
    return login(person).get(DASHBOARD).content.decode()


def test_only_a_confirmed_leader_gets_the_list(login, unit, service_worker, leader):
    assert HEADING not in page_of(login, service_worker)
    leader.leader_confirmed = False
    leader.save(update_fields=["leader_confirmed"])
    assert HEADING not in page_of(login, leader)


def test_each_list_says_so_when_empty(login, unit, leader):
    page = page_of(login, leader)
    assert HEADING in page
    assert "For Gjøvik kommune i " in page
    assert "Ingen venter på at du skal bekrefte at de jobber hos dere." in page
    assert "Det kommer ingen ledersamling i programmet, så ingen rapport har frist." in page
    assert "Ingen milepæler har frist de neste 30 dagene, og ingen er forsinket." in page
    assert "Ingen av dine ansatte står på venteliste til en kommende samling." in page
    assert f'href="{reverse("implementation:plan", kwargs={"enrolment": unit.pk})}"' in page


def test_a_leader_without_an_enrolled_unit_gets_no_list(login, leader):
    assert HEADING not in page_of(login, leader)


def test_it_lists_the_staff_waiting_with_the_link_to_confirm_them(
    login, unit, leader, unconfirmed_member
):
    page = page_of(login, leader)
    confirm = reverse(
        "resourcegroups:confirm_member",
        kwargs={"enrolment": unit.pk, "participant": unconfirmed_member.pk},
    )
    assert "Una Ubekreftet, Miljøterapeut" in page
    assert f'href="{confirm}" aria-label="Bekreft Una Ubekreftet">Bekreft</a>' in page
    organisation_page = reverse("resourcegroups:organisation", kwargs={"enrolment": unit.pk})
    assert f'href="{organisation_page}#waiting-heading">Alle som venter, på Min enhet' in page


def test_it_names_the_next_report_and_when_it_is_due(login, unit, leader, programme):
    factories.LeaderGatheringFactory(  # over
        programme=programme, title="Første samling", starts_at=timezone.now() - dt.timedelta(1)
    )
    factories.LeaderGatheringFactory(
        programme=programme,
        title="Avlyst samling",
        is_cancelled=True,
        starts_at=timezone.now() + dt.timedelta(days=20),
    )
    gathering = factories.LeaderGatheringFactory(
        programme=programme, title="Andre samling", starts_at=timezone.now() + dt.timedelta(40)
    )
    factories.LeaderGatheringFactory(
        programme=programme, title="Tredje samling", starts_at=timezone.now() + dt.timedelta(80)
    )
    report_url = reverse(
        "resourcegroups:report", kwargs={"enrolment": unit.pk, "gathering": gathering.pk}
    )

    page = page_of(login, leader)
    assert "Andre samling." in page
    assert "Tredje samling" not in page and "Avlyst samling" not in page
    assert f"Frist {day(report_due_at(gathering))}. Ikke påbegynt." in page
    assert f'href="{report_url}">Skriv rapporten' in page

    report = factories.ProgressReportFactory(enrolment=unit, gathering=gathering)
    assert "Du har påbegynt et utkast." in page_of(login, leader)

    report.status = ProgressReport.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.save()
    page = page_of(login, leader)
    assert "Du har sendt den inn." in page
    assert f'href="{report_url}">Les rapporten' in page


def test_a_report_past_its_due_time_is_late(login, unit, leader, programme):
    factories.LeaderGatheringFactory(
        programme=programme, starts_at=timezone.now() + dt.timedelta(days=3)
    )
    assert "Fristen er passert." in page_of(login, leader)


def test_it_lists_milestones_late_or_due_soon_and_not_the_others(login, unit, leader, phase):
    milestone(phase, "Ressursgruppen er etablert", due_days=30, order=1)  # late
    milestone(phase, "Ansatte er påmeldt", due_days=80, order=2)  # due in 20 days
    milestone(phase, "Rutine vedtatt", due_days=200, order=3)  # later
    milestone(phase, "Uten dato", due_days=None, order=4)
    reached = milestone(phase, "Allerede nådd", due_days=10, order=5)
    MilestoneRecord.objects.create(
        enrolment=unit,
        milestone=reached,
        status=MilestoneStatus.REACHED,
        reached_on=timezone.localdate() - dt.timedelta(days=40),
    )

    page = page_of(login, leader)
    assert "Ressursgruppen er etablert – frist" in page
    assert "<strong>(forsinket)</strong>" in page
    assert "Ansatte er påmeldt – frist" in page
    assert page.index("Ressursgruppen er etablert") < page.index("Ansatte er påmeldt")
    for not_shown in ("Rutine vedtatt", "Uten dato", "Allerede nådd"):
        assert not_shown not in page


def test_it_lists_staff_on_waiting_lists_with_their_place(
    login, unit, leader, service_worker, other_service_worker, programme
):
    session = factories.SessionFactory(programme=programme, title="Samtaler med barn")
    waitlist(other_service_worker, session)
    waitlist(service_worker, session)
    waitlist(service_worker, factories.SessionFactory(starts_at=timezone.now() - dt.timedelta(2)))
    factories.RegistrationFactory(participant=service_worker)  # confirmed, not waiting

    page = page_of(login, leader)
    assert "Tor Tjenesteutøver, nr. 2 på ventelisten til" in page
    assert page.count("på ventelisten til") == 1
    assert "Samtaler med barn" in page
    assert "Ola Annen" not in page


def test_nothing_of_another_unit_appears(
    login,
    unit,
    other_unit,
    leader,
    other_leader,
    phase,
    programme,
    other_organisation,
    other_service_worker,
):
    factories.UnconfirmedMemberFactory(organisation=other_organisation, full_name="Per Venter")
    waitlist(other_service_worker, factories.SessionFactory(programme=programme))
    MilestoneRecord.objects.create(
        enrolment=other_unit,
        milestone=milestone(phase, "Ressursgruppen er etablert", due_days=30),
        status=MilestoneStatus.REACHED,
        reached_on=timezone.localdate(),
    )
    gathering = factories.LeaderGatheringFactory(programme=programme)
    factories.ProgressReportFactory(enrolment=other_unit, gathering=gathering)

    theirs = page_of(login, other_leader)
    assert "Per Venter" in theirs and "Ola Annen, nr. 1" in theirs
    assert "Ressursgruppen er etablert" not in theirs  # reached there
    assert "Du har påbegynt et utkast." in theirs

    mine = page_of(login, leader)
    assert "Per Venter" not in mine and "Ola Annen" not in mine
    assert "Lillehammer" not in mine
    assert "Ressursgruppen er etablert – frist" in mine  # not reached here
    assert "Ikke påbegynt." in mine
    assert f"/enhet/{other_unit.pk}/" not in mine


def test_it_pins_the_queries_at_one_and_ten_times_the_items(
    login, unit, leader, phase, programme, organisation, assert_queries
):
    gathering = factories.LeaderGatheringFactory(programme=programme)
    factories.ProgressReportFactory(enrolment=unit, gathering=gathering)

    def add(count, start):
        for n in range(start, start + count):
            factories.UnconfirmedMemberFactory(organisation=organisation)
            worker = factories.ParticipantFactory(organisation=organisation)
            waitlist(worker, factories.SessionFactory(programme=programme))
            late = milestone(phase, f"Milepæl {n}", due_days=30, order=n)
            MilestoneRecord.objects.create(enrolment=unit, milestone=late)

    client = login(leader)
    add(1, 1)
    # The 7 of every Min side (see test_dashboard), then 8 the unit with its programme,
    # 9 staff waiting, 10 the next gathering with the report's status and «n av N»,
    # 11-14 the plan (milestones, records, their changes, evidence), 15 the staff on
    # waiting lists with their places and «n av N».
    with assert_queries(15):
        assert client.get(DASHBOARD).status_code == 200
    add(9, 2)
    with assert_queries(15):
        page = client.get(DASHBOARD).content.decode()
    assert page.count("på ventelisten til") == 10
    assert page.count("– frist") == 10
    assert page.count('aria-label="Bekreft ') == 10
