from django import forms
from django.utils.translation import gettext_lazy as _

from familiestotte.formatting import weekday_day


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, session):
        return f"{session.full_title} ({weekday_day(session.starts_at)})"


class StaffRegistrationForm(forms.Form):
    """A leader registers one of their staff for a training day."""

    session = SessionChoiceField(
        label=_("Training day"),
        queryset=None,
        empty_label=_("Choose a training day"),
        error_messages={
            "required": _("Choose a training day."),
            "invalid_choice": _("Choose one of the training days in the list."),
        },
    )

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        # Validation looks the chosen day up in the queryset (one query); the list on the
        # page is filled by show(), with «n av N» already set on every day.
        self.fields["session"].queryset = sessions

    def show(self, sessions) -> None:
        """List these sessions as the choices, without a query per choice."""
        field = self.fields["session"]
        field.widget.choices = [("", field.empty_label)] + [
            (session.pk, field.label_from_instance(session)) for session in sessions
        ]
