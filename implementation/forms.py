"""Marking a milestone and choosing who may mark them."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from participants.models import Enrolment, Participant

from .models import MilestoneStatus
from .selectors import group_members_of
from .services import check_reached_on

NO_PATIENT_DATA_NOTE = _(
    "A short note, for example what was decided. Never anything about patients or "
    "relatives: no names, no health information."
)


class MarkForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=MilestoneStatus.choices, widget=forms.RadioSelect
    )
    reached_on = forms.DateField(
        label=_("Date reached"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Needed when the milestone is reached."),
    )
    note = forms.CharField(
        label=_("Note, or why it is not relevant"),
        max_length=300,
        required=False,
        help_text=NO_PATIENT_DATA_NOTE,
    )

    def __init__(self, *args, enrolment: Enrolment, **kwargs):
        super().__init__(*args, **kwargs)
        self.enrolment = enrolment

    def clean(self):
        data = super().clean() or {}
        status = data.get("status")
        if status == MilestoneStatus.REACHED:
            reached_on = data.get("reached_on")
            if reached_on is None and "reached_on" not in self.errors:
                self.add_error("reached_on", _("Give the date the milestone was reached."))
            elif reached_on is not None:
                try:
                    check_reached_on(enrolment=self.enrolment, reached_on=reached_on)
                except ValidationError as error:
                    self.add_error("reached_on", error)
        if status == MilestoneStatus.NOT_RELEVANT and not (data.get("note") or "").strip():
            self.add_error("note", _("Say why the milestone is not relevant for the unit."))
        return data


class KeeperForm(forms.Form):
    participant = forms.ModelChoiceField(
        label=_("Resource-group member"),
        queryset=Participant.objects.none(),
        error_messages={"invalid_choice": _("Choose a member of the unit's resource group.")},
    )

    def __init__(self, *args, enrolment: Enrolment, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["participant"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = group_members_of(enrolment)
