from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _

from familiestotte.formatting import weekday_day
from participants.models import Registration
from programme.models import Session


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, session: Session) -> str:
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

    def __init__(self, *args: Any, sessions: QuerySet[Session], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Validation looks the chosen day up in the queryset (one query); the list on the
        # page is filled by show(), with «n av N» already set on every day.
        self._session_field().queryset = sessions

    def _session_field(self) -> SessionChoiceField:
        field = self.fields["session"]
        assert isinstance(field, SessionChoiceField)  # self.fields types it as any Field
        return field

    def show(self, sessions: Iterable[Session]) -> None:
        """List these sessions as the choices, without a query per choice."""
        field = self._session_field()
        field.widget.choices = [("", field.empty_label)] + [
            (session.pk, field.label_from_instance(session)) for session in sessions
        ]


ATTENDED = "attended"
ABSENT = "absent"
NOT_RECORDED = ""

ATTENDANCE_CHOICES = [
    (ATTENDED, _("Attended")),
    (ABSENT, _("Did not attend")),
    (NOT_RECORDED, _("Not recorded")),
]


def attendance_value(attended: bool | None) -> str:
    values: dict[bool | None, str] = {True: ATTENDED, False: ABSENT}
    return values.get(attended, NOT_RECORDED)


def attendance_from_value(value: str) -> bool | None:
    return {ATTENDED: True, ABSENT: False}.get(value)


class AttendanceForm(forms.Form):
    """Møtt / ikke møtt for each confirmed person, in one form."""

    def __init__(self, *args: Any, registrations: list[Registration], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.registrations = registrations
        for registration in registrations:
            self.fields[self.field_name(registration)] = forms.ChoiceField(
                label=registration.participant.full_name,
                choices=ATTENDANCE_CHOICES,
                required=False,
                initial=attendance_value(registration.attended),
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _("Choose attended, did not attend or not recorded."),
                },
            )

    @staticmethod
    def field_name(registration: Registration) -> str:
        return f"attendance_{registration.pk}"

    def rows(self) -> list[tuple[Registration, BoundField]]:
        """(registration, bound field) pairs for the template."""
        return [(r, self[self.field_name(r)]) for r in self.registrations]

    def changes(self, *, everyone_attended: bool = False) -> list[tuple[Registration, bool | None]]:
        """Registrations whose attendance the coordinator changed, with the new value.
        `everyone_attended` («Alle møtt»): everyone attended, whatever the radios said."""
        changed: list[tuple[Registration, bool | None]] = []
        for registration in self.registrations:
            if everyone_attended:
                value: bool | None = True
            else:
                name = self.field_name(registration)
                value = attendance_from_value(self.cleaned_data.get(name, ""))
            if value != registration.attended:
                changed.append((registration, value))
        return changed
