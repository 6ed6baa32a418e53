"""«Mine opplysninger»: everything the portal stores about one person, for the page and
its JSON download (personopplysningsloven / GDPR art. 15 and 20).

One read, in a fixed number of queries whatever the amount (pinned in
tests/privacy/test_personal_data.py): email addresses, the profile with its
organisation, registrations with their sessions and events, resource-group
memberships, supervision groups, certificates and the outbox's emails. Deleting the
account is privacy.services.delete_account.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.models import User
from django.db.models import Prefetch, Q

from certificates.models import Certificate
from notifications.models import Email
from participants.models import Participant, Registration, RegistrationEvent
from resourcegroups.models import Membership, SupervisionGroup


@dataclass
class PersonalData:
    user: User
    email_addresses: list[EmailAddress]
    participant: Participant | None
    registrations: list[Registration] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    supervision_groups: list[SupervisionGroup] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)
    emails: list[Email] = field(default_factory=list)


def addresses_of(user, email_addresses=None) -> set[str]:
    """The user's email addresses, lower case: the account's and allauth's verified ones.
    An unverified address may be somebody else's (allauth lets anyone add one)."""
    if email_addresses is None:
        email_addresses = EmailAddress.objects.filter(user=user)
    found = {address.email.lower() for address in email_addresses if address.verified}
    if user.email:
        found.add(user.email.lower())
    return found


def emails_to(user, addresses: set[str]):
    """The outbox rows for the user: by recipient, or by one of their addresses where a
    row names no other recipient."""
    if not addresses:
        return Email.objects.filter(recipient=user)
    to_an_address = Q()
    for address in sorted(addresses):
        to_an_address |= Q(to_email__iexact=address)
    return Email.objects.filter(Q(recipient=user) | (Q(recipient__isnull=True) & to_an_address))


def personal_data(user) -> PersonalData:
    """What is stored about `user`. Seven queries with a profile, three without one:

    1. allauth's email addresses
    2. the profile with its organisation
    3. registrations with session and programme
    4. their events (prefetched)
    5. resource-group memberships with group, enrolment, organisation and programme
    6. supervision groups the person is in or leads, with programme and supervisor
    7. certificates with programme
    and the outbox's emails (subject, times and status; the bodies are not read).
    """
    email_addresses = list(EmailAddress.objects.filter(user=user).order_by("-primary", "email"))
    participant = Participant.objects.select_related("organisation").filter(user=user).first()
    data = PersonalData(user=user, email_addresses=email_addresses, participant=participant)
    if participant is not None:
        data.registrations = list(
            Registration.objects.filter(participant=participant)
            .select_related("session__programme")
            .prefetch_related(
                Prefetch("events", queryset=RegistrationEvent.objects.order_by("created_at", "pk"))
            )
            .order_by("session__starts_at", "session__pk", "created_at", "pk")
        )
        data.memberships = list(
            Membership.objects.filter(participant=participant)
            .select_related("group__enrolment__organisation", "group__enrolment__programme")
            .order_by("added_at", "pk")
        )
        data.supervision_groups = list(
            SupervisionGroup.objects.filter(Q(members=participant) | Q(supervisor=participant))
            .select_related("programme", "supervisor")
            .distinct()
            .order_by("programme__starts_on", "name", "pk")
        )
        data.certificates = list(
            Certificate.objects.filter(participant=participant)
            .select_related("programme")
            .order_by("issued_at", "pk")
        )
    data.emails = list(
        emails_to(user, addresses_of(user, email_addresses))
        .only("kind", "to_email", "subject", "status", "created_at", "sent_at")
        .order_by("created_at", "pk")
    )
    return data
