"""Forms for the coordinator pages: every input goes through one of these."""

import re
from typing import TYPE_CHECKING

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from participants.models import Organisation, Participant, Registration
from programme.models import Programme, Session

from .messages import ProgrammeAudience

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# How many people the «add a person» list shows at most; the search narrows it.
CHOICE_LIMIT = 50


class ParticipantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        organisation = obj.organisation.name if obj.organisation else obj.get_role_display()
        return f"{obj.full_name} – {organisation} ({obj.user.email})"


class ParticipantSearchForm(forms.Form):
    """The GET search that narrows the «add a person» list, so it works without JS."""

    q = forms.CharField(
        label=_("Search by name, email or organisation"),
        required=False,
        max_length=100,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={"max_length": _("Write at most 100 characters.")},
    )

    def query(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""


def matching(queryset, query: str):
    """People whose name, email or organisation contains every word of the query."""
    for word in query.split():
        queryset = queryset.filter(
            Q(full_name__icontains=word)
            | Q(user__email__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    return queryset


class AddParticipantForm(forms.Form):
    participant = ParticipantChoiceField(
        label=_("Participant"),
        queryset=Participant.objects.none(),
        empty_label=_("Choose a person"),
        help_text=_(
            "People who already have a place or a place on the waiting list are not shown. "
            "If the session is full, the person is put on the waiting list."
        ),
        error_messages={
            "required": _("Choose the person to add."),
            "invalid_choice": _(
                "That person cannot be chosen: they may already be registered. Choose again."
            ),
        },
    )

    def __init__(self, *args, session: Session, query: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        live = Registration.objects.live().filter(participant=OuterRef("pk"), session=session)
        eligible = (
            Participant.objects.select_related("user", "organisation")
            .filter(anonymised_at__isnull=True)  # the stand-ins of deleted people
            .exclude(Exists(live))
            .order_by("full_name", "pk")
        )
        # Validation looks the chosen person up among everyone eligible (one query);
        # the list on the page shows only those matching the search (see narrow()).
        self.participant_field().queryset = eligible
        self.query = query

    def participant_field(self) -> ParticipantChoiceField:
        field = self.fields["participant"]
        assert isinstance(field, ParticipantChoiceField)  # declared above
        return field

    def narrow(self) -> tuple[list[Participant], bool]:
        """Show at most CHOICE_LIMIT people matching the search, in one query.
        Returns them, and whether more matched."""
        field = self.participant_field()
        found = list(matching(field.queryset, self.query)[: CHOICE_LIMIT + 1])
        shown = found[:CHOICE_LIMIT]
        field.widget.choices = [("", field.empty_label)] + [
            (person.pk, field.label_from_instance(person)) for person in shown
        ]
        return shown, len(found) > CHOICE_LIMIT


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Number of seats"),
        min_value=1,
        max_value=10_000,
        help_text=_(
            "Raising the number moves people from the waiting list in order. "
            "It cannot be lower than the number of people already registered."
        ),
        error_messages={
            "required": _("Write the number of seats."),
            "invalid": _("Write the number of seats as a whole number, e.g. 30."),
            "min_value": _("A session needs at least one seat."),
            "max_value": _("Write a number of seats of at most 10 000."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class BaseMessageForm(forms.Form):
    """Subject, message and the token that names the message: sending the same form twice
    sends it once. The subclasses say who gets it."""

    subject = forms.CharField(
        label=_("Subject"),
        max_length=150,
        error_messages={
            "required": _("Write a subject."),
            "max_length": _("Keep the subject to at most 150 characters."),
        },
    )
    body = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Write the message."),
            "max_length": _("Keep the message to at most 5000 characters."),
        },
    )
    # Names the message: sending the same form twice sends it once.
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    # Where the email links to, and the reminder to write nothing about patients or relatives.
    body_help_text: "StrOrPromise" = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = self.body_help_text

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None  # forms.Form.clean returns cleaned_data
        # Checked here, not on the field: a hidden field's error would not show.
        if not re.fullmatch(r"[0-9a-f]{32}", cleaned.get("token") or ""):
            raise forms.ValidationError(
                _("The form is out of date. Reload the page and try again."), code="stale"
            )
        return cleaned


class MessageForm(BaseMessageForm):
    """A coordinator's message to the people registered for a session."""

    include_waitlisted = forms.BooleanField(
        label=_("Send it to those on the waiting list too"), required=False
    )

    body_help_text = _(
        "Each person gets it by email, greeted by name, with a link to the session's "
        "page. A blank line starts a new paragraph. Write nothing about patients or "
        "relatives."
    )


class ProgrammeMessageForm(BaseMessageForm):
    """A coordinator's message to a whole programme: its leaders, or everyone registered."""

    audience = forms.TypedChoiceField(
        label=_("Recipients"),
        choices=ProgrammeAudience.choices,
        coerce=ProgrammeAudience,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who gets the message."),
            "invalid_choice": _("Choose who gets the message."),
        },
    )
    include_waitlisted = forms.BooleanField(
        label=_("Also those on the waiting lists (only with «Everyone registered»)"),
        required=False,
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Only the leaders of these organisations (optional, with «Leaders»)"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Choose organisations from the list."),
            "invalid_pk_value": _("Choose organisations from the list."),
        },
    )
    field_order = ["audience", "include_waitlisted", "organisations", "subject", "body"]

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisations"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Organisation.objects.filter(enrolments__programme=programme).order_by(
            "name", "pk"
        )

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("organisations")
        if chosen and cleaned.get("audience") != ProgrammeAudience.LEADERS:
            self.add_error(
                "organisations", _("Organisations can be chosen only for a message to leaders.")
            )
        return cleaned

    body_help_text = _(
        "Each person gets it once by email, greeted by name, with a link to the "
        "programme's page. A blank line starts a new paragraph. Write nothing about "
        "patients or relatives."
    )


