"""Regional supervision groups set up from the workspace, not the admin: a group with
its supervisor and members from the programme's units, changed later, and its meetings
scheduled (numbered, open to its members only); bad input answered in Norwegian."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from programme.models import Session
from registrations import services as registrations
from resourcegroups.models import SupervisionGroup
from tests import factories


@pytest.fixture
def staff(programme):
    enrolment = factories.EnrolmentFactory(programme=programme)
    return [
        factories.ParticipantFactory(full_name=name, organisation=enrolment.organisation)
        for name in ("Ada Ansatt", "Bo Ansatt")
    ]


def new_url(programme):
    return reverse("coordination:new_supervision_group", args=[programme.slug])


def test_a_coordinator_sets_up_a_group_and_changes_it(
    coordinator_client, programme, supervisor, staff
):
    outsider = factories.ParticipantFactory(full_name="Ute Utenfor")  # unit not enrolled
    page = coordinator_client.get(new_url(programme)).content.decode()
    assert "Ada Ansatt" in page and "Ute Utenfor" not in page
    response = coordinator_client.post(
        new_url(programme),
        {
            "name": "Veiledningsgruppe Toten",
            "region": "Toten",
            "supervisor": supervisor.pk,
            "members": [staff[0].pk],
        },
    )
    assert response.status_code == 302
    group = SupervisionGroup.objects.get(name="Veiledningsgruppe Toten")
    assert group.programme == programme and group.supervisor == supervisor
    assert list(group.members.all()) == [staff[0]]
    edit = reverse("coordination:supervision_group", args=[group.pk])
    coordinator_client.post(
        edit,
        {
            "name": group.name,
            "region": "Toten",
            "supervisor": supervisor.pk,
            "members": [s.pk for s in staff],
        },
    )
    assert set(group.members.all()) == set(staff)
    response = coordinator_client.post(
        edit, {"name": group.name, "region": "Toten", "members": [outsider.pk]}
    )
    assert "Velg medlemmer fra listen." in response.content.decode()
    assert set(group.members.all()) == set(staff)  # nothing saved lost


def test_bad_input_for_a_group_gets_norwegian_messages(coordinator_client, programme, staff):
    text = coordinator_client.post(
        new_url(programme), {"name": "", "region": "", "supervisor": "abc"}
    ).content.decode()
    assert "Gi gruppen et navn." in text
    assert "Skriv regionen gruppen møtes i." in text
    assert "Velg en veileder fra listen." in text
    assert not SupervisionGroup.objects.exists()


def meeting_data(**extra):
    day = timezone.localdate() + dt.timedelta(days=14)
    return {
        "title": "Veiledning Toten",
        "day": day.isoformat(),
        "starts": "09:30",
        "ends": "12:00",
        "online_url": "https://video.example.no/toten",
        "capacity": "8",
        **extra,
    }


def test_a_scheduled_meeting_is_numbered_and_open_to_the_group_only(
    coordinator_client, supervision_group, service_worker, programme
):
    url = reverse("coordination:schedule_supervision", args=[supervision_group.pk])
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(url, meeting_data())
    assert response.status_code == 302
    session = supervision_group.meetings.order_by("-number").first()
    assert session.title == "Veiledning Toten"
    assert session.kind == Session.Kind.SUPERVISION
    assert session.number == 2  # after the group's first meeting
    local = timezone.localtime(session.starts_at)
    assert (local.hour, local.minute) == (9, 30)
    assert session.registration_deadline == session.starts_at
    assert registrations.register(participant=service_worker, session=session).status == "confirmed"
    outsider = factories.ParticipantFactory()
    with pytest.raises(registrations.RegistrationError):
        registrations.register(participant=outsider, session=session)


def test_bad_meeting_input_gets_norwegian_messages(coordinator_client, supervision_group):
    url = reverse("coordination:schedule_supervision", args=[supervision_group.pk])
    count = supervision_group.meetings.count()
    for data, message in (
        (meeting_data(ends="09:00"), "Samlingen må slutte etter at den begynner."),
        (meeting_data(day="2020-01-01"), "Velg en dag som ikke er passert."),
        (meeting_data(day="31.02.2027"), "Skriv dagen som dd.mm.åååå."),
        (meeting_data(online_url=""), "Velg et sted eller skriv en lenke til nettmøtet."),
        (meeting_data(capacity="0"), "Gi samlingen minst én plass."),
    ):
        response = coordinator_client.post(url, data)
        assert response.status_code == 200
        assert message in response.content.decode(), message
    assert supervision_group.meetings.count() == count


def test_only_coordinators(client, login, leader, supervisor, supervision_group, programme):
    urls = [
        reverse("coordination:supervision_groups"),
        new_url(programme),
        reverse("coordination:supervision_group", args=[supervision_group.pk]),
        reverse("coordination:schedule_supervision", args=[supervision_group.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302
    for person in (leader, supervisor):
        for url in urls:
            assert login(person).get(url).status_code == 404


def test_the_list_shows_each_group_with_its_meetings(coordinator_client, supervision_group):
    text = coordinator_client.get(reverse("coordination:supervision_groups")).content.decode()
    assert "Veiledningsgruppe Gjøvik" in text
    assert "Planlegg en samling for Veiledningsgruppe Gjøvik" in text
