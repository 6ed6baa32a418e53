"""Regional supervision groups in the workspace: the programme's groups, setting one up
or changing it (supervisor and members), and scheduling its meetings."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, UpdateView

from programme.models import Programme
from resourcegroups.models import SupervisionGroup

from ..mixins import CoordinatorRequiredMixin
from ..programmes import programme_choice
from ..supervision import schedule_meeting
from ..supervision_forms import MeetingForm, SupervisionGroupForm


def groups_url(programme: Programme) -> str:
    return reverse("coordination:supervision_groups") + f"?programme={programme.slug}"


class SupervisionGroupsView(CoordinatorRequiredMixin, View):
    def get(self, request):
        programmes, programme = programme_choice(request)
        groups = (
            SupervisionGroup.objects.filter(programme=programme)
            .select_related("supervisor")
            .prefetch_related("meetings", "members")
            .order_by("region", "name", "pk")
        )
        context = {"programmes": programmes, "programme": programme, "groups": groups}
        return TemplateResponse(request, "coordination/supervision_groups.html", context)


class SupervisionGroupFormView(CoordinatorRequiredMixin, UpdateView):
    """A new group of the programme in the URL (no pk), or the group with that pk."""

    model = SupervisionGroup
    form_class = SupervisionGroupForm
    template_name = "coordination/supervision_group_form.html"

    def get_object(self, queryset=None):
        if "pk" not in self.kwargs:
            return None  # a new group: the form's instance is a fresh one
        groups = SupervisionGroup.objects.select_related("programme")
        return get_object_or_404(groups, pk=self.kwargs["pk"])

    @cached_property
    def programme(self) -> Programme:
        if self.object is not None:
            return self.object.programme
        return get_object_or_404(Programme, slug=self.kwargs["slug"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programme": self.programme}

    def get_context_data(self, **kwargs):
        return super().get_context_data(programme=self.programme, **kwargs)

    def form_valid(self, form):
        self.object = form.save()
        messages.success(self.request, _("The supervision group is saved."))
        return HttpResponseRedirect(groups_url(self.programme))


class ScheduleMeetingView(CoordinatorRequiredMixin, FormView):
    form_class = MeetingForm
    template_name = "coordination/supervision_meeting_form.html"

    @cached_property
    def group(self) -> SupervisionGroup:
        return get_object_or_404(
            SupervisionGroup.objects.select_related("programme"), pk=self.kwargs["pk"]
        )

    def get_initial(self):
        title = _("Supervision – %(group)s") % {"group": self.group.name}
        return {"title": title[:200], "capacity": self.group.members.count() + 1}

    def get_context_data(self, **kwargs):
        return super().get_context_data(group=self.group, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        fields = ("title", "starts_at", "ends_at", "venue", "online_url", "capacity")
        schedule_meeting(group=self.group, **{name: data[name] for name in fields})
        messages.success(
            self.request, _("The meeting is scheduled; the group's members can register.")
        )
        return HttpResponseRedirect(groups_url(self.group.programme))
