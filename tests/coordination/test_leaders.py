"""Confirming leaders in the workspace: a list of those waiting, confirm and turn down
after a confirmation step, the person told by email through the outbox, once."""

import pytest
from django.urls import reverse

from notifications.models import Email
from participants.leadership import AlreadyDecided, confirm_leader, turn_down_leader
from participants.models import Participant
from tests import factories

LEADERS = reverse("coordination:leaders")


@pytest.fixture
def waiting(organisation):
    return factories.LeaderFactory(
        organisation=organisation, leader_confirmed=False, full_name="Vera Venter"
    )


def confirm_url(person):
    return reverse("coordination:confirm_leader", args=[person.pk])


def turn_down_url(person):
    return reverse("coordination:turn_down_leader", args=[person.pk])


def test_it_lists_the_leaders_waiting_with_a_way_to_confirm_or_turn_down_each(
    coordinator_client, waiting, leader
):
    page = coordinator_client.get(LEADERS).text
    assert "Vera Venter" in page
    assert leader.full_name not in page
    assert f'href="{confirm_url(waiting)}"' in page
    assert f'href="{turn_down_url(waiting)}"' in page


def test_the_confirmation_step_changes_nothing(coordinator_client, waiting, mailoutbox):
    page = coordinator_client.get(confirm_url(waiting))
    assert page.status_code == 200
    assert "Bekrefte Vera Venter som leder?" in page.text
    assert coordinator_client.get(turn_down_url(waiting)).status_code == 200
    waiting.refresh_from_db()
    assert (waiting.role, waiting.leader_confirmed) == (Participant.Role.LEADER, False)
    assert not Email.objects.exists()


def test_confirming_makes_a_leader_and_emails_them(
    coordinator_client, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(confirm_url(waiting), follow=True)
    waiting.refresh_from_db()
    assert waiting.is_confirmed_leader
    assert "er bekreftet som leder" in response.text
    [email] = mailoutbox
    assert email.to == [waiting.user.email]
    assert email.subject.endswith("Du er bekreftet som leder i Familiestøtte")
    assert waiting.organisation.name in email.body
    assert "Hei Vera Venter," in email.body


def test_turning_down_keeps_the_account_as_a_service_worker_and_emails_the_note(
    coordinator_client, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(turn_down_url(waiting), {"note": "Lederen er Lise Leder."})
    waiting.refresh_from_db()
    assert (waiting.role, waiting.leader_confirmed) == (Participant.Role.SERVICE_WORKER, False)
    assert waiting.organisation is not None
    [email] = mailoutbox
    assert email.to == [waiting.user.email]
    assert "ikke bekreftet" in email.subject
    assert "Lederen er Lise Leder." in email.body


def test_a_second_post_decides_and_emails_nothing_more(
    coordinator_client, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(confirm_url(waiting))
        again = coordinator_client.post(turn_down_url(waiting), follow=True)
    waiting.refresh_from_db()
    assert waiting.is_confirmed_leader
    assert "Noen har allerede bestemt" in again.text
    assert Email.objects.count() == 1
    assert len(mailoutbox) == 1


def test_a_too_long_note_is_refused_in_norwegian_and_kept(coordinator_client, waiting):
    response = coordinator_client.post(turn_down_url(waiting), {"note": "x" * 1001})
    assert response.status_code == 200
    assert "Skriv høyst 1000 tegn." in response.text
    assert "x" * 1001 in response.text
    waiting.refresh_from_db()
    assert waiting.role == Participant.Role.LEADER
    assert not Email.objects.exists()


@pytest.mark.parametrize("url", [confirm_url, turn_down_url])
def test_it_answers_404_for_someone_not_waiting(coordinator_client, leader, service_worker, url):
    assert coordinator_client.get(url(leader)).status_code == 404
    assert coordinator_client.get(url(service_worker)).status_code == 404
    assert (
        coordinator_client.get(reverse("coordination:confirm_leader", args=[98765])).status_code
        == 404
    )


def test_a_leader_cannot_confirm_another(login, leader, waiting):
    client = login(leader)
    assert client.post(confirm_url(waiting)).status_code == 404
    waiting.refresh_from_db()
    assert not waiting.leader_confirmed


def test_deciding_twice_in_the_service_is_refused(waiting):
    confirm_leader(participant_id=waiting.pk)
    with pytest.raises(AlreadyDecided):
        turn_down_leader(participant_id=waiting.pk)
    waiting.refresh_from_db()
    assert waiting.is_confirmed_leader
    assert Email.objects.count() == 1


def test_the_admin_action_confirms_and_tells_each_person_waiting(
    coordinator_client, waiting, leader, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("admin:participants_participant_changelist"),
            {"action": "confirm_leader_role", "_selected_action": [waiting.pk, leader.pk]},
            follow=True,
        )
    waiting.refresh_from_db()
    assert waiting.is_confirmed_leader
    assert [m.to for m in mailoutbox] == [[waiting.user.email]]
    assert "1 lederroller bekreftet." in response.text


def test_the_leaders_pages_query_count_stays_the_same_with_ten_times_the_leaders(
    coordinator_client, waiting, assert_queries
):
    # 1 auth session, 2 user with participant, 3 leaders waiting with users and organisations
    with assert_queries(3):
        coordinator_client.get(LEADERS)
    factories.LeaderFactory.create_batch(10, leader_confirmed=False)
    with assert_queries(3):
        response = coordinator_client.get(LEADERS)
    assert len(response.context["leaders"]) == 11
