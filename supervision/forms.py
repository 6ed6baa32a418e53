"""The supervisor's note from a meeting: short, and never about patients or relatives."""

from django import forms
from django.utils.translation import gettext_lazy as _

from resourcegroups.forms import NO_PATIENT_DATA

from .models import MeetingNote


class MeetingNoteForm(forms.ModelForm):
    class Meta:
        model = MeetingNote
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"text": NO_PATIENT_DATA}
        error_messages = {
            "text": {
                "required": _("Write the note, or go back without saving."),
                "max_length": _("Write at most 2000 characters."),
            }
        }

    def clean_text(self):
        text = self.cleaned_data["text"].replace("\x00", "").strip()
        if not text:
            raise forms.ValidationError(_("Write the note, or go back without saving."))
        return text
