import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Organisation, Participant

PHONE_PATTERN = re.compile(r"^(\+47)?[2-9]\d{7}$")


class ProfileForm(forms.ModelForm):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (Participant.Role.SERVICE_WORKER, Participant.Role.SERVICE_WORKER.label),
            (Participant.Role.LEADER, Participant.Role.LEADER.label),
        ],
        widget=forms.RadioSelect,
        help_text=_("A coordinator confirms the leader role before you see your staff."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        empty_label=_("Choose your municipality or unit"),
        help_text=_("Your municipality or unit in the specialist health service."),
    )

    class Meta:
        model = Participant
        fields = ["full_name", "phone", "organisation", "role", "job_title", "dietary_needs"]
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)  # declared above
        if self.instance.pk and not role.valid_value(self.instance.role):
            # Coordinators and supervisors keep the role a coordinator gave them.
            del self.fields["role"]

    def clean_phone(self):
        phone = re.sub(r"[\s-]", "", self.cleaned_data["phone"])
        if not PHONE_PATTERN.match(phone):
            raise forms.ValidationError(
                _("Give a Norwegian phone number of eight digits, e.g. 917 63 827.")
            )
        return phone

    def clean_full_name(self):
        name = self.cleaned_data["full_name"].strip()
        if len(name.split()) < 2:
            raise forms.ValidationError(_("Write your first name and surname."))
        return name

    def save(self, commit=True):
        participant = super().save(commit=False)
        if "organisation" in self.changed_data:
            # Someone confirmed in one organisation is self-declared in the next: the
            # membership (and a leader role) wait for a new confirmation there.
            participant.forget_confirmations()
        elif "role" in self.changed_data:
            # A changed role needs a new confirmation of the leader role by a coordinator.
            participant.leader_confirmed = False
        if "dietary_needs" in self.changed_data:
            participant.dietary_needs_changed_at = timezone.now()
        if commit:
            participant.save()
        return participant
