"""The accessibility feedback form: who writes is optional, what and where is not."""

from django import forms
from django.utils.translation import gettext_lazy as _

NO_PATIENT_DATA = _(
    "Describe the problem with the page. Never write anything about patients or "
    "relatives: no names, no health information."
)


class FeedbackForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Your email address"),
        required=False,
        help_text=_("Only if you want an answer."),
        error_messages={"invalid": _("Write a whole email address, e.g. kari@kommune.no.")},
    )
    page = forms.CharField(
        label=_("Address of the page (or what the page is called)"),
        max_length=500,
        help_text=_("Copy the address from the browser's address bar, or write the page's title."),
        error_messages={"required": _("Tell us which page the problem is on.")},
    )
    description = forms.CharField(
        label=_("What is the problem?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=NO_PATIENT_DATA,
        error_messages={"required": _("Describe the problem, so we can fix it.")},
    )
    # A honeypot: hidden from people (the template's `hidden` wrapper), filled by robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
