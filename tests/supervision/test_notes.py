"""The supervisor's short note from a meeting: written and changed by the group's
supervisor (or a coordinator), shown on the group's page to them only, never to the
group's members; with the standing warning; bad input loses nothing saved."""

import pytest
from django.urls import reverse

from supervision.models import MeetingNote
from tests import factories


def note_url(group, session):
    return reverse("supervision:note", kwargs={"pk": group.pk, "session": session.pk})


@pytest.fixture
def meeting(supervision_group):
    return supervision_group.meetings.get()


def test_the_supervisor_writes_and_changes_the_note(login, supervisor, supervision_group, meeting):
    client = login(supervisor)
    page = client.get(note_url(supervision_group, meeting))
    assert page.status_code == 200
    assert "Ikke skriv noe om pasienter eller pårørende" in page.content.decode()
    response = client.post(note_url(supervision_group, meeting), {"text": "Vi snakket om rutiner."})
    assert response.status_code == 302
    assert response["Location"] == supervision_group.get_absolute_url()
    client.post(note_url(supervision_group, meeting), {"text": "Vi snakket om rutiner og tid."})
    note = MeetingNote.objects.get()
    assert note.text == "Vi snakket om rutiner og tid."
    assert note.written_by == supervisor.user
    group_page = client.get(supervision_group.get_absolute_url()).content.decode()
    assert "Vi snakket om rutiner og tid." in group_page
    assert "Les eller endre notatet" in group_page


def test_bad_input_gets_a_norwegian_message_and_keeps_the_saved_note(
    login, supervisor, supervision_group, meeting
):
    client = login(supervisor)
    client.post(note_url(supervision_group, meeting), {"text": "Første notat."})
    for text, message in (
        ("   ", "Skriv notatet, eller gå tilbake uten å lagre."),
        ("x" * 2001, "Skriv høyst 2000 tegn."),
    ):
        response = client.post(note_url(supervision_group, meeting), {"text": text})
        assert response.status_code == 200
        assert message in response.content.decode()
    assert MeetingNote.objects.get().text == "Første notat."


def test_members_never_see_the_notes(login, service_worker, supervision_group, meeting):
    MeetingNote.objects.create(group=supervision_group, session=meeting, text="Hemmelig notat.")
    client = login(service_worker)
    page = client.get(supervision_group.get_absolute_url())
    assert page.status_code == 200
    assert "Hemmelig notat." not in page.content.decode()
    assert client.get(note_url(supervision_group, meeting)).status_code == 404
    assert client.post(note_url(supervision_group, meeting), {"text": "Nei."}).status_code == 404
    assert MeetingNote.objects.get().text == "Hemmelig notat."


def test_a_coordinator_reads_and_writes_it(coordinator_client, supervision_group, meeting):
    MeetingNote.objects.create(group=supervision_group, session=meeting, text="Notat fra møtet.")
    assert (
        "Notat fra møtet."
        in coordinator_client.get(supervision_group.get_absolute_url()).content.decode()
    )
    assert coordinator_client.get(note_url(supervision_group, meeting)).status_code == 200


def test_another_supervisor_and_a_foreign_session_get_404(
    login, supervision_group, meeting, programme
):
    other = factories.SupervisorFactory(full_name="Siv Annenveileder")
    assert login(other).get(note_url(supervision_group, meeting)).status_code == 404
    foreign = factories.SupervisionMeetingFactory(programme=programme, number=9)
    client = login(supervision_group.supervisor)
    assert client.get(note_url(supervision_group, foreign)).status_code == 404


def test_anonymous_goes_to_log_in(client, supervision_group, meeting):
    response = client.get(note_url(supervision_group, meeting))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
