"""The coordinator's forms for regional supervision groups: the group itself (name,
region, supervisor, members from the programme's units) and a meeting to schedule."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants.models import Participant
from programme.models import Programme, Venue
from resourcegroups.models import SupervisionGroup


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        organisation = obj.organisation.name if obj.organisation else ""
        return f"{obj.full_name}, {organisation}" if organisation else obj.full_name


class SupervisionGroupForm(forms.ModelForm):
    """Members are chosen among the staff of the units enrolled in the group's programme."""

    members = MemberChoiceField(
        label=_("Members"),
        queryset=Participant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Choose members from the list."),
            "invalid_pk_value": _("Choose members from the list."),
        },
    )

    class Meta:
        model = SupervisionGroup
        fields = ["name", "region", "supervisor", "members"]
        error_messages = {
            "name": {"required": _("Give the group a name.")},
            "region": {"required": _("Write the region the group meets in.")},
            "supervisor": {"invalid_choice": _("Choose a supervisor from the list.")},
        }

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        supervisor = self.fields["supervisor"]
        assert isinstance(supervisor, forms.ModelChoiceField)
        supervisor.queryset = Participant.objects.filter(role=Participant.Role.SUPERVISOR).order_by(
            "full_name", "pk"
        )
        self.fields["members"].queryset = (  # type: ignore[attr-defined]
            Participant.objects.filter(
                organisation__enrolments__programme=programme,
                membership_confirmed_at__isnull=False,
                anonymised_at__isnull=True,
            )
            .exclude(role__in=[Participant.Role.SUPERVISOR, Participant.Role.COORDINATOR])
            .select_related("organisation")
            .order_by("organisation__name", "full_name", "pk")
            .distinct()
        )


class MeetingForm(forms.Form):
    """A supervision meeting of the group: day, hours, where, and seats."""

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give the meeting a title.")},
    )
    day = forms.DateField(
        label=_("Day"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Choose the day of the meeting."),
            "invalid": _("Write the day as dd.mm.yyyy."),
        },
    )
    starts = forms.TimeField(
        label=_("Starts at"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={
            "required": _("Write when it starts."),
            "invalid": _("Write a time like 09:30."),
        },
    )
    ends = forms.TimeField(
        label=_("Ends at"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={
            "required": _("Write when it ends."),
            "invalid": _("Write a time like 15:00."),
        },
    )
    venue = forms.ModelChoiceField(
        label=_("Venue"),
        queryset=Venue.objects.order_by("name", "pk"),
        required=False,
        help_text=_("Leave empty for a meeting held online only."),
        error_messages={"invalid_choice": _("Choose a venue from the list.")},
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        max_length=200,
        error_messages={"invalid": _("Write a whole web address, starting with https://.")},
    )
    capacity = forms.IntegerField(
        label=_("Seats"),
        min_value=1,
        max_value=500,
        error_messages={
            "required": _("Write the number of seats."),
            "invalid": _("Write the number of seats."),
            "min_value": _("Give the meeting at least one seat."),
            "max_value": _("Write at most 500 seats."),
        },
    )

    def clean(self):
        cleaned = super().clean() or {}
        day, starts, ends = cleaned.get("day"), cleaned.get("starts"), cleaned.get("ends")
        if day and starts and ends:
            if ends <= starts:
                self.add_error("ends", _("The meeting must end after it starts."))
            elif day < timezone.localdate():
                self.add_error("day", _("Choose a day that has not passed."))
            else:
                zone = timezone.get_current_timezone()
                cleaned["starts_at"] = dt.datetime.combine(day, starts, tzinfo=zone)
                cleaned["ends_at"] = dt.datetime.combine(day, ends, tzinfo=zone)
        if not cleaned.get("venue") and not cleaned.get("online_url"):
            self.add_error("venue", _("Choose a venue or write an online link."))
        return cleaned
