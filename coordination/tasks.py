"""The coordinator's long work, run as jobs with a progress bar (progress.jobs): a
session's list as a file when it is long, and a message to a whole programme."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from django.contrib.auth.models import User
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from familiestotte import spreadsheets
from programme.models import Programme, Session
from progress.jobs import Progress, job_task, start_job
from progress.models import Job
from registrations.selectors import session_list

from . import exports, selectors
from .messages import CoordinatorMessage, ProgrammeAudience, message_programme

T = TypeVar("T")


def counted(items: list[T], progress: Progress) -> Iterator[T]:
    """The items one by one, each counted as a step once it has been handed on."""
    progress.set_total(len(items))
    for item in items:
        yield item
        progress.step()


@job_task("coordination.export_session_list")
def export_session_list(
    progress: Progress, *, session_id: int, extension: str, with_dietary_needs: bool = False
) -> None:
    """The session's list as CSV or XLSX, offered on the job's page; with dietary needs
    only when the coordinator asked for them."""
    session = Session.objects.get(pk=session_id)
    registrations: Iterable = counted(selectors.everyone(session_list(session)), progress)
    dietary = with_dietary_needs
    if extension == "xlsx":
        content = exports.to_xlsx(session, registrations, with_dietary_needs=dietary)
        content_type = spreadsheets.XLSX_CONTENT_TYPE
    else:
        content = exports.to_csv(registrations, with_dietary_needs=dietary)
        content_type = spreadsheets.CSV_CONTENT_TYPE
    progress.attach_file(exports.filename(session, extension), content, content_type)


def start_programme_message(
    *,
    programme: Programme,
    audience: str,
    message: CoordinatorMessage,
    include_waitlisted: bool,
    remote_addr: str | None = None,
    organisation_ids: list[int] | None = None,
) -> Job:
    """The coordinator's message to a whole programme, as a job of theirs: recorded by a
    worker once the request commits (send_programme_message)."""
    return start_job(
        message.sender,
        kind="programme_message",
        title=_("Message to %(programme)s") % {"programme": programme.name},
        task=send_programme_message,
        kwargs={
            "programme_id": programme.pk,
            "audience": str(audience),
            "include_waitlisted": include_waitlisted,
            "subject": message.subject,
            "body": message.body,
            "message_id": message.message_id,
            "sender_id": message.sender.pk,
            "remote_addr": remote_addr,  # the audit row's, from the request
            "organisation_ids": organisation_ids or [],
        },
    )


@job_task("coordination.send_programme_message")
def send_programme_message(
    progress: Progress,
    *,
    programme_id: int,
    audience: str,
    include_waitlisted: bool,
    subject: str,
    body: str,
    message_id: str,
    sender_id: int,
    remote_addr: str | None = None,
    organisation_ids: list[int] | None = None,
) -> None:
    """Record the coordinator's message for everyone it goes to, batch by batch; the
    outbox sends each once (its key names message, programme and person)."""
    message = CoordinatorMessage(
        subject=subject, body=body, message_id=message_id, sender=User.objects.get(pk=sender_id)
    )
    count = message_programme(
        programme=Programme.objects.get(pk=programme_id),
        audience=ProgrammeAudience(audience),
        message=message,
        include_waitlisted=include_waitlisted,
        progress=progress,
        remote_addr=remote_addr,
        organisation_ids=organisation_ids,
    )
    progress.set_message(
        ngettext(
            "The message is on its way to %(count)s person.",
            "The message is on its way to %(count)s people.",
            count,
        )
        % {"count": count}
    )