class RemoveForm(forms.Form):
    """The confirmation step of a removal: a POST with a CSRF token and nothing else."""


class OverviewFilterForm(forms.Form):
    """The coordinator's filters, sent as GET parameters."""

    q = forms.CharField(label=_("Organisation name"), required=False, max_length=100)
    region = forms.ChoiceField(label=_("Region"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds"))] + list(Organisation.Kind.choices),
    )
    has_group = forms.ChoiceField(
        label=_("Resource group"),
        required=False,
        choices=[("", _("All")), ("yes", _("In place")), ("no", _("Not in place"))],
    )
    missing_report = forms.TypedChoiceField(
        label=_("Report not submitted for"), required=False, coerce=int, empty_value=None
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name")),
            ("region", _("Region")),
            ("staff", _("Staff")),
            ("registered", _("Staff registered")),
            ("attending", _("Staff attending")),
            ("group", _("Resource group members")),
            ("established", _("Routines and offers established")),
        ],
    )

    def __init__(self, *args, regions, gatherings, **kwargs):
        super().__init__(*args, **kwargs)
        region = self.fields["region"]
        missing_report = self.fields["missing_report"]
        assert isinstance(region, forms.ChoiceField)  # both declared above
        assert isinstance(missing_report, forms.TypedChoiceField)
        region.choices = [("", _("All regions"))] + [(r, r) for r in regions]
        missing_report.choices = [("", _("–"))] + [(g.pk, g.numbered_title) for g in gatherings]


class ConfirmLeaderForm(forms.Form):
    """The confirmation step of confirming a leader: a POST with a CSRF token."""


class ConfirmMemberForm(forms.Form):
    """The confirmation step of confirming that someone works in their organisation."""


class TurnDownLeaderForm(forms.Form):
    """The confirmation step of turning a leader down, with an optional note to them."""

    note = forms.CharField(
        label=_("Note to the person (optional)"),
        help_text=_(
            "Included in the email, e.g. who the organisation's leader is. Nothing about "
            "patients or relatives."
        ),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Write at most 1000 characters.")},
    )


class ImplementationFilterForm(forms.Form):
    """How many weeks without a change make a unit «stalled», as a GET parameter."""

    weeks = forms.IntegerField(
        label=_("Not moved for (weeks)"),
        required=False,
        min_value=1,
        max_value=104,
        error_messages={
            "invalid": _("Write a whole number of weeks."),
            "min_value": _("Write at least 1 week."),
            "max_value": _("Write at most 104 weeks."),
        },
    )


class NetworkInvitationForm(BaseMessageForm):
    """Who is invited to a network meeting (those who attended a training day of the
    programme, of chosen organisations if any), and the invitation's text."""

    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.order_by("-starts_on", "pk"),
        error_messages={
            "required": _("Choose the programme whose participants are invited."),
            "invalid_choice": _("Choose the programme whose participants are invited."),
        },
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Only these organisations (optional)"),
        queryset=Organisation.objects.order_by("name", "pk"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unchecked to invite from every organisation."),
        error_messages={
            "invalid_choice": _("Choose organisations from the list."),
            "invalid_pk_value": _("Choose organisations from the list."),
        },
    )
    field_order = ["programme", "organisations", "subject", "body"]

    body_help_text = _(
        "Each person gets it once by email, greeted by name, with a link to the "
        "meeting's page where they register. A blank line starts a new paragraph. Write "
        "nothing about patients or relatives."
    )
