import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.models import Programme

# A new cohort starts within this of today: the copy moves every date by the shift, and a
# shift towards year 1 or 9999 left the calendar (OverflowError, a 500).
FURTHEST_START = dt.timedelta(days=10 * 366)


class CopyProgrammeForm(forms.Form):
    """A new cohort from an earlier one: what differs between them."""

    name = forms.CharField(label=_("Name of the new programme"), max_length=200)
    slug = forms.SlugField(
        label=_("Slug"),
        max_length=50,
        help_text=_("The programme's address: /program/<slug>/. Letters, digits and hyphens."),
    )
    region = forms.CharField(label=_("Region"), max_length=100)
    starts_on = forms.DateField(
        label=_("Starts on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "The programme and its sessions move by the whole number of weeks nearest to "
            "this date, so each session keeps its weekday and time of day. Check the dates "
            "before you publish."
        ),
    )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Programme.objects.filter(slug=slug).exists():
            raise forms.ValidationError(
                _("Another programme has this address already. Choose another slug.")
            )
        return slug

    def clean_starts_on(self):
        starts_on = self.cleaned_data["starts_on"]
        if abs(starts_on - timezone.localdate()) > FURTHEST_START:
            raise forms.ValidationError(
                _("Choose a start date no more than ten years from today."), code="too_far"
            )
        return starts_on
