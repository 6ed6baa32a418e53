"""Deleting one's own account (privacy.services.delete_account): the waiting
list moves on, the person's data and emails go, the organisation's work stays."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from certificates.models import Certificate
from notifications.models import Email
from participants.models import Participant, Registration
from privacy import services
from resourcegroups.models import (
    Meeting,
    Membership,
    Offer,
    ProgressReport,
    Routine,
)
from tests import factories

User = get_user_model()
CONFIRMED = Registration.Status.CONFIRMED
WAITLISTED = Registration.Status.WAITLISTED


def test_it_gives_the_freed_seat_to_the_first_on_the_waiting_list(
    service_worker, other_service_worker, full_session
):
    services.delete_account(user=service_worker.user)

    promoted = Registration.objects.get(participant=other_service_worker, session=full_session)
    assert promoted.status == CONFIRMED
    assert Email.objects.filter(
        kind=Email.Kind.PROMOTED, registration=promoted, recipient=other_service_worker.user
    ).exists()


def test_it_emails_the_promoted_person_and_not_the_deleted_one(
    service_worker,
    other_service_worker,
    full_session,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    address = service_worker.user.email
    # The registrations' own emails count as delivered already.
    Email.objects.update(status=Email.Status.SENT, sent_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_account(user=service_worker.user)

    assert [message.to for message in mailoutbox] == [[other_service_worker.user.email]]
    assert not Email.objects.filter(to_email__iexact=address).exists()


def test_it_deletes_the_outbox_rows_sent_to_the_persons_addresses(service_worker):
    user = service_worker.user
    Email.objects.create(key="other:1", kind=Email.Kind.OTHER, recipient=user, to_email=user.email)
    # A row kept only by address, e.g. one whose recipient was already unlinked.
    Email.objects.create(key="other:2", kind=Email.Kind.OTHER, to_email=user.email.upper())
    kept = Email.objects.create(key="other:3", kind=Email.Kind.OTHER, to_email="annen@example.no")

    services.delete_account(user=user)

    assert list(Email.objects.values_list("pk", flat=True)) == [kept.pk]


def test_it_keeps_another_persons_emails_whatever_address_was_added_unverified(
    service_worker, other_service_worker
):
    other = other_service_worker.user
    # allauth lets anyone add an address; unverified, it may be somebody else's.
    EmailAddress.objects.create(user=service_worker.user, email=other.email, verified=False)
    theirs = Email.objects.create(
        key="other:1", kind=Email.Kind.OTHER, recipient=other, to_email=other.email
    )
    unclaimed = Email.objects.create(key="other:2", kind=Email.Kind.OTHER, to_email=other.email)

    services.delete_account(user=service_worker.user)

    assert set(Email.objects.values_list("pk", flat=True)) >= {theirs.pk, unclaimed.pk}


def test_it_keeps_rows_for_another_recipient_at_a_shared_address(service_worker):
    colleague = factories.ParticipantFactory(full_name="Kari Kollega").user
    address = service_worker.user.email
    shared = Email.objects.create(
        key="other:1", kind=Email.Kind.OTHER, recipient=colleague, to_email=address
    )

    services.delete_account(user=service_worker.user)

    assert Email.objects.filter(pk=shared.pk).exists()


def test_it_keeps_past_attendance_without_the_person_and_deletes_certificates(
    service_worker, programme
):
    past = factories.session_in_days(-30, programme=programme)
    attended = factories.RegistrationFactory(
        participant=service_worker, session=past, attended=True
    )
    issued = factories.CertificateFactory(participant=service_worker, programme=programme)

    services.delete_account(user=service_worker.user)

    attended.refresh_from_db()
    assert attended.attended is True
    assert attended.participant.is_anonymised
    assert attended.participant.organisation == service_worker.organisation
    assert not Certificate.objects.filter(pk=issued.pk).exists()
    assert not Participant.objects.filter(pk=service_worker.pk).exists()
    assert not User.objects.filter(pk=service_worker.user_id).exists()


def test_it_does_not_cancel_what_is_over(service_worker, other_service_worker):
    """A past session's waiting list is left alone: nobody is promoted to a day gone by."""
    past = factories.session_in_days(-3, capacity=1)
    factories.RegistrationFactory(participant=service_worker, session=past)
    waiting = factories.RegistrationFactory(
        participant=other_service_worker, session=past, status=WAITLISTED
    )

    services.delete_account(user=service_worker.user)

    waiting.refresh_from_db()
    assert waiting.status == WAITLISTED
    assert not Email.objects.filter(kind=Email.Kind.PROMOTED).exists()


