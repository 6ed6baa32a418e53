"""Recording a templated email to one person in the outbox: the entry point for every
email that is not about a registration or a session (those are rendered when sent,
notifications.rendering)."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model

from .dispatch import dispatch_soon
from .models import Email
from .rendering import common_context, render_templates


def queue_email(
    *,
    recipient: User,
    kind: str,
    key: str,
    template_prefix: str,
    context: Mapping[str, object],
    concerns: Model | None = None,
) -> None:
    """Send one templated email to a user after commit; `key` names it uniquely.

    Templates: `<template_prefix>_subject.txt`, `<template_prefix>.txt` and
    `<template_prefix>.html`, rendered now (extend notifications/email/base.html and
    base.txt for the footer; put the reason the person gets it in context["reason"]).
    The same `key` never reaches a person twice: a second call with it does nothing.
    `concerns` (optional) is the object the email is about, shown in the admin.
    """
    if Email.objects.filter(key=key).exists():
        return
    full_context = common_context(recipient_name=recipient_name(recipient))
    full_context.update(context)
    subject, text, html = render_templates(template_prefix, full_context)
    with transaction.atomic():
        _row, created = Email.objects.get_or_create(
            key=key,
            defaults={
                "kind": kind,
                "recipient": recipient,
                "to_email": recipient.email,
                "subject": subject[:300],
                "body_text": text,
                "body_html": html,
                "content_type": (
                    ContentType.objects.get_for_model(concerns) if concerns is not None else None
                ),
                "object_id": concerns.pk if concerns is not None else None,
            },
        )
        if created:
            dispatch_soon()


def recipient_name(user: User) -> str:
    participant = getattr(user, "participant", None)  # a user need not have a profile
    name: str = participant.full_name if participant is not None else ""
    return name
