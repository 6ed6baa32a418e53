"""The programme as coordinators set it up: cohorts, their sessions, venues and themes."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import uploads


def default_reminder_days():
    return [7, 1]


class ProgrammeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def current(self):
        """The published programme that ends last: what the front page shows."""
        return self.published().order_by("-ends_on", "-starts_on").first()


class Programme(models.Model):
    """One run (cohort) of the competence programme, e.g. Oppland 2018."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    region = models.CharField(_("region"), max_length=100)
    tagline = models.CharField(_("tagline"), max_length=300, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    organisers = models.CharField(_("organisers"), max_length=300, blank=True)
    is_free_of_charge = models.BooleanField(_("free of charge"), default=True)
    time_commitment = models.TextField(
        _("time commitment"),
        blank=True,
        help_text=_("What participating units commit to set time aside for."),
    )
    reminder_days = models.JSONField(
        _("reminder days before each session"),
        default=default_reminder_days,
        help_text=_("Whole days before a session when confirmed participants are reminded."),
    )
    is_published = models.BooleanField(_("published"), default=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="programme_ends_after_start",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programme:detail", kwargs={"slug": self.slug})

    def clean(self):
        days = self.reminder_days
        if not isinstance(days, list) or not all(isinstance(d, int) and 0 <= d <= 60 for d in days):
            raise ValidationError(
                {"reminder_days": _("Give a list of whole days between 0 and 60, e.g. [7, 1].")}
            )


class Goal(models.Model):
    """One of the programme's aims (målsetting), which leaders report progress against."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="goals", verbose_name=_("programme")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.CharField(_("text"), max_length=300)

    class Meta:
        ordering = ["programme", "number"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="unique_goal_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.text}"


class Theme(models.Model):
    """A central theme of the training days (sentrale tema)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="themes", verbose_name=_("programme")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of theme"),
    )

    class Meta:
        ordering = ["programme", "order", "pk"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.title


class Venue(models.Model):
    name = models.CharField(_("name"), max_length=200)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    city = models.CharField(_("city"), max_length=100)
    directions = models.TextField(
        _("directions and accessibility"),
        blank=True,
        help_text=_("How to get there, parking, step-free access, hearing loop."),
    )

    class Meta:
        ordering = ["city", "name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self):
        return f"{self.name}, {self.city}"

    @property
    def full_address(self) -> str:
        place = " ".join(part for part in [self.postal_code, self.city] if part)
        return ", ".join(part for part in [self.name, self.street_address, place] if part)


class SessionQuerySet(models.QuerySet):
    def with_seat_counts(self) -> "SessionQuerySet":
        """Annotate confirmed and waitlisted counts in the same query."""
        return self.annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status="confirmed"), distinct=True
            ),
            waitlisted_count=Count(
                "registrations", filter=Q(registrations__status="waitlisted"), distinct=True
            ),
        )

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now())


