"""The invitation after a session and the one reminder three days later, sent once."""

import datetime as dt

from django.utils import timezone

from evaluations import services
from evaluations.tasks import send_evaluation_emails
from notifications.models import Email
from tests import factories

from .conftest import attend, ended_session


def run(now=None, *, capture):
    with capture(execute=True):
        return services.send_evaluation_emails(now=now)


def test_each_attendee_gets_one_invitation_with_the_link(
    training_day, mailoutbox, django_capture_on_commit_callbacks
):
    people = [attend(training_day).participant for _ in range(2)]
    attend(training_day, attended=False)
    attend(training_day, attended=None)

    assert run(capture=django_capture_on_commit_callbacks) == (2, 0)
    assert run(capture=django_capture_on_commit_callbacks) == (0, 0)  # the next hour

    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.user.email for p in people)
    assert f"/evaluering/{training_day.pk}/" in mailoutbox[0].body
    assert mailoutbox[0].subject.startswith("Hva syntes du om")


def test_the_task_sends_and_writes_its_heartbeat(training_day, mailoutbox):
    attend(training_day)
    send_evaluation_emails.apply(throw=True)
    assert Email.objects.filter(key__startswith="evaluation:").count() == 1


def test_no_invitation_before_the_end_after_30_days_or_without_questions(
    programme, questions, mailoutbox, django_capture_on_commit_callbacks
):
    running = factories.SessionFactory(
        programme=programme,
        starts_at=timezone.now() - dt.timedelta(hours=1),
        registration_deadline=timezone.now() - dt.timedelta(days=8),
    )
    attend(running)
    attend(ended_session(days_ago=31, programme=programme))
    attend(ended_session(programme=factories.ProgrammeFactory()))  # no questions
    attend(ended_session(programme=programme, factory=factories.SupervisionMeetingFactory))
    attend(ended_session(programme=programme, is_cancelled=True))
    assert run(capture=django_capture_on_commit_callbacks) == (0, 0)
    assert mailoutbox == []


def test_a_leader_gathering_is_evaluated_too(
    programme, questions, mailoutbox, django_capture_on_commit_callbacks
):
    attend(ended_session(programme=programme, factory=factories.LeaderGatheringFactory))
    assert run(capture=django_capture_on_commit_callbacks) == (1, 0)


def test_the_reminder_goes_once_after_three_days_to_those_who_have_not_answered(
    training_day, questions, mailoutbox, django_capture_on_commit_callbacks
):
    quiet, answering = attend(training_day).participant, attend(training_day).participant
    run(capture=django_capture_on_commit_callbacks)
    services.submit_evaluation(
        participant=answering, session=training_day, answers={questions[0]: 4}
    )
    mailoutbox.clear()
    now = timezone.now()

    assert run(
        now + dt.timedelta(days=2, hours=23), capture=django_capture_on_commit_callbacks
    ) == (0, 0)
    assert run(
        now + dt.timedelta(days=3, minutes=1), capture=django_capture_on_commit_callbacks
    ) == (0, 1)
    assert run(now + dt.timedelta(days=4), capture=django_capture_on_commit_callbacks) == (0, 0)

    assert [m.to for m in mailoutbox] == [[quiet.user.email]]
    assert mailoutbox[0].subject.startswith("Påminnelse:")


def test_no_reminder_once_the_evaluation_has_closed(
    programme, questions, mailoutbox, django_capture_on_commit_callbacks
):
    late = ended_session(days_ago=29, programme=programme)
    attend(late)
    run(capture=django_capture_on_commit_callbacks)
    assert run(
        timezone.now() + dt.timedelta(days=3), capture=django_capture_on_commit_callbacks
    ) == (0, 0)
    assert len(mailoutbox) == 1


def test_someone_marked_attending_later_is_invited_by_the_next_run(
    training_day, mailoutbox, django_capture_on_commit_callbacks
):
    registration = attend(training_day, attended=None)
    assert run(capture=django_capture_on_commit_callbacks) == (0, 0)
    registration.attended = True
    registration.save()
    assert run(capture=django_capture_on_commit_callbacks) == (1, 0)
