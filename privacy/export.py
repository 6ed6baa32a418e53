"""«Mine opplysninger» as a JSON download (GDPR art. 20): the same as the page, as plain
JSON values; codes as stored, with their labels."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from participants.models import Registration

from .selectors import PersonalData


def _moment(value: dt.datetime | None) -> str | None:
    """ISO 8601 with the Oslo offset, e.g. 2026-11-23T09:00:00+01:00."""
    return timezone.localtime(value).isoformat() if value else None


def as_json(data: PersonalData) -> dict:
    """The same as the page, as plain JSON values; codes as stored, with their labels."""
    user = data.user
    participant = data.participant
    result: dict[str, Any] = {
        "exported_at": _moment(timezone.now()),
        "account": {
            "email": user.email,
            "date_joined": _moment(user.date_joined),
            "last_login": _moment(user.last_login),
            "email_addresses": [
                {"email": a.email, "primary": a.primary, "verified": a.verified}
                for a in data.email_addresses
            ],
        },
        "profile": None,
        "registrations": [_registration(r) for r in data.registrations],
        "resource_groups": [
            {
                "organisation": m.group.enrolment.organisation.name,
                "programme": m.group.enrolment.programme.name,
                "added_at": _moment(m.added_at),
            }
            for m in data.memberships
        ],
        "supervision_groups": [
            {
                "name": g.name,
                "region": g.region,
                "programme": g.programme.name,
                "is_supervisor": participant is not None and g.supervisor_id == participant.pk,
            }
            for g in data.supervision_groups
        ],
        "certificates": [
            {
                "programme": c.programme.name,
                "code": c.code,
                "issued_at": _moment(c.issued_at),
                "training_days_attended": c.training_days_attended,
                "training_days_total": c.training_days_total,
                "withdrawn_at": _moment(c.withdrawn_at),
                "withdrawn_reason": c.withdrawn_reason,
            }
            for c in data.certificates
        ],
        "emails": [
            {
                "kind": e.kind,
                "to": e.to_email,
                "subject": e.subject,
                "status": e.status,
                "status_label": e.get_status_display(),
                "created_at": _moment(e.created_at),
                "sent_at": _moment(e.sent_at),
            }
            for e in data.emails
        ],
    }
    if participant is not None:
        result["profile"] = {
            "full_name": participant.full_name,
            "role": participant.role,
            "role_label": participant.get_role_display(),
            "leader_confirmed": participant.leader_confirmed,
            "membership_confirmed_at": _moment(participant.membership_confirmed_at),
            "organisation": participant.organisation.name if participant.organisation else None,
            "employer_name": participant.employer_name,
            "job_title": participant.job_title,
            "phone": participant.phone,
            "dietary_needs": participant.dietary_needs,
            "created_at": _moment(participant.created_at),
        }
    return result


def _registration(registration: Registration) -> dict:
    session = registration.session
    return {
        "session": session.title,
        "programme": session.programme.name,
        "starts_at": _moment(session.starts_at),
        "ends_at": _moment(session.ends_at),
        "status": registration.status,
        "status_label": registration.get_status_display(),
        "attended": registration.attended,
        "registered_at": _moment(registration.created_at),
        "confirmed_at": _moment(registration.confirmed_at),
        "waitlisted_at": _moment(registration.waitlisted_at),
        "cancelled_at": _moment(registration.cancelled_at),
        "late_cancellation": registration.is_late_cancellation,
        "history": [
            {
                "action": event.action,
                "action_label": event.get_action_display(),
                "from_status": event.from_status,
                "to_status": event.to_status,
                "at": _moment(event.created_at),
                "note": event.note,
            }
            for event in registration.events.all()
        ],
    }