def test_it_keeps_a_submitted_progress_report_without_its_author(leader, programme):
    enrolment = factories.EnrolmentFactory(programme=programme, organisation=leader.organisation)
    report = factories.ProgressReportFactory(
        enrolment=enrolment,
        status=ProgressReport.Status.SUBMITTED,
        created_by=leader.user,
        submitted_by=leader.user,
        submitted_at=timezone.now(),
    )

    services.delete_account(user=leader.user)

    report.refresh_from_db()
    assert (report.created_by, report.submitted_by) == (None, None)
    assert report.done_since_last == "Startet ressursgruppen."


def test_it_keeps_the_organisations_routines_offers_and_meetings(leader, programme):
    enrolment = factories.EnrolmentFactory(programme=programme, organisation=leader.organisation)
    group = factories.ResourceGroupFactory(enrolment=enrolment, contact_person=leader)
    Membership.objects.create(group=group, participant=leader)
    routine = factories.RoutineFactory(enrolment=enrolment, created_by=leader.user)
    offer = factories.OfferFactory(enrolment=enrolment, created_by=leader.user)
    meeting = factories.MeetingFactory(group=group, recorded_by=leader.user)

    services.delete_account(user=leader.user)

    assert Routine.objects.get(pk=routine.pk).created_by is None
    assert Offer.objects.get(pk=offer.pk).created_by is None
    assert Meeting.objects.get(pk=meeting.pk).recorded_by is None
    group.refresh_from_db()
    assert group.contact_person is None
    assert not group.memberships.exists()


PERSONAL = {
    # What is about the person and goes with them; every other relation keeps its row.
    ("participants.Participant", "user"),
    # Moved to the anonymous stand-in first (privacy.anonymisation); nothing is left.
    ("participants.Registration", "participant"),
    ("resourcegroups.Membership", "participant"),
    ("implementation.MilestoneKeeper", "participant"),  # their right to mark milestones
    ("resourcegroups.SupervisionGroup_members", "participant"),
    ("certificates.Certificate", "participant"),
    # That they answered an evaluation, moved to the stand-in first; what they answered
    # has no person and stays.
    ("evaluations.Respondent", "participant"),
    ("account.EmailAddress", "user"),
    # The exports and messages they asked for (kept a day), with their files.
    ("progress.Job", "owner"),
    ("admin.LogEntry", "user"),
    ("auth.User_groups", "user"),
    ("auth.User_user_permissions", "user"),
}
# Audit rows keep the user they are about without a constraint; deleting the user shreds
# them (audit.shred_person, from the user's delete signals), the row stays.
SHREDDED = {("audit.Entry", "person")}


def test_it_cascades_only_to_personal_data():
    """Every foreign key to a user or a participant either goes with the person (the
    list above) or is set to NULL: a PROTECT would block deletion, a new CASCADE would
    take the organisation's work with it."""
    found = {}
    for model in [*django_models(), *auto_through_models()]:
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in (User, Participant):
                found[(model._meta.label, field.name)] = field.remote_field.on_delete
    cascades = {key for key, on_delete in found.items() if on_delete is models.CASCADE}
    others = {on_delete for key, on_delete in found.items() if key not in PERSONAL | SHREDDED}
    assert cascades == PERSONAL
    assert others == {models.SET_NULL}
    assert {found[key] for key in SHREDDED} == {models.DO_NOTHING}


def django_models():
    from django.apps import apps

    return apps.get_models()


def auto_through_models():
    return [
        field.remote_field.through
        for model in django_models()
        for field in model._meta.local_many_to_many
        if field.remote_field.through._meta.auto_created
    ]


@pytest.mark.parametrize("persona", ["coordinator", "superuser"])
def test_it_refuses_to_delete_a_coordinator_or_superuser(db, request, persona):
    if persona == "superuser":
        person = factories.ParticipantFactory(user__is_superuser=True)
    else:
        person = request.getfixturevalue("coordinator")
        person.user.is_superuser = False
        person.user.save()
    registration = factories.RegistrationFactory(
        participant=person, session=factories.session_in_days(5)
    )

    with pytest.raises(services.AccountDeletionError, match="koordinator"):
        services.delete_account(user=person.user)

    registration.refresh_from_db()
    assert registration.status == CONFIRMED
    assert Participant.objects.filter(pk=person.pk).exists()
