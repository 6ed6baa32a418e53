"""Feedback on the portal's accessibility: to every coordinator through the outbox, and
at most a few times per client address (allauth's rate-limit counters, which find the
client behind the TLS proxy as the log-in limits do)."""

from __future__ import annotations

import logging
import uuid

from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from notifications.models import Email
from notifications.outbox import queue_email
from participants.models import Participant

logger = logging.getLogger(__name__)

DEFAULT_RATE = "5/10m/ip"
ACTION = "accessibility_feedback"


def coordinators() -> QuerySet[User]:
    """Active coordinators with an email address (superusers too: they act as coordinators)."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(participant__role=Participant.Role.COORDINATOR) | Q(is_superuser=True))
        .exclude(email="")
        .order_by("pk")
    )


def may_send(request: HttpRequest) -> bool:
    """Counts one attempt for this client; False once STATEMENTS_FEEDBACK_RATE is used up
    ("" turns the limit off, as DISABLE_RATE_LIMITS does in the tests)."""
    rate = getattr(settings, "STATEMENTS_FEEDBACK_RATE", DEFAULT_RATE)
    if not rate:
        return True
    usage = ratelimit.consume(request, app="statements", action=ACTION, config={ACTION: rate})
    return usage is not None


def send_feedback(*, name: str, email: str, page: str, description: str) -> int:
    """One email to each coordinator, recorded in one transaction. Returns how many."""
    token = uuid.uuid4().hex
    sent = 0
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        for coordinator in coordinators():
            queue_email(
                recipient=coordinator,
                kind=Email.Kind.OTHER,
                key=f"accessibility-feedback:{token}:{coordinator.pk}",
                template_prefix="statements/email/feedback",
                context={
                    "sender_name": name,
                    "sender_email": email,
                    "page": page,
                    "description": description,
                    "reason": _(
                        "You get this email because you are a coordinator in Familiestøtte and "
                        "someone reported a problem with the portal's accessibility."
                    ),
                },
            )
            sent += 1
    if not sent:
        logger.warning("Accessibility feedback with no coordinator to send it to.")
    return sent
