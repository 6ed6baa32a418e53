"""A coordinator's message to a session's people or to a whole programme, shown as it
will be received, with its recipients, before it is sent."""

import uuid
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView

from audit.context import client_address
from participants.models import Participant
from programme.models import Programme

from .. import message_preview, selectors
from ..forms import BaseMessageForm, MessageForm, ProgrammeMessageForm
from ..message_preview import PREVIEW_NAMES, render_for
from ..messages import (
    CoordinatorMessage,
    ProgrammeAudience,
    message_session,
    programme_people,
    session_reason,
)
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
    ProgrammeAudience.PAST: gettext_lazy(
        "Nobody has attended a session of the programme yet, so nobody would get it."
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


class PreviewMixin(MessageMixin):
    """A form whose POST without «send» shows the preview (and with «edit», the form)."""

    def wants_preview(self) -> bool:
        return "send" not in self.request.POST

    def render_form_or_preview(
        self, form, *, people: list[Participant], url: str, reason, before: int = 0
    ) -> HttpResponse:
        """`reason(person)`: the email's footer line for that person."""
        if "edit" in self.request.POST:
            return self.render_to_response(self.get_context_data(form=form))
        first = people[0]
        subject, text = render_for(self.message(form), person=first, url=url, reason=reason(first))
        preview = {"subject": subject, "text": text, "count": len(people), "before": before}
        context = {"form": form, "preview": preview, "recipients": people[:PREVIEW_NAMES]}
        return self.render_to_response(self.get_context_data(**context))


class MessageView(SessionMixin, PreviewMixin, FormView):
    """Email a message to everyone registered (and, if chosen, those waiting)."""

    template_name = "coordination/message.html"
    form_class = MessageForm

    def get_context_data(self, **kwargs):
        kwargs["sent"] = selectors.sent_messages(self.get_session())
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        session, include = self.get_session(), form.cleaned_data["include_waitlisted"]
        people = message_preview.session_recipients(session, include_waitlisted=include)
        if not people:
            form.add_error(
                None, _("Nobody is registered for this session, so nobody would get it.")
            )
            return self.form_invalid(form)
        if self.wants_preview():
            reason = session_reason(session)
            url = session.get_absolute_url()
            return self.render_form_or_preview(
                form, people=people, url=url, reason=lambda _person: reason
            )
        count = message_session(
            session=session, message=self.message(form), include_waitlisted=include
        )
        self.announce(count)
        return HttpResponseRedirect(self.session_url())


class ProgrammeSendingMixin(PreviewMixin):
    """The programme message's two steps after the form: the preview of the email with
    its recipients, and the job that records it (the job's page follows it)."""

    @property
    def programme(self) -> Programme:
        raise NotImplementedError

    def preview(self, form, audience: dict):
        people, reason = message_preview.programme_audience(self.programme, **audience)
        url = self.programme.get_absolute_url()
        return self.render_form_or_preview(form, people=people, url=url, reason=reason)

    def send_as_job(self, form, audience: dict) -> HttpResponseRedirect:
        job = start_programme_message(
            programme=self.programme,
            message=self.message(form),
            remote_addr=client_address(self.request),
            **audience,
        )
        return follow_job(job, back=self.request.path)


class ProgrammeMessageView(CoordinatorRequiredMixin, ProgrammeSendingMixin, FormView):
    """A message to a programme's leaders or everyone registered (and those waiting)."""

    template_name = "coordination/programme_message.html"
    form_class = ProgrammeMessageForm

    @cached_property
    def programme(self) -> Programme:
        return get_object_or_404(Programme, slug=self.kwargs["slug"])

    def get_initial(self):
        return {**super().get_initial(), "audience": ProgrammeAudience.LEADERS}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programme": self.programme}

    def get_context_data(self, **kwargs):
        counts = selectors.programme_audience_counts(self.programme)
        sent = selectors.sent_programme_messages(self.programme)
        return super().get_context_data(
            programme=self.programme, counts=counts, sent=sent, **kwargs
        )

    def form_valid(self, form):  # sending runs as a job, followed on the job's page
        data = form.cleaned_data
        audience = {
            "audience": data["audience"],
            "include_waitlisted": data["include_waitlisted"],
            "organisation_ids": [o.pk for o in data["organisations"]],
        }
        if not programme_people(self.programme, **audience).exists():
            form.add_error("audience", NOBODY_IN_AUDIENCE[data["audience"]])
            return self.form_invalid(form)
        if self.wants_preview():
            return self.preview(form, audience)
        return self.send_as_job(form, audience)


def follow_job(job, *, back: str) -> HttpResponseRedirect:
    """To the job's page, whose «Tilbake» leads to `back`."""
    return HttpResponseRedirect(f"{job.get_absolute_url()}?{urlencode({'tilbake': back})}")
