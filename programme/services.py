"""Write rules for the programme: setting up a new cohort from an earlier one."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from .models import ContactPerson, Goal, Material, Programme, Session, Theme


def weeks_between(earlier: dt.date, later: dt.date) -> int:
    """The whole number of weeks nearest to the days from `earlier` to `later`."""
    return round((later - earlier).days / 7)


def moved(moment: dt.datetime, weeks: int) -> dt.datetime:
    """The same Oslo clock time and weekday `weeks` weeks later, across a daylight-saving
    change too (09.00 stays 09.00, not 08.00 or 10.00)."""
    local = timezone.localtime(moment)
    # zoneinfo gives the new day its own UTC offset.
    return dt.datetime.combine(local.date() + dt.timedelta(weeks=weeks), local.time(), local.tzinfo)


@transaction.atomic
def copy_programme(
    *, source: Programme, name: str, slug: str, region: str, starts_on: dt.date
) -> Programme:
    """A new, unpublished cohort set up like `source`: its goals, themes, contact persons
    and sessions with their themes and materials. The programme and its sessions move by
    the whole number of weeks nearest to the shift from `source` to `starts_on`, so each
    session keeps its weekday and Oslo clock time and stays within the programme's dates.
    Nothing about people is copied: no enrolments, registrations, groups or news."""
    weeks = weeks_between(source.starts_on, starts_on)
    shift = dt.timedelta(weeks=weeks)
    programme = Programme.objects.create(
        name=name,
        slug=slug,
        region=region,
        tagline=source.tagline,
        introduction=source.introduction,
        starts_on=source.starts_on + shift,
        ends_on=source.ends_on + shift,
        organisers=source.organisers,
        is_free_of_charge=source.is_free_of_charge,
        time_commitment=source.time_commitment,
        reminder_days=list(source.reminder_days),
        is_published=False,
    )
    Goal.objects.bulk_create(
        Goal(programme=programme, number=goal.number, text=goal.text) for goal in source.goals.all()
    )
    ContactPerson.objects.bulk_create(
        ContactPerson(
            programme=programme,
            order=person.order,
            name=person.name,
            title=person.title,
            phone=person.phone,
            email=person.email,
        )
        for person in source.contact_persons.all()
    )
    themes = _copy_themes(source, programme)
    for session in source.sessions.prefetch_related("themes", "materials"):
        _copy_session(session, programme, weeks=weeks, themes=themes)
    return programme


def _copy_themes(source: Programme, programme: Programme) -> dict[int, Theme]:
    """The new programme's themes by the pk of the theme each copies; parents first."""
    copies: dict[int, Theme] = {}
    pending = list(source.themes.all())
    while pending:
        ready = [t for t in pending if t.parent_id is None or t.parent_id in copies]
        if not ready:  # a parent outside the programme: keep the themes, at the top
            ready = pending
        for theme in ready:
            copies[theme.pk] = Theme.objects.create(
                programme=programme,
                order=theme.order,
                title=theme.title,
                description=theme.description,
                parent=copies.get(theme.parent_id) if theme.parent_id is not None else None,
            )
        pending = [t for t in pending if t.pk not in copies]
    return copies


def _copy_session(session: Session, programme: Programme, *, weeks: int, themes) -> Session:
    copy = Session.objects.create(
        programme=programme,
        kind=session.kind,
        number=session.number,
        title=session.title,
        description=session.description,
        starts_at=moved(session.starts_at, weeks),
        ends_at=moved(session.ends_at, weeks),
        venue_id=session.venue_id,
        online_url=session.online_url,
        capacity=session.capacity,
        registration_deadline=moved(session.registration_deadline, weeks),
        audience=session.audience,
    )
    copy.themes.set([themes[t.pk] for t in session.themes.all() if t.pk in themes])
    # The copy's materials share the stored files: removing one keeps a file another uses.
    Material.objects.bulk_create(
        Material(
            session=copy,
            title=material.title,
            url=material.url,
            file=material.file.name,
            original_name=material.original_name,
            content_type=material.content_type,
            size=material.size,
        )
        for material in session.materials.all()
    )
    return copy
