"""Forms for the leader's pages. Every choice of a person, goal or gathering is scoped
to the organisation or programme on the server: an id from elsewhere gives 404, as
the same id in a URL would."""

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants.models import Participant
from programme.models import Goal

from .models import GoalAssessment, Meeting, Offer, Partner, Routine, WorkStatus

NO_PATIENT_DATA = _(
    "Do not write anything about patients or relatives here: no names, no health "
    "information, nothing that can identify a person. Write short decisions only."
)
# The same warning, short enough to stand under each of many fields.
NO_PATIENT_DATA_SHORT = _("Nothing about patients or relatives: no names, no health information.")


if TYPE_CHECKING:
    # What the mixin is mixed into, for the type checker; at run time a plain mixin.
    _ModelChoiceField = forms.ModelChoiceField
else:
    _ModelChoiceField = object


class ScopedChoiceMixin(_ModelChoiceField):
    """A submitted id of a row that exists but lies outside `scope` is a 404.

    `scope` is everything the person may name (the organisation's staff, the
    programme's goals); the queryset may be narrower (staff not yet in the group),
    and an id inside the scope but not offered is an ordinary form error.
    """

    scope: QuerySet[Any] | None = None

    def outside_scope(self, value) -> bool:
        queryset = self.queryset
        # Set before the form validates; Django's own lookup needs it too.
        assert queryset is not None
        scope = self.scope if self.scope is not None else queryset
        model = queryset.model
        try:
            pk = int(value)
        except (ValueError, TypeError):
            return False
        return model._default_manager.filter(pk=pk).exists() and not scope.filter(pk=pk).exists()


class ScopedModelChoiceField(ScopedChoiceMixin, forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and self.outside_scope(value):
            raise Http404
        return super().to_python(value)


class ScopedModelMultipleChoiceField(ScopedChoiceMixin, forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        if any(self.outside_scope(v) for v in value):
            raise Http404
        # django-stubs omit this private method of ModelMultipleChoiceField.
        return super()._check_values(value)  # type: ignore[misc]


class StaffMemberChoiceField(ScopedModelChoiceField):
    def label_from_instance(self, obj: Participant) -> str:
        return f"{obj.full_name} ({obj.job_title})"


class ContactPersonChoiceField(ScopedModelChoiceField):
    def label_from_instance(self, obj: Participant) -> str:
        return obj.full_name


class MemberForm(forms.Form):
    participant = StaffMemberChoiceField(
        label=_("Staff member"),
        queryset=None,
        empty_label=_("Choose a staff member"),
        help_text=_("Staff of your organisation who are not yet in the group."),
    )

    def __init__(self, *args, staff, member_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["participant"]
        assert isinstance(field, StaffMemberChoiceField)  # declared above
        field.scope = staff
        field.queryset = staff.exclude(pk__in=list(member_ids))


class ContactForm(forms.Form):
    contact_person = ContactPersonChoiceField(
        label=_("Contact person"),
        queryset=None,
        required=False,
        empty_label=_("No contact person"),
        help_text=_("The one colleagues and the coordinators ask about the group's work."),
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["contact_person"]
        assert isinstance(field, ContactPersonChoiceField)  # declared above
        field.queryset = staff


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["met_on", "notes"]
        widgets = {
            "met_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        }
        help_texts = {"notes": NO_PATIENT_DATA}

    def clean_met_on(self):
        met_on = self.cleaned_data["met_on"]
        if met_on > timezone.localdate() + dt.timedelta(days=1):
            raise forms.ValidationError(_("Record a meeting once it has taken place."))
        if met_on.year < 2000:
            raise forms.ValidationError(_("Give the date the group met."))
        return met_on


class WorkForm(forms.ModelForm):
    """Create or change a routine or an offer; its status changes through StatusForm."""

    goals = ScopedModelMultipleChoiceField(
        label=_("Goals it works towards"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, programme, with_status=False, **kwargs):
        super().__init__(*args, **kwargs)
        goals = self.fields["goals"]
        assert isinstance(goals, ScopedModelMultipleChoiceField)  # declared above
        goals.queryset = Goal.objects.filter(programme=programme).order_by("number")
        if not with_status:
            self.fields.pop("status", None)
        else:
            self.fields["status"].label = _("Status now")

    class Meta:
        fields = ["title", "description", "goals", "status"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"description": NO_PATIENT_DATA}


class RoutineForm(WorkForm):
    class Meta(WorkForm.Meta):
        model = Routine


class OfferForm(WorkForm):
    class Meta(WorkForm.Meta):
        model = Offer
        fields = ["title", "kind", "description", "goals", "status"]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=WorkStatus.choices)
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=300,
        required=False,
        help_text=_("For example why it changed. Nothing about patients or relatives."),
    )


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "kind", "description"]
        help_texts = {"description": NO_PATIENT_DATA_SHORT}


class ReportForm(forms.Form):
    """The report's text and, for each goal of the programme, where the organisation stands."""

    done_since_last = forms.CharField(
        label=_("What has been done since the last report?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
        help_text=NO_PATIENT_DATA_SHORT,
    )
    next_steps = forms.CharField(
        label=_("What comes next?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
        help_text=NO_PATIENT_DATA_SHORT,
    )
    help_needed = forms.CharField(
        label=_("What help do you need from the programme?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
        help_text=NO_PATIENT_DATA_SHORT,
    )

    def __init__(self, *args, goals, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        existing = {}
        if report is not None:
            existing = {a.goal_id: a for a in report.assessments.all()}
            for name in ["done_since_last", "next_steps", "help_needed"]:
                self.fields[name].initial = getattr(report, name)
        self.goal_fields = []
        for goal in self.goals:
            assessment = existing.get(goal.pk)
            progress_name, comment_name = f"goal_{goal.pk}_progress", f"goal_{goal.pk}_comment"
            self.fields[progress_name] = forms.TypedChoiceField(
                label=_("Where we stand"),
                choices=GoalAssessment.Progress.choices,
                coerce=int,
                required=False,
                # django-stubs say str | None; Django returns any empty_value as it is.
                empty_value=GoalAssessment.Progress.NOT_STARTED,  # type: ignore[arg-type]
                widget=forms.RadioSelect,
                initial=assessment.progress if assessment else GoalAssessment.Progress.NOT_STARTED,
            )
            self.fields[comment_name] = forms.CharField(
                label=_("Comment on goal %(number)s") % {"number": goal.number},
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=2000,
                required=False,
                help_text=NO_PATIENT_DATA_SHORT,
                initial=assessment.comment if assessment else "",
            )
            self.goal_fields.append((goal, self[progress_name], self[comment_name]))

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None  # forms.Form.clean returns cleaned_data
        if self.data.get("action") == "submit" and not (
            cleaned.get("done_since_last", "").strip() and cleaned.get("next_steps", "").strip()
        ):
            raise forms.ValidationError(
                _("Before you submit, write what has been done and what comes next.")
            )
        return cleaned

    def assessments(self) -> dict[Goal, tuple[int, str]]:
        return {
            goal: (
                self.cleaned_data[f"goal_{goal.pk}_progress"],
                self.cleaned_data[f"goal_{goal.pk}_comment"],
            )
            for goal in self.goals
        }
