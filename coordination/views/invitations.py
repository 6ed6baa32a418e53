"""Inviting to a network meeting: choose whose past participants, see the email as it
will be received and who gets it, then send."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView

from programme.models import Session

from .. import invitations
from ..forms import NetworkInvitationForm
from ..mixins import SessionMixin
from .messages import PreviewMixin


class NetworkInvitationView(SessionMixin, PreviewMixin, FormView):
    """The first POST shows the preview; the second, with «send», queues the emails.
    A session that is not a network meeting: 404."""

    template_name = "coordination/invitation.html"
    form_class = NetworkInvitationForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and (
            self.get_session().kind != Session.Kind.NETWORK_MEETING
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        session = self.get_session()
        subject = _("Invitation: %(title)s") % {"title": session.title}
        return {**super().get_initial(), "programme": session.programme, "subject": subject}

    def form_valid(self, form):
        data = form.cleaned_data
        audience = {"programme": data["programme"], "organisations": list(data["organisations"])}
        people = list(invitations.past_participants(session=self.get_session(), **audience))
        new = invitations.not_yet_invited(self.get_session(), people)
        if not new:
            form.add_error(None, _("Everyone in this group is invited or registered already."))
            return self.form_invalid(form)
        session = self.get_session()
        if self.wants_preview():
            reason = invitations.reason(data["programme"])
            return self.render_form_or_preview(
                form,
                people=new,
                url=session.get_absolute_url(),
                reason=lambda _person: reason,
                before=len(people) - len(new),
            )
        count = invitations.invite(session=session, **audience, message=self.message(form))
        tell_invited(self.request, count)
        return HttpResponseRedirect(self.session_url())


def tell_invited(request, count: int) -> None:
    text = ngettext(
        "The invitation is on its way to %(count)s person.",
        "The invitation is on its way to %(count)s people.",
        count,
    )
    messages.success(request, text % {"count": count})
