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
from .messages import MessageMixin


class InvitationPreviewMixin(MessageMixin):
    """The preview step: the email as the first recipient will receive it, how many get
    it, and their names; and the message once it is on its way."""

    def render_preview(self, form, session, new, before):
        subject, text = invitations.preview(
            session=session,
            programme=form.cleaned_data["programme"],
            message=self.message(form),
            person=new[0],
        )
        return self.render_to_response(
            self.get_context_data(
                form=form,
                preview={"subject": subject, "text": text, "count": len(new), "before": before},
                recipients=new[: invitations.PREVIEW_NAMES],
            )
        )

    def announce_invited(self, count: int) -> None:
        text = ngettext(
            "The invitation is on its way to %(count)s person.",
            "The invitation is on its way to %(count)s people.",
            count,
        )
        messages.success(self.request, text % {"count": count})


class NetworkInvitationView(SessionMixin, InvitationPreviewMixin, MessageMixin, FormView):
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
        if "edit" in self.request.POST:
            return self.render_to_response(self.get_context_data(form=form))
        if "send" not in self.request.POST:
            return self.render_preview(form, self.get_session(), new, len(people) - len(new))
        count = invitations.invite(
            session=self.get_session(), **audience, message=self.message(form)
        )
        self.announce_invited(count)
        return HttpResponseRedirect(self.session_url())
