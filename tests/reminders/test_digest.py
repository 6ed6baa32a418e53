"""The weekly digest: a leader sees their own staff's registrations, nobody else's."""

import datetime as dt

import pytest
from django.utils import timezone

from notifications.models import Email
from reminders.digest import create_leader_digests
from tests import factories


@pytest.fixture
def session(session):
    """The shared session, moved into the digest's next four weeks."""
    session.starts_at -= dt.timedelta(days=20)
    session.ends_at -= dt.timedelta(days=20)
    session.registration_deadline = session.starts_at
    session.save()
    return session


@pytest.fixture
def staff_registrations(session, leader, service_worker, other_service_worker):
    colleague = factories.ParticipantFactory(
        organisation=leader.organisation, full_name="Kari Kollega"
    )
    factories.RegistrationFactory(session=session, participant=other_service_worker)
    factories.RegistrationFactory(session=session, participant=service_worker)
    factories.RegistrationFactory(session=session, status="waitlisted")
    factories.RegistrationFactory(session=session, participant=colleague, status="waitlisted")
    return colleague


def test_it_sends_a_leader_their_staff_registrations_and_waiting_list_places(
    staff_registrations, leader, send_on_commit, mailoutbox
):
    send_on_commit(create_leader_digests)

    [message] = mailoutbox
    assert message.to == [leader.user.email]
    assert message.subject == "Ukeoversikt for Gjøvik kommune"
    assert "Tor Tjenesteutøver, påmeldt" in message.body
    assert "Kari Kollega, venteliste, nummer 2" in message.body
    assert "Ola Annen" not in message.body
    assert "bekreftet leder for Gjøvik kommune" in message.body
    assert "Kari Kollega" in message.alternatives[0][0]


def test_it_sends_each_leader_one_digest_a_week(
    staff_registrations, other_leader, leader, send_on_commit, mailoutbox
):
    send_on_commit(create_leader_digests)
    send_on_commit(create_leader_digests)

    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [leader.user.email, other_leader.user.email]
    )
    assert Email.objects.filter(kind="leader_digest").count() == 2


def test_it_skips_a_leader_with_nothing_to_report(leader, send_on_commit, mailoutbox):
    send_on_commit(create_leader_digests)

    assert mailoutbox == []


def test_it_leaves_out_unconfirmed_leaders(staff_registrations, leader, send_on_commit, mailoutbox):
    leader.leader_confirmed = False
    leader.save()

    send_on_commit(create_leader_digests)

    assert mailoutbox == []


def test_two_digest_runs_at_the_same_time_see_a_report_submitted_between_them(leader):
    """Each run selects the due reports afresh: nothing is cached from the run before."""
    from resourcegroups.models import ProgressReport

    now = timezone.now()
    enrolment = factories.EnrolmentFactory(organisation=leader.organisation)
    gathering = factories.LeaderGatheringFactory(
        programme=enrolment.programme,
        starts_at=now + dt.timedelta(days=17),
        ends_at=now + dt.timedelta(days=17, hours=5),
        registration_deadline=now + dt.timedelta(days=16),
    )
    assert create_leader_digests(now=now) == 1
    assert "Framdriftsrapport" in Email.objects.get(kind="leader_digest").body_text

    # The report goes in, and the digest is run again (its first row removed in the admin).
    factories.ProgressReportFactory(
        enrolment=enrolment,
        gathering=gathering,
        status=ProgressReport.Status.SUBMITTED,
        submitted_at=now,
    )
    Email.objects.all().delete()

    assert create_leader_digests(now=now) == 0
    assert not Email.objects.exists()
