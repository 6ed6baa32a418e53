"""The nightly retention job (privacy.retention.apply_retention): the long inactive are
anonymised, old outbox bodies purged, what was done recorded; safe to run twice."""

import datetime as dt
import logging

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from demo.schedule import InProcessBeat
from familiestotte.celery import app
from familiestotte.models import Heartbeat
from notifications.dispatch import requeue_failed
from notifications.models import Email
from participants.models import Participant, Registration
from privacy import retention
from privacy.tasks import apply_retention as retention_task
from resourcegroups.models import Membership
from tests import factories

User = get_user_model()
LONG_AGO = timezone.now() - dt.timedelta(days=5 * 365)


class Progress:
    def __init__(self):
        self.total, self.steps = None, 0

    def set_total(self, n):
        self.total = n

    def step(self, n=1):
        self.steps += n


def joined_long_ago(participant, *, last_login=LONG_AGO):
    User.objects.filter(pk=participant.user_id).update(date_joined=LONG_AGO, last_login=last_login)
    return participant


def programme_ended(years_ago: float):
    ends_on = timezone.localdate() - dt.timedelta(days=int(years_ago * 365))
    return factories.ProgrammeFactory(starts_on=ends_on - dt.timedelta(days=250), ends_on=ends_on)


@pytest.fixture
def old_programme(db):
    return programme_ended(4)


@pytest.fixture
def inactive(service_worker, old_programme):
    """Tor attended a training day of a programme that ended four years ago, and has
    not signed in since."""
    day = factories.SessionFactory(
        programme=old_programme,
        starts_at=timezone.now() - dt.timedelta(days=4 * 365 + 30),
    )
    factories.RegistrationFactory(participant=service_worker, session=day, attended=True)
    return joined_long_ago(service_worker)


def test_it_anonymises_the_long_inactive_and_keeps_their_attendance(inactive):
    report = retention.apply_retention()

    assert (report.people_anonymised, report.registrations_kept) == (1, 1)
    assert not Participant.objects.filter(pk=inactive.pk).exists()
    [kept] = Registration.objects.all()
    assert kept.attended is True
    assert kept.participant.is_anonymised
    assert kept.participant.organisation_id == inactive.organisation_id


def test_it_is_safe_to_run_twice(inactive):
    Email.objects.create(
        key="other:old", kind=Email.Kind.OTHER, to_email="a@example.no", status=Email.Status.SENT
    )
    Email.objects.filter(key="other:old").update(created_at=LONG_AGO)

    first = retention.apply_retention()
    people, registrations = Participant.objects.count(), Registration.objects.count()
    second = retention.apply_retention()

    assert (first.people_anonymised, first.emails_purged) == (1, 1)
    assert (second.people_anonymised, second.registrations_kept, second.emails_purged) == (0, 0, 0)
    assert (Participant.objects.count(), Registration.objects.count()) == (people, registrations)


def test_it_keeps_someone_whose_last_programme_ended_lately(service_worker):
    recent = programme_ended(2)
    day = factories.SessionFactory(
        programme=recent, starts_at=timezone.now() - dt.timedelta(days=2 * 365 + 30)
    )
    factories.RegistrationFactory(participant=service_worker, session=day)
    joined_long_ago(service_worker)

    assert retention.apply_retention().people_anonymised == 0
    assert Participant.objects.filter(pk=service_worker.pk).exists()


def test_it_keeps_someone_who_signed_in_lately(inactive):
    User.objects.filter(pk=inactive.user_id).update(last_login=timezone.now())

    assert retention.apply_retention().people_anonymised == 0


def test_it_keeps_a_member_of_a_resource_group_of_a_recent_programme(inactive):
    enrolment = factories.EnrolmentFactory(
        programme=programme_ended(1), organisation=inactive.organisation
    )
    group = factories.ResourceGroupFactory(enrolment=enrolment)
    Membership.objects.create(group=group, participant=inactive)

    assert retention.apply_retention().people_anonymised == 0


@pytest.mark.parametrize("years, anonymised", [(5, 0), (3, 1), (2, 1)])
def test_the_number_of_years_is_a_setting(settings, inactive, years, anonymised):
    settings.PRIVACY_INACTIVE_YEARS = years

    assert retention.apply_retention().people_anonymised == anonymised


def test_it_never_anonymises_a_coordinator_while_they_hold_the_role(coordinator, old_programme):
    coordinator.user.is_staff = coordinator.user.is_superuser = False
    coordinator.user.save()
    joined_long_ago(coordinator)

    assert retention.apply_retention().people_anonymised == 0
    assert Participant.objects.filter(pk=coordinator.pk).exists()

    # The role taken away, they are anonymised like anyone else.
    Participant.objects.filter(pk=coordinator.pk).update(role=Participant.Role.SUPERVISOR)
    assert retention.apply_retention().people_anonymised == 1