class Session(models.Model):
    """A dated meeting of the programme: a training day, a leader gathering, and so on."""

    class Kind(models.TextChoices):
        TRAINING_DAY = "training_day", _("Training day")
        LEADER_GATHERING = "leader_gathering", _("Leader gathering")
        SUPERVISION = "supervision", _("Supervision meeting")
        NETWORK_MEETING = "network_meeting", _("Network meeting")
        EVENT = "event", _("Other event")

    class Audience(models.TextChoices):
        SERVICE_WORKERS = "service_workers", _("Service workers")
        LEADERS = "leaders", _("Leaders")
        ALL = "all", _("Service workers and leaders")
        OPEN = "open", _("Open to everyone, also from outside the programme")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("programme")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(
        _("number"),
        null=True,
        blank=True,
        help_text=_("Number within its kind, e.g. 3 for training day 3. Empty for one-off events."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="sessions", verbose_name=_("themes")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("venue"),
    )
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    registration_deadline = models.DateTimeField(_("registration deadline"))
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.SERVICE_WORKERS
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    # iCalendar's SEQUENCE: calendar programs replace an event (same UID) only by one with
    # a higher or equal number. Raised by the registrations app when the time, venue or
    # status changes, and when someone's registration is cancelled (their .ics CANCEL).
    sequence = models.PositiveIntegerField(
        _("calendar version"),
        default=0,
        editable=False,
        help_text=_("Raised each time the session changes, so calendar programs update it."),
    )

    objects = SessionQuerySet.as_manager()

    programme_talks: list  # in time order, where programme.selectors.talks_prefetch set it

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "kind", "number"],
                condition=Q(number__isnull=False),
                name="unique_session_number_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__lte=models.F("starts_at")),
                name="session_deadline_before_start",
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_positive"),
        ]
        indexes = [models.Index(fields=["programme", "kind", "starts_at"])]

    def __str__(self):
        return f"{self.numbered_title} ({self.programme})"

    def get_absolute_url(self) -> str:
        return reverse("programme:session", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The session must end after it starts.")
        if (
            self.registration_deadline
            and self.starts_at
            and self.registration_deadline > self.starts_at
        ):
            errors["registration_deadline"] = _(
                "The registration deadline must be before the session starts."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def kind_total(self):
        """How many numbered sessions of this kind the programme has («3 av 8»); set by
        selectors (programme.selectors.set_kind_totals), counted here otherwise."""
        total = getattr(self, "_kind_total", None)
        if total is None:
            total = Session.objects.filter(
                programme_id=self.programme_id, kind=self.kind, number__isnull=False
            ).count()
        return total

    @kind_total.setter
    def kind_total(self, value):
        self._kind_total = value

    @property
    def numbered_title(self):
        """«Opplæringsdag 3 av 8» for numbered sessions, the title otherwise."""
        if self.number is None:
            return self.title
        return _("%(kind)s %(number)s of %(total)s") % {
            "kind": self.get_kind_display(),
            "number": self.number,
            "total": self.kind_total,
        }

    @property
    def full_title(self):
        """«Opplæringsdag 3 av 8: Pårørendes rettigheter», or the title of a one-off event."""
        if self.number is None:
            return self.title
        return f"{self.numbered_title}: {self.title}"

    @property
    def registration_open(self):
        return not self.is_cancelled and timezone.now() <= self.registration_deadline

    @property
    def seats_left(self):
        confirmed = getattr(self, "confirmed_count", None)
        if confirmed is None:
            confirmed = self.registrations.filter(status="confirmed").count()
        return max(self.capacity - confirmed, 0)

    def is_open_to(self, role: str) -> bool:
        """Leaders may come to anything; service workers not to leader gatherings;
        anyone, guests too, to an open event."""
        if self.audience == self.Audience.OPEN:
            return bool(role)
        if self.audience == self.Audience.LEADERS:
            return role == "leader"
        return role in {"service_worker", "leader"}


class ContactPerson(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="contact_persons",
        verbose_name=_("programme"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200)
    phone = models.CharField(_("phone"), max_length=30)
    email = models.EmailField(_("email"))

    class Meta:
        ordering = ["programme", "order", "name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return self.name


class Material(models.Model):
    """Slides, reading lists and other material for a session: a link, or a file that only
    the session's confirmed participants and the coordinators may download (materials/).

    The file's type is found from its content when it is uploaded (programme/uploads.py),
    and it is stored under a random name; `original_name` is for the download's name only.
    """

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="materials", verbose_name=_("session")
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(
        _("file"),
        upload_to=uploads.material_path,
        storage=uploads.private_storage,
        max_length=200,
        blank=True,
    )
    original_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    content_type = models.CharField(_("file type"), max_length=100, blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)

    class Meta:
        ordering = ["session", "title"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self):
        return self.title

    def clean(self):
        if not self.url and not self.file:
            raise ValidationError({"file": _("Give a link or upload a file.")})
        if self.url and self.file:
            raise ValidationError({"url": _("Give a link or upload a file, not both.")})
        if self.file and not self.file._committed:
            self.take_upload()

    def take_upload(self) -> None:
        """Check a new upload's content and size, and note its type, name and size."""
        try:
            kind = uploads.inspect(self.file.file, size=self.file.size)
        except ValidationError as error:
            raise ValidationError({"file": error}) from error
        self.content_type = kind.content_type
        self.original_name = uploads.original_name(self.file.name)
        self.size = self.file.size

    @property
    def is_inline(self) -> bool:
        """Shown in the browser (PDF, images) rather than saved as a download."""
        kind = uploads.KINDS.get(self.content_type)
        return kind is not None and kind.inline


# The news and the event programme's models live in their own modules; imported here for
# Django to find them and for `from programme.models import Article`.
from .news import Article  # noqa: E402, F401
from .talks import Speaker, Talk  # noqa: E402, F401
