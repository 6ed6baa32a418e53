"""A confirmed leader's Min side with «Dette må gjøres» filled: staff waiting, the next
report, a late milestone, staff on a waiting list; axe-core and the structure checks pass
at 320 px, and the confirm link leads to the confirmation on «Min enhet»."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from implementation.models import Milestone, Phase
from participants.models import Registration
from tests import factories

from .test_axe_crawl import NARROW, page_problems


def test_a_leaders_min_side_lists_what_needs_doing(
    page, log_in, programme, leader, service_worker, unconfirmed_member, other_leader
):
    programme.starts_on = timezone.localdate() - dt.timedelta(days=60)
    programme.save(update_fields=["starts_on"])
    enrolment = factories.EnrolmentFactory(programme=programme, organisation=leader.organisation)
    factories.EnrolmentFactory(programme=programme, organisation=other_leader.organisation)
    factories.UnconfirmedMemberFactory(
        organisation=other_leader.organisation, full_name="Per Annenkommune"
    )
    factories.LeaderGatheringFactory(
        programme=programme, title="Lederrollen", starts_at=timezone.now() + dt.timedelta(40)
    )
    phase = Phase.objects.create(programme=programme, order=1, name="Forankring")
    Milestone.objects.create(
        phase=phase,
        order=1,
        title="Ressursgruppen er etablert med et langt navn som må brytes på smale skjermer",
        goal=factories.GoalFactory(programme=programme, number=1),
        due_days=30,
    )
    session = factories.SessionFactory(programme=programme, title="Samtaler med barn")
    factories.RegistrationFactory(
        participant=service_worker, session=session, status=Registration.Status.WAITLISTED
    )

    log_in(leader)
    page.set_viewport_size(NARROW)
    page.goto(page.base_url + reverse("mypage:dashboard"))
    todo = page.locator("section[aria-labelledby=todo-heading]")
    assert todo.get_by_role("heading", level=2).inner_text() == "Dette må gjøres"
    text = todo.inner_text()
    assert "Una Ubekreftet" in text and "Per Annenkommune" not in text
    assert "Før Ledersamling" in text and "Lederrollen" in text
    assert "(forsinket)" in text
    assert "Tor Tjenesteutøver, nr. 1 på ventelisten til" in text
    problems = page_problems(page)
    assert not problems, "\n".join(problems)

    todo.get_by_role("link", name="Bekreft Una Ubekreftet").click()
    page.wait_for_url(
        page.base_url
        + reverse(
            "resourcegroups:confirm_member",
            kwargs={"enrolment": enrolment.pk, "participant": unconfirmed_member.pk},
        )
    )
    assert "Una Ubekreftet" in page.locator("main").inner_text()
