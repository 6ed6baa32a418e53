"""A session's materials in the coordinator's workspace: the list, adding a file or a
link, and removing one after a confirmation step. 404 to anyone not a coordinator."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView

from materials import services
from programme.models import Material

from ..forms import RemoveForm
from ..material_forms import MaterialForm
from ..mixins import SessionMixin


class MaterialsView(SessionMixin, FormView):
    """The session's materials with the form to add one; a refused file is named on the
    form with the reason, and the title and link typed are kept."""

    template_name = "coordination/materials.html"
    form_class = MaterialForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Material(session=self.get_session())}

    def get_context_data(self, **kwargs):
        kwargs["materials"] = list(self.get_session().materials.order_by("title", "pk"))
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        material = services.add_material(material=form.instance)
        messages.success(self.request, _("«%(title)s» is added.") % {"title": material.title})
        return HttpResponseRedirect(materials_url(self.get_session().pk))


class RemoveMaterialView(SessionMixin, FormView):
    template_name = "coordination/remove_material.html"
    form_class = RemoveForm

    @cached_property
    def material(self) -> Material:
        return get_object_or_404(
            Material, pk=self.kwargs["material_pk"], session_id=self.get_session().pk
        )

    def get_context_data(self, **kwargs):
        kwargs["material"] = self.material
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        services.remove_material(material=self.material)
        messages.success(
            self.request, _("«%(title)s» is removed.") % {"title": self.material.title}
        )
        return HttpResponseRedirect(materials_url(self.get_session().pk))


def materials_url(session_pk: int) -> str:
    return reverse("coordination:materials", kwargs={"pk": session_pk})
