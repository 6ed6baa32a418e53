"""The certificate rule at its threshold, and issuing that is safe to repeat."""

import pytest
from django.test import override_settings

from certificates.models import Certificate
from certificates.services import (
    CertificateError,
    issue_certificate,
    progress_of,
    required_training_days,
)
from participants.models import Registration
from tests import factories


def test_it_requires_six_of_eight_training_days_by_default():
    assert required_training_days(8) == 6


def test_it_rounds_the_share_up():
    assert required_training_days(7) == 6  # 5.25 -> 6
    assert required_training_days(1) == 1


@override_settings(CERTIFICATE_REQUIRED_PERCENT=50)
def test_it_reads_the_share_from_the_setting():
    assert required_training_days(8) == 4


def test_it_does_not_give_the_certificate_for_five_of_eight(
    service_worker, programme, training_days, attend
):
    attend(service_worker, training_days[:5])
    assert not progress_of(participant=service_worker, programme=programme).earned


def test_it_gives_the_certificate_for_six_of_eight(
    service_worker, programme, training_days, attend
):
    attend(service_worker, training_days[:6])
    assert progress_of(participant=service_worker, programme=programme).earned


def test_it_counts_only_days_marked_as_attended(service_worker, programme, training_days, attend):
    attend(service_worker, training_days[:5])
    attend(service_worker, training_days[5:7], attended=False)
    attend(service_worker, training_days[7:], attended=None)
    progress = progress_of(participant=service_worker, programme=programme)
    assert (progress.attended, progress.total, progress.earned) == (5, 8, False)


def test_it_ignores_other_peoples_attendance(
    service_worker, other_service_worker, programme, training_days, attend
):
    attend(other_service_worker, training_days)
    attend(service_worker, training_days[:5])
    assert progress_of(participant=service_worker, programme=programme).attended == 5


def test_it_ignores_attendance_on_cancelled_registrations(
    service_worker, programme, training_days, attend
):
    registrations = attend(service_worker, training_days[:6])
    Registration.objects.filter(pk=registrations[0].pk).update(status=Registration.Status.CANCELLED)
    assert not progress_of(participant=service_worker, programme=programme).earned


def test_it_leaves_cancelled_training_days_out_of_the_total(
    service_worker, programme, training_days, attend
):
    for session in training_days[6:]:
        session.is_cancelled = True
        session.save()
    attend(service_worker, training_days[:5])
    progress = progress_of(participant=service_worker, programme=programme)
    assert (progress.total, progress.required, progress.earned) == (6, 5, True)


def test_it_ignores_leader_gatherings(service_worker, programme, training_days, attend):
    gathering = factories.LeaderGatheringFactory(programme=programme)
    attend(service_worker, [*training_days[:5], gathering])
    assert progress_of(participant=service_worker, programme=programme).attended == 5


def test_it_gives_nothing_for_a_programme_without_training_days(service_worker, programme):
    assert not progress_of(participant=service_worker, programme=programme).earned


def test_it_issues_a_certificate_with_a_verification_code(
    service_worker, programme, training_days, attend
):
    attend(service_worker, training_days[:6])
    certificate = issue_certificate(participant=service_worker, programme=programme)
    assert certificate.training_days_attended == 6
    assert certificate.training_days_total == 8
    assert certificate.issued_by == service_worker.user
    assert len(certificate.code) == 14 and certificate.code.count("-") == 2


def test_it_returns_the_same_certificate_when_issued_twice(
    service_worker, programme, training_days, attend
):
    attend(service_worker, training_days[:6])
    first = issue_certificate(participant=service_worker, programme=programme)
    second = issue_certificate(participant=service_worker, programme=programme)
    assert first.pk == second.pk and first.code == second.code
    assert Certificate.objects.count() == 1


def test_it_refuses_to_issue_before_the_requirement_is_met(
    service_worker, programme, training_days, attend
):
    attend(service_worker, training_days[:5])
    with pytest.raises(CertificateError) as refused:
        issue_certificate(participant=service_worker, programme=programme)
    assert "6" in refused.value.messages[0] and "5" in refused.value.messages[0]
    assert not Certificate.objects.exists()


def test_it_gives_each_certificate_its_own_code(programme, training_days, attend):
    codes = set()
    for _ in range(3):
        participant = factories.ParticipantFactory()
        attend(participant, training_days[:6])
        codes.add(issue_certificate(participant=participant, programme=programme).code)
    assert len(codes) == 3
