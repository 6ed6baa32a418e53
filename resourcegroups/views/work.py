"""Routines, offers for relatives and collaboration partners."""

import copy

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from participants.models import Enrolment

from .. import services
from ..forms import (
    OfferForm,
    PartnerForm,
    RoutineForm,
    StatusForm,
    WorkForm,
)
from ..models import (
    Offer,
    Partner,
    Routine,
)
from ..selectors.work import work_item_for_page, work_items
from .access import EnrolmentView


class WorkListView(EnrolmentView):
    template_name = "resourcegroups/work_list.html"
    tab = "work"

    def get(self, request, enrolment, partner_form=None, status=200):
        return self.render(
            status=status,
            routines=work_items(self.enrolment, Routine),
            offers=work_items(self.enrolment, Offer),
            partners=list(self.enrolment.partners.all()),
            partner_form=partner_form or PartnerForm(),
        )


WORK_MODELS: dict[str, tuple[type[Routine] | type[Offer], type[WorkForm]]] = {
    "routine": (Routine, RoutineForm),
    "offer": (Offer, OfferForm),
}


class WorkCreateView(EnrolmentView):
    permission = "resourcegroups.manage_work"
    template_name = "resourcegroups/work_form.html"
    tab = "work"
    kind = "routine"

    def form(self, data=None):
        model, form_class = WORK_MODELS[self.kind]
        return form_class(data, programme=self.enrolment.programme, with_status=True)

    def get(self, request, enrolment):
        return self.render(form=self.form(), kind=self.kind, item=None)

    def post(self, request, enrolment):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render(status=400, form=form, kind=self.kind, item=None)
        model = WORK_MODELS[self.kind][0]
        data = form.cleaned_data
        item = services.create_work(
            model=model,
            enrolment=self.enrolment,
            actor=request.user,
            title=data["title"],
            description=data["description"],
            goals=data["goals"],
            status=data["status"],
            kind=data.get("kind"),
        )
        messages.success(request, _("«%(title)s» is saved.") % {"title": item.title})
        return redirect(item.get_absolute_url())


class WorkItemMixin:
    kind = "routine"
    enrolment: Enrolment  # set by EnrolmentView, which the mixin is used with

    def get_item(self, pk):
        model = WORK_MODELS[self.kind][0]
        try:
            item = work_item_for_page(self.enrolment, model, pk)
        except model.DoesNotExist as exc:
            raise Http404 from exc
        item.enrolment = self.enrolment
        return item


class WorkDetailView(WorkItemMixin, EnrolmentView):
    template_name = "resourcegroups/work_detail.html"
    tab = "work"

    def get(self, request, enrolment, pk, status_form=None, status=200):
        item = self.get_item(pk)
        return self.render(
            status=status,
            item=item,
            kind=self.kind,
            history=list(item.status_changes.all()),
            status_form=status_form or StatusForm(initial={"status": item.status}),
        )


class WorkStatusView(WorkDetailView):
    permission = "resourcegroups.manage_work"

    def post(self, request, enrolment, pk):
        item = self.get_item(pk)
        form = StatusForm(request.POST)
        if not form.is_valid():
            return self.get(request, enrolment, pk, status_form=form, status=400)
        changed = services.change_status(
            item=item,
            to_status=form.cleaned_data["status"],
            actor=request.user,
            note=form.cleaned_data["note"],
        )
        if changed:
            messages.success(
                request,
                _("The status is now «%(status)s».") % {"status": item.get_status_display()},
            )
        else:
            messages.info(
                request,
                _("The status was already «%(status)s».") % {"status": item.get_status_display()},
            )
        return redirect(item.get_absolute_url())


class WorkUpdateView(WorkItemMixin, EnrolmentView):
    permission = "resourcegroups.manage_work"
    template_name = "resourcegroups/work_form.html"
    tab = "work"

    def form(self, item, data=None):
        form_class = WORK_MODELS[self.kind][1]
        return form_class(data, instance=item, programme=self.enrolment.programme)

    def get(self, request, enrolment, pk):
        item = self.get_item(pk)
        return self.render(form=self.form(item), kind=self.kind, item=item)

    def post(self, request, enrolment, pk):
        item = self.get_item(pk)
        # A copy, so the form's validation leaves the item shown on the page as it was.
        form = self.form(copy.copy(item), request.POST)
        if not form.is_valid():
            return self.render(status=400, form=form, kind=self.kind, item=item)
        data = form.cleaned_data
        services.update_work(
            item=item,
            title=data["title"],
            description=data["description"],
            goals=data["goals"],
            kind=data.get("kind"),
        )
        messages.success(request, _("«%(title)s» is saved.") % {"title": item.title})
        return redirect(item.get_absolute_url())


class AddPartnerView(WorkListView):
    permission = "resourcegroups.manage_work"

    def post(self, request, enrolment):
        form = PartnerForm(request.POST)
        if not form.is_valid():
            return self.get(request, enrolment, partner_form=form, status=400)
        partner = services.add_partner(enrolment=self.enrolment, **form.cleaned_data)
        messages.success(request, _("«%(name)s» is added.") % {"name": partner.name})
        return redirect(
            reverse("resourcegroups:work", kwargs={"enrolment": enrolment}) + "#partnere"
        )


class RemovePartnerView(EnrolmentView):
    permission = "resourcegroups.manage_work"

    def post(self, request, enrolment, pk):
        partner = get_object_or_404(Partner, pk=pk, enrolment=self.enrolment)
        services.remove_partner(partner=partner)
        messages.success(request, _("«%(name)s» is removed.") % {"name": partner.name})
        return redirect(
            reverse("resourcegroups:work", kwargs={"enrolment": enrolment}) + "#partnere"
        )