def test_it_never_anonymises_the_admins_people(inactive):
    User.objects.filter(pk=inactive.user_id).update(is_staff=True)

    assert retention.apply_retention().people_anonymised == 0


def test_it_deletes_an_account_that_never_got_a_profile(db):
    user = factories.UserFactory()
    User.objects.filter(pk=user.pk).update(date_joined=LONG_AGO, last_login=None)
    fresh = factories.UserFactory()

    assert retention.apply_retention().people_anonymised == 1
    assert list(User.objects.values_list("pk", flat=True)) == [fresh.pk]


def test_it_checks_again_under_the_lock(inactive):
    """Chosen, then signed in before their turn came: left alone."""
    before = retention.years_before(timezone.localdate(), 3)
    User.objects.filter(pk=inactive.user_id).update(last_login=timezone.now())

    assert (
        retention.anonymise_person(user_pk=inactive.user_id, before=before, now=timezone.now())
        is None
    )
    assert Participant.objects.filter(pk=inactive.pk).exists()


def test_it_reports_progress(inactive, other_service_worker):
    joined_long_ago(other_service_worker)
    progress = Progress()

    retention.apply_retention(progress=progress)

    assert (progress.total, progress.steps) == (2, 2)


def old_email(key, status, *, days):
    email = Email.objects.create(
        key=key,
        kind=Email.Kind.OTHER,
        to_email="person@example.no",
        subject="Om Tor",
        body_text="Hei Tor",
        body_html="<p>Hei Tor</p>",
        data={"sender": "Kari"},
        status=status,
    )
    Email.objects.filter(pk=email.pk).update(created_at=timezone.now() - dt.timedelta(days=days))
    return email


def test_it_purges_old_bodies_and_keeps_key_and_status(db):
    sent = old_email("other:1", Email.Status.SENT, days=181)
    failed = old_email("other:2", Email.Status.FAILED, days=181)
    recent = old_email("other:3", Email.Status.SENT, days=179)
    held = old_email("other:4", Email.Status.HELD, days=400)

    assert retention.apply_retention().emails_purged == 2

    for email in (sent, failed):
        email.refresh_from_db()
        assert (email.subject, email.body_text, email.body_html, email.data) == ("", "", "", {})
        assert email.purged_at is not None
    sent.refresh_from_db()
    assert (sent.key, sent.status) == ("other:1", Email.Status.SENT)
    for email in (recent, held):
        email.refresh_from_db()
        assert email.body_text == "Hei Tor"
        assert email.purged_at is None


def test_the_outbox_period_is_a_setting(settings, db):
    settings.PRIVACY_OUTBOX_BODY_DAYS = 30
    old_email("other:1", Email.Status.SENT, days=31)

    assert retention.apply_retention().emails_purged == 1


def test_a_purged_failed_email_is_never_sent_again(db):
    failed = old_email("other:1", Email.Status.FAILED, days=200)
    retention.apply_retention()

    assert requeue_failed(ids=[failed.pk]) == 0
    failed.refresh_from_db()
    assert failed.status == Email.Status.FAILED


def test_it_records_what_it_did_in_the_audit_log(inactive, caplog):
    with caplog.at_level(logging.INFO, logger="familiestotte.audit"):
        retention.apply_retention()

    [line] = [r for r in caplog.records if r.name == "familiestotte.audit"]
    assert line.levelno == logging.INFO
    assert (line.action, line.people_anonymised, line.emails_purged) == ("privacy.retention", 1, 0)
    assert inactive.full_name not in line.getMessage()


def test_beat_runs_it_nightly_and_it_beats(db):
    [entry] = [e for e in app.conf.beat_schedule.values() if e["task"] == retention_task.name]
    assert entry["schedule"].hour == {3}

    retention_task.apply(throw=True)

    assert Heartbeat.objects.filter(name="privacy-apply-retention").exists()


def test_the_demo_runs_it_in_process_at_its_time(db):
    beat = InProcessBeat()
    [job] = [j for j in beat.jobs if j.name == "privacy-apply-retention"]
    job.last_run_at = app.now() - dt.timedelta(days=2)

    ran, _wait = beat.tick()

    assert "privacy-apply-retention" in ran
    assert Heartbeat.objects.filter(name="privacy-apply-retention").exists()


def test_it_leaves_the_stand_ins_alone_however_old(inactive):
    retention.apply_retention()
    stand_in = Participant.objects.get(anonymised_at__isnull=False)
    joined_long_ago(stand_in, last_login=None)

    assert retention.apply_retention().people_anonymised == 0
    assert Participant.objects.filter(pk=stand_in.pk).exists()
