"""The programme of a conference or other one-off event: its speakers and their talks.

A talk belongs to one session and lies within its hours; a speaker may give talks at
several events. The event page shows the talks grouped by day (programme.selectors) and
the session's .ics lists them (programme.calendar).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

BIO_MAX_LENGTH = 600


def speaker_photo_path(instance: Speaker, filename: str) -> str:
    """«speakers/<random>.jpg»: nothing of the uploader's file name reaches the disk."""
    extension = PurePosixPath(filename).suffix.lower()[:10]
    return f"speakers/{uuid.uuid4().hex}{extension}"


class Speaker(models.Model):
    """Someone who gives a talk. The photo is public (Django's default storage, MEDIA_ROOT)
    and must come with a text for those who do not see it."""

    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(
        pgettext_lazy("speaker", "job title"),
        max_length=200,
        blank=True,
        help_text=_("E.g. «Daglig leder» or «Psykologspesialist»."),
    )
    organisation = models.CharField(
        pgettext_lazy("speaker", "organisation"),
        max_length=200,
        blank=True,
        help_text=_("Where the speaker works; any organisation, not only participating ones."),
    )
    bio = models.TextField(
        _("short bio"),
        max_length=BIO_MAX_LENGTH,
        blank=True,
        help_text=_("A few sentences for the event page, at most 600 characters."),
    )
    photo = models.ImageField(_("photo"), upload_to=speaker_photo_path, max_length=200, blank=True)
    photo_alt = models.CharField(
        _("photo description (alt text)"),
        max_length=300,
        blank=True,
        help_text=_("What the photo shows, for those who do not see it. Required with a photo."),
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.CheckConstraint(
                condition=Q(photo="") | ~Q(photo_alt=""), name="speaker_photo_has_alt_text"
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.photo_alt = self.photo_alt.strip()
        if self.photo and not self.photo_alt:
            raise ValidationError(
                {"photo_alt": _("Describe what the photo shows for those who do not see it.")}
            )

    @property
    def byline(self) -> str:
        """«Hilde Hem, daglig leder, Nasjonalt senter …»: the name with what is known."""
        return ", ".join(part for part in [self.name, self.title, self.organisation] if part)


class Talk(models.Model):
    """One item of an event's programme: a talk, a panel or a break with a title."""

    session = models.ForeignKey(
        "programme.Session",
        on_delete=models.CASCADE,
        related_name="talks",
        verbose_name=_("session"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    title = models.CharField(_("title"), max_length=200)
    speakers = models.ManyToManyField(
        Speaker, blank=True, related_name="talks", verbose_name=_("speakers")
    )
    room = models.CharField(
        pgettext_lazy("talk", "room"), max_length=100, blank=True, help_text=_("E.g. «Sal 2».")
    )

    class Meta:
        ordering = ["session", "starts_at", "pk"]
        verbose_name = _("talk")
        verbose_name_plural = _("talks")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="talk_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["session", "starts_at"])]

    def __str__(self):
        return self.title

    def clean(self):
        if not (self.starts_at and self.ends_at):
            return
        if self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The talk must end after it starts.")})
        session = self.session if self.session_id else None
        if session is not None and (
            self.starts_at < session.starts_at or self.ends_at > session.ends_at
        ):
            raise ValidationError(
                {"starts_at": _("The talk must lie within the hours of its session.")}
            )

    @property
    def speaker_names(self) -> str:
        """«Hilde Hem og Kari Eksempel», from the prefetched speakers."""
        names = [speaker.name for speaker in self.speakers.all()]
        if len(names) < 2:
            return "".join(names)
        return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


@dataclass
class TalkDay:
    """The talks of one day of an event, in time order."""

    day: dt.date
    talks: list[Talk]


def talks_by_day(talks: list[Talk]) -> list[TalkDay]:
    """Talks in time order, grouped by their day in Oslo."""
    days: list[TalkDay] = []
    for talk in sorted(talks, key=lambda t: (t.starts_at, t.pk)):
        day = timezone.localdate(talk.starts_at)
        if not days or days[-1].day != day:
            days.append(TalkDay(day=day, talks=[]))
        days[-1].talks.append(talk)
    return days


def speakers_of(talks: list[Talk]) -> list[Speaker]:
    """Each speaker of the talks once, in the order they first speak."""
    seen: dict[int, Speaker] = {}
    for talk in talks:
        for speaker in talk.speakers.all():
            seen.setdefault(speaker.pk, speaker)
    return list(seen.values())
