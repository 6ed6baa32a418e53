"""factory_boy factories shared by every test module."""

import datetime as dt

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from demo.data import with_check_digit
from participants.models import Enrolment, Organisation, Participant, Registration
from programme.models import (
    Article,
    ContactPerson,
    Goal,
    Programme,
    Session,
    Theme,
    Venue,
)
from programme.talks import Speaker, Talk

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.no")
    username = factory.SelfAttribute("email")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testkommune {n}")
    kind = Organisation.Kind.MUNICIPALITY
    region = "Gjøvik-regionen"
    municipality_number = factory.Sequence(lambda n: f"{11 + n // 99:02d}{1 + n % 99:02d}")


class SpecialistUnitFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Testenhet DPS {n}")
    kind = Organisation.Kind.SPECIALIST_UNIT
    municipality_number = None
    organisation_number = factory.Sequence(
        lambda n: next(
            with_check_digit(p)
            for p in (f"98{n:04d}{k:02d}" for k in range(100))
            if _has_check_digit(p)
        )
    )


def _has_check_digit(first_eight: str) -> bool:
    from participants.validators import organisation_number_check_digit

    return organisation_number_check_digit(first_eight) is not None


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    user = factory.SubFactory(UserFactory)
    full_name = factory.Sequence(lambda n: f"Test Person {n}")
    phone = "40000000"
    organisation = factory.SubFactory(OrganisationFactory)
    role = Participant.Role.SERVICE_WORKER
    job_title = "Miljøterapeut"
    # A confirmed member of their organisation; UnconfirmedMemberFactory for one who only
    # chose it on the profile.
    membership_confirmed_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.organisation else None
    )


class UnconfirmedMemberFactory(ParticipantFactory):
    """A service worker who chose an organisation and waits for it to confirm them."""

    membership_confirmed_at = None


class LeaderFactory(ParticipantFactory):
    role = Participant.Role.LEADER
    leader_confirmed = True
    job_title = "Enhetsleder"


class SupervisorFactory(ParticipantFactory):
    organisation = None
    role = Participant.Role.SUPERVISOR
    job_title = "Familieterapeut"


class GuestFactory(ParticipantFactory):
    organisation = None
    employer_name = "Pårørendesenteret"
    role = Participant.Role.GUEST
    job_title = "Erfaringskonsulent"
    membership_confirmed_at = None


class CoordinatorFactory(ParticipantFactory):
    user = factory.SubFactory(UserFactory, is_staff=True, is_superuser=True)
    organisation = None
    role = Participant.Role.COORDINATOR
    job_title = "Spesialrådgiver"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Familiestøtte Testfylke {n}")
    slug = factory.Sequence(lambda n: f"testfylke-{n}")
    region = "Innlandet"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + dt.timedelta(days=250))


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Mål {n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Tema {n}")


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Kurssted {n}")
    street_address = "Storgata 1"
    postal_code = "2815"
    city = "Gjøvik"


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Kontakt {n}")
    title = "Spesialrådgiver"
    phone = "400 00 001"
    email = factory.Sequence(lambda n: f"kontakt{n}@example.no")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    programme = factory.SubFactory(ProgrammeFactory)
    kind = Session.Kind.TRAINING_DAY
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Opplæringsdag om tema {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=6))
    registration_deadline = factory.LazyAttribute(lambda o: o.starts_at - dt.timedelta(days=7))
    venue = factory.SubFactory(VenueFactory)
    capacity = 30
    audience = Session.Audience.SERVICE_WORKERS


class SupervisionMeetingFactory(SessionFactory):
    kind = Session.Kind.SUPERVISION
    title = "Veiledning"


class LeaderGatheringFactory(SessionFactory):
    kind = Session.Kind.LEADER_GATHERING
    audience = Session.Audience.LEADERS


class EventFactory(SessionFactory):
    """A one-off event over two days, such as a conference."""

    kind = Session.Kind.EVENT
    number = None
    title = "Pårørendekonferansen"
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(days=1, hours=6))
    audience = Session.Audience.ALL


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Nyhet {n}")
    slug = factory.Sequence(lambda n: f"nyhet-{n}")
    summary = "Kort om saken."
    body = "Hele saken."
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Foredragsholder {n}")
    title = "Psykologspesialist"
    organisation = "Pårørendesenteret"
    bio = "Har arbeidet med pårørende i mange år."


class TalkFactory(factory.django.DjangoModelFactory):
    """A half-hour talk at the start of its session, by one new speaker."""

    class Meta:
        model = Talk
        skip_postgeneration_save = True

    session = factory.SubFactory(EventFactory)
    starts_at = factory.LazyAttribute(lambda o: o.session.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(minutes=30))
    title = factory.Sequence(lambda n: f"Innlegg {n}")
    room = "Storsalen"

    @factory.post_generation
    def speakers(self, create, extracted, **kwargs):
        if create:
            self.speakers.set(extracted if extracted is not None else [SpeakerFactory()])


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    enrolled_on = factory.LazyFunction(timezone.localdate)
    time_commitment_confirmed = True


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    participant = factory.SubFactory(ParticipantFactory)
    session = factory.SubFactory(SessionFactory)
    status = Registration.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
    waitlisted_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == Registration.Status.WAITLISTED else None
    )


# --- resourcegroups ------------------------------------------------------------------

from resourcegroups.models import (  # noqa: E402
    Meeting,
    Membership,
    Offer,
    Partner,
    ProgressReport,
    ResourceGroup,
    Routine,
)


class ResourceGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResourceGroup

    enrolment = factory.SubFactory(EnrolmentFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(ResourceGroupFactory)
    participant = factory.SubFactory(
        ParticipantFactory, organisation=factory.SelfAttribute("..group.enrolment.organisation")
    )


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(ResourceGroupFactory)
    met_on = factory.LazyFunction(timezone.localdate)
    notes = "Vi ble enige om å lage en rutine for første samtale med pårørende."


class RoutineFactory(factory.django.DjangoModelFactory):
    """A routine without history; use resourcegroups.services.create_work for one with it."""

    class Meta:
        model = Routine

    enrolment = factory.SubFactory(EnrolmentFactory)
    title = factory.Sequence(lambda n: f"Rutine for første samtale med pårørende {n}")


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    enrolment = factory.SubFactory(EnrolmentFactory)
    title = factory.Sequence(lambda n: f"Pårørendegruppe {n}")
    kind = Offer.Kind.LEARNING_AND_COPING


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    enrolment = factory.SubFactory(EnrolmentFactory)
    name = factory.Sequence(lambda n: f"Pårørendeforening {n}")
    kind = Partner.Kind.USER_ORGANISATION


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    enrolment = factory.SubFactory(EnrolmentFactory)
    gathering = factory.SubFactory(
        LeaderGatheringFactory, programme=factory.SelfAttribute("..enrolment.programme")
    )
    done_since_last = "Startet ressursgruppen."
    next_steps = "Lage rutine for kartlegging av barn som pårørende."


def session_in_days(days: float, **kwargs) -> Session:
    """A session starting `days` from now; negative for one in the past."""
    return SessionFactory(starts_at=timezone.now() + dt.timedelta(days=days), **kwargs)


# --- certificates -----------------------------------------------------------------------

from certificates.models import Certificate  # noqa: E402


class CertificateFactory(factory.django.DjangoModelFactory):
    """A certificate as issued for all eight days; issue_certificate checks attendance."""

    class Meta:
        model = Certificate

    participant = factory.SubFactory(ParticipantFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    training_days_attended = 8
    training_days_total = 8
