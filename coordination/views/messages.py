"""A coordinator's message to a session's people or to a whole programme."""

import uuid
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView

from programme.models import Programme

from .. import selectors
from ..forms import BaseMessageForm, MessageForm, ProgrammeMessageForm
from ..messages import CoordinatorMessage, ProgrammeAudience, audience_size, message_session
from ..mixins import CoordinatorRequiredMixin, SessionMixin
from ..tasks import start_programme_message

# Why a programme message with no recipients is refused, by the audience chosen.
NOBODY_IN_AUDIENCE = {
    ProgrammeAudience.LEADERS: gettext_lazy(
        "No participating unit of the programme has a confirmed leader, so nobody would get it."
    ),
    ProgrammeAudience.REGISTERED: gettext_lazy(
        "Nobody is registered for a coming session of the programme, so nobody would get it."
    ),
}


class MessageMixin(FormView):
    """What the session's and the programme's message forms share: a fresh token names
    each message, and the coordinator is told how many people it goes to."""

    def get_initial(self) -> dict[str, Any]:
        return {"token": uuid.uuid4().hex}

    def message(self, form: BaseMessageForm) -> CoordinatorMessage:
        sender = self.request.user
        assert isinstance(sender, User)  # the coordinator mixins let no one else in
        return CoordinatorMessage(
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            message_id=form.cleaned_data["token"],
            sender=sender,
        )

    def announce(self, count: int) -> None:
        messages.success(
            self.request,
            ngettext(
                "The message is on its way to %(count)s person.",
                "The message is on its way to %(count)s people.",
                count,
            )
            % {"count": count},
        )


class MessageView(SessionMixin, MessageMixin, FormView):
    """Email a message to everyone registered (and, if chosen, those waiting)."""

    template_name = "coordination/message.html"
    form_class = MessageForm

    def get_context_data(self, **kwargs):
        kwargs["sent"] = selectors.sent_messages(self.get_session())
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        count = message_session(
            session=self.get_session(),
            message=self.message(form),
            include_waitlisted=form.cleaned_data["include_waitlisted"],
        )
        if count == 0:
            form.add_error(
                None, _("Nobody is registered for this session, so nobody would get it.")
            )
            return self.form_invalid(form)
        self.announce(count)
        return HttpResponseRedirect(self.session_url())


class ProgrammeMessageView(CoordinatorRequiredMixin, MessageMixin, FormView):
    """Email a message to a whole programme: the leaders of its participating units, or
    everyone registered for a coming session (and, if chosen, those waiting)."""

    template_name = "coordination/programme_message.html"
    form_class = ProgrammeMessageForm

    @cached_property
    def programme(self) -> Programme:
        return get_object_or_404(Programme, slug=self.kwargs["slug"])

    def get_initial(self):
        return {**super().get_initial(), "audience": ProgrammeAudience.LEADERS}

    def get_context_data(self, **kwargs):
        kwargs["programme"] = self.programme
        kwargs["counts"] = selectors.programme_audience_counts(self.programme)
        kwargs["sent"] = selectors.sent_programme_messages(self.programme)
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        """Sending runs as a job: the coordinator follows it on the job's page."""
        audience = form.cleaned_data["audience"]
        include_waitlisted = form.cleaned_data["include_waitlisted"]
        counts = selectors.programme_audience_counts(self.programme)
        if not audience_size(counts, audience, include_waitlisted=include_waitlisted):
            form.add_error("audience", NOBODY_IN_AUDIENCE[audience])
            return self.form_invalid(form)
        job = start_programme_message(
            programme=self.programme,
            audience=audience,
            message=self.message(form),
            include_waitlisted=include_waitlisted,
        )
        back = urlencode({"tilbake": self.request.path})
        return HttpResponseRedirect(f"{job.get_absolute_url()}?{back}")
