"""The filters of the audit log in the workspace, sent as GET parameters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from audit.models import Entry
from audit.selectors import Filters, object_types
from participants.models import Organisation


class AuditFilterForm(forms.Form):
    person = forms.CharField(
        label=_("Person (name or email)"),
        required=False,
        max_length=200,
        help_text=_("Who did it, or whom it was about."),
    )
    organisation = forms.ModelChoiceField(
        label=pgettext_lazy("audit filter", "Organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("All organisations"),
        error_messages={"invalid_choice": _("Choose an organisation from the list.")},
    )
    object_type = forms.TypedChoiceField(
        label=_("Type"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose a type from the list.")},
    )
    event = forms.ChoiceField(
        label=_("Event"),
        required=False,
        choices=[("", _("All events")), *Entry.Event.choices],
        error_messages={"invalid_choice": _("Choose an event from the list.")},
    )
    since = forms.DateField(
        label=_("From date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Write the date as dd.mm.yyyy.")},
    )
    until = forms.DateField(
        label=_("To date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Write the date as dd.mm.yyyy.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", _("All types")), *object_types()]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The to date must be on or after the from date."))
        return cleaned

    def filters(self) -> Filters:
        """The chosen filters; none when the form is not valid (its errors are shown)."""
        if not self.is_bound or not self.is_valid():
            return Filters()
        data = self.cleaned_data
        organisation = data.get("organisation")
        return Filters(
            person=data.get("person") or "",
            organisation_id=organisation.pk if organisation else None,
            content_type_id=data.get("object_type"),
            event=data.get("event") or "",
            since=data.get("since"),
            until=data.get("until"),
        )
