"""A coordinator sets up a supervision group and schedules its meeting, then previews an
invitation to the demo's network meeting, from the workspace: every page on the way
passes axe-core and the structure checks at 320 px."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from participants.models import Registration
from programme.models import Programme, Session

from .test_axe_crawl import page_problems


def test_supervision_groups_and_an_invitation_from_the_workspace(demo_coordinator):
    page = demo_coordinator
    programme = Programme.objects.get()
    page.get_by_role("link", name="Veiledningsgrupper og samlingene deres").click()
    problems = page_problems(page)

    page.get_by_role("link", name="Ny veiledningsgruppe").click()
    problems += page_problems(page)
    page.get_by_label("Navn").fill("Veiledningsgruppe Hadeland")
    page.get_by_label("Region").fill("Hadeland")
    page.get_by_role("button", name="Lagre gruppen").click()
    assert "Veiledningsgruppen er lagret." in page.locator("main").inner_text()

    page.get_by_role("link", name="Planlegg en samling for Veiledningsgruppe Hadeland").click()
    problems += page_problems(page)
    day = timezone.localdate() + dt.timedelta(days=20)
    page.get_by_label("Dag").fill(day.isoformat())
    page.get_by_label("Starter").fill("09:30")
    page.get_by_label("Slutter").fill("12:00")
    page.get_by_label("Lenke til nettmøte").fill("https://video.example.no/hadeland")
    page.get_by_role("button", name="Planlegg samlingen").click()
    assert "Samlingen er planlagt" in page.locator("main").inner_text()

    meeting = Session.objects.get(programme=programme, kind=Session.Kind.NETWORK_MEETING)
    attended = Registration.objects.filter(
        session__programme=programme, session__kind=Session.Kind.TRAINING_DAY
    )
    Registration.objects.filter(pk__in=attended.values("pk")[:3]).update(attended=True)
    page.goto(page.base_url + reverse("coordination:invite", args=[meeting.pk]))
    problems += page_problems(page)
    page.get_by_label("Melding").fill("Velkommen til nettverkssamling.")
    page.get_by_role("button", name="Vis e-posten og hvem som får den").click()
    main = page.locator("main").inner_text()
    assert "E-posten slik den blir mottatt" in main
    assert "Velkommen til nettverkssamling." in main
    problems += page_problems(page)
    assert not problems, "\n".join(problems)
