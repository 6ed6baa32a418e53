"""What the privacy and accessibility statements say that is the operator's to decide:
read from settings (each with a working default, README «Environment variables»), so the
pages state what the portal actually does and who answers for it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from privacy.retention import DIETARY_NEEDS_KEPT_DAYS

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

DEFAULT_CONTROLLER = "Sykehuset Innlandet HF"
DEFAULT_CONTROLLER_PARTNER = "KoRus-Øst (Kompetansesenter rus, region øst)"
DEFAULT_DPO_CONTACT = "personvernombudet@sykehuset-innlandet.no"
DEFAULT_EMAIL_PROCESSOR = _("Sykehuset Innlandet HF's own email service (SMTP)")
DEFAULT_HOSTING = _("Sykehuset Innlandet HF's own servers in Norway")
# The day the accessibility statement was last checked against the portal (ISO date).
DEFAULT_ACCESSIBILITY_TESTED_ON = "2026-12-03"


@dataclass(frozen=True)
class Retention:
    inactive_years: int
    outbox_body_days: int
    dietary_needs_days: int


@dataclass(frozen=True)
class Operator:
    controller: str
    partner: str
    dpo_contact: str
    email_processor: str | StrPromise
    hosting: str | StrPromise


def retention() -> Retention:
    """PRIVACY_INACTIVE_YEARS and PRIVACY_OUTBOX_BODY_DAYS are privacy's settings (its
    retention jobs read them); the defaults are those jobs' own."""
    return Retention(
        inactive_years=int(getattr(settings, "PRIVACY_INACTIVE_YEARS", 3)),
        outbox_body_days=int(getattr(settings, "PRIVACY_OUTBOX_BODY_DAYS", 180)),
        dietary_needs_days=DIETARY_NEEDS_KEPT_DAYS,
    )


def operator() -> Operator:
    return Operator(
        controller=getattr(settings, "STATEMENTS_CONTROLLER", None) or DEFAULT_CONTROLLER,
        partner=getattr(settings, "STATEMENTS_CONTROLLER_PARTNER", None)
        or DEFAULT_CONTROLLER_PARTNER,
        dpo_contact=getattr(settings, "STATEMENTS_DPO_CONTACT", None) or DEFAULT_DPO_CONTACT,
        email_processor=getattr(settings, "STATEMENTS_EMAIL_PROCESSOR", None)
        or DEFAULT_EMAIL_PROCESSOR,
        hosting=getattr(settings, "STATEMENTS_HOSTING", None) or DEFAULT_HOSTING,
    )


def accessibility_tested_on() -> dt.date:
    value = (
        getattr(settings, "STATEMENTS_ACCESSIBILITY_TESTED_ON", None)
        or DEFAULT_ACCESSIBILITY_TESTED_ON
    )
    return dt.date.fromisoformat(value)


def site_url() -> str:
    """The address the accessibility statement covers (SITE_URL)."""
    return str(settings.SITE_URL).rstrip("/") + "/"
