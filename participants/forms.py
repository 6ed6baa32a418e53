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
            (Participant.Role.GUEST, _("Guest from outside the participating organisations")),
        ],
        widget=forms.RadioSelect,
        help_text=_(
            "A coordinator confirms the leader role before you see your staff. Guests "
            "register for open events such as conferences, not for training days."
        ),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("Choose your municipality or unit"),
        help_text=_(
            "Your municipality or unit in the specialist health service. Guests leave it empty."
        ),
    )

    class Meta:
        model = Participant
        fields = [
            "full_name",
            "phone",
            "organisation",
            "employer_name",
            "role",
            "job_title",
            "dietary_needs",
        ]
        labels = {"employer_name": _("Employer, if not in the list")}
        help_texts = {
            "employer_name": _(
                "For guests: where you work, e.g. a user organisation, a school or a "
                "company. Guests see no organisation's pages."
            )
        }
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "employer_name": forms.TextInput(attrs={"autocomplete": "organization"}),
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

    def clean(self):
        """A guest names an employer and has no organisation; everyone else chooses an
        organisation from the list."""
        super().clean()
        cleaned = self.cleaned_data
        role = cleaned.get("role", "") if "role" in self.fields else self.instance.role
        if role == Participant.Role.GUEST:
            cleaned["organisation"] = None
            if not cleaned.get("employer_name", "").strip():
                self.add_error(
                    "employer_name",
                    _("Write where you work, or choose your organisation and another role."),
                )
        elif role in {"", Participant.Role.SERVICE_WORKER, Participant.Role.LEADER}:
            cleaned["employer_name"] = ""
            if not cleaned.get("organisation") and "organisation" not in self.errors:
                required = self.fields["organisation"].error_messages["required"]
                self.add_error("organisation", required)
        return cleaned

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
