import datetime as dt

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from demo import conference as demo_conference
from demo import data as demo
from demo import plan as demo_plan
from evaluations import services as evaluations
from participants.models import Enrolment, Organisation, Participant, Registration
from programme.models import Article, ContactPerson, Goal, Programme, Session, Theme, Venue
from resourcegroups import services as work
from resourcegroups.models import (
    Offer,
    Partner,
    ResourceGroup,
    Routine,
    SupervisionGroup,
    WorkStatus,
)

PROGRAMME_SLUG = "oppland-2018"


class Command(BaseCommand):
    help = "Load the demo programme (Oppland 2018 from the leaflet). Safe to run twice."

    def handle(self, *args, **options):
        with transaction.atomic():
            organisations = self.load_organisations()
            programme, created = self.load_programme()
            if created:
                self.load_sessions(programme)
            self.load_enrolments(programme, organisations)
            evaluations.add_questions(
                programme_id=programme.pk, questions=demo.EVALUATION_QUESTIONS
            )
            demo_plan.load_plan(programme)
            conference = self.load_conference(programme)
            demo_conference.load_talks(conference)
            self.load_article(programme, conference)
            if settings.DEMO_MODE:
                people = self.load_users(organisations)
                self.load_demo_work(programme, people)
                demo_conference.register_guest(conference, people[demo_conference.GUEST_EMAIL])
            else:
                self.stdout.write("DEMO_MODE is off: no demo users created.")
        self.stdout.write(self.style.SUCCESS(f"Demo programme «{programme.name}» is loaded."))

    def load_organisations(self) -> dict[str, Organisation]:
        organisations = {}
        for number, name, region in demo.MUNICIPALITIES:
            org, _ = Organisation.objects.get_or_create(
                name=name,
                defaults={"kind": "municipality", "region": region, "municipality_number": number},
            )
            organisations[name] = org
        for first_eight, name, region in demo.SPECIALIST_UNITS:
            org, _ = Organisation.objects.get_or_create(
                name=name,
                defaults={
                    "kind": "specialist_unit",
                    "region": region,
                    "organisation_number": demo.with_check_digit(first_eight),
                },
            )
            organisations[name] = org
        return organisations

    def load_programme(self) -> tuple[Programme, bool]:
        year = demo.coming_march_year(demo.today_in_oslo())
        programme, created = Programme.objects.get_or_create(
            slug=PROGRAMME_SLUG,
            defaults={
                "name": "Familiestøtte Oppland 2018",
                "region": "Oppland",
                "tagline": (
                    "Familiestøtte og pårørendearbeid i rus- og psykisk helsearbeid for voksne – "
                    "kompetanseprogram for kommuner og spesialisthelsetjeneste"
                ),
                "introduction": (
                    "Divisjon psykisk helsevern, KoRus-Øst og Sykehuset Innlandet HF har gått "
                    "sammen om en satsning på kompetanseheving i familiestøttende arbeid for "
                    "voksne pårørende. Programmet er felles for ansatte i kommuner og "
                    "spesialisthelsetjenesten.\n\n"
                    "Demo: datoene er flyttet til kommende mars–november, slik at påmeldingen "
                    "er åpen."
                ),
                "starts_on": dt.date(year, 3, 1),
                "ends_on": dt.date(year, 11, 30),
                "organisers": "Sykehuset Innlandet HF, Divisjon psykisk helsevern, og KoRus-Øst",
                "time_commitment": (
                    "Det må avsettes tid til opplæringsdager, ledersamlinger, "
                    "ressursgruppearbeid og veiledning."
                ),
            },
        )
        if created:
            for number, text in enumerate(demo.GOALS, start=1):
                Goal.objects.create(programme=programme, number=number, text=text)
            for order, (title, children) in enumerate(demo.THEMES, start=1):
                parent = Theme.objects.create(programme=programme, order=order, title=title)
                for child_order, child in enumerate(children, start=1):
                    Theme.objects.create(
                        programme=programme, order=child_order, title=child, parent=parent
                    )
            for order, (name, title, phone, email) in enumerate(demo.CONTACT_PERSONS, start=1):
                ContactPerson.objects.create(
                    programme=programme,
                    order=order,
                    name=name,
                    title=title,
                    phone=phone,
                    email=email,
                )
        return programme, created

    def load_sessions(self, programme: Programme) -> None:
        venues = [Venue.objects.get_or_create(name=v["name"], defaults=v)[0] for v in demo.VENUES]
        year = programme.starts_on.year
        themes = {t.title: t for t in programme.themes.all()}

        def session(kind, number, title, day, start, end, venue, capacity, audience):
            """One session from `start` to `end` (hour, minute) on `day`; registration
            closes at noon a week before."""
            return Session.objects.create(
                programme=programme,
                kind=kind,
                number=number,
                title=title,
                starts_at=demo.at(day, *start),
                ends_at=demo.at(day, *end),
                venue=venue,
                capacity=capacity,
                registration_deadline=demo.at(day - dt.timedelta(days=7), 12),
                audience=audience,
            )

        for number, ((title, theme_titles), month) in enumerate(
            zip(demo.TRAINING_DAYS, demo.TRAINING_MONTHS, strict=True), start=1
        ):
            day = demo.nth_weekday(year, month, 1, 2)  # second Tuesday
            training_day = session(
                Session.Kind.TRAINING_DAY, number, title, day, (9, 0), (15, 30),
                venues[number % len(venues)], 60, Session.Audience.SERVICE_WORKERS,
            )  # fmt: skip
            training_day.themes.set([themes[t] for t in theme_titles])
        for number, (month, title) in enumerate(demo.LEADER_GATHERINGS, start=1):
            day = demo.nth_weekday(year, month, 3, 2)  # second Thursday
            session(
                Session.Kind.LEADER_GATHERING, number, title, day, (10, 0), (15, 0),
                venues[0], 30, Session.Audience.LEADERS,
            )  # fmt: skip
        for number, month in enumerate((5, 9), start=1):
            day = demo.nth_weekday(year, month, 2, 1)  # first Wednesday
            session(
                Session.Kind.SUPERVISION, number, "Veiledning i regional gruppe", day,
                (12, 0), (15, 0), venues[0], 12, Session.Audience.SERVICE_WORKERS,
            )  # fmt: skip
        network_day = demo.nth_weekday(year + 1, 2, 2, 2)  # after the programme
        session(
            Session.Kind.NETWORK_MEETING, 1, "Nettverkssamling: erfaringer ett år etter",
            network_day, (10, 0), (14, 0), venues[1], 80, Session.Audience.ALL,
        )  # fmt: skip

    def load_enrolments(self, programme, organisations) -> None:
        for name in demo.ENROLLED:
            Enrolment.objects.get_or_create(
                programme=programme,
                organisation=organisations[name],
                defaults={
                    "enrolled_on": demo_plan.enrolled_on(programme, demo.today_in_oslo()),
                    "time_commitment_confirmed": True,
                },
            )

    def load_conference(self, programme: Programme) -> Session:
        """The two-day conference in the third week of November: Monday 09.30 to Tuesday
        15.00, registration open until two weeks before."""
        monday = demo.nth_weekday(programme.starts_on.year, 11, 0, 3)
        venue = Venue.objects.get_or_create(name=demo.VENUES[2]["name"], defaults=demo.VENUES[2])[0]
        conference, _ = Session.objects.get_or_create(
            programme=programme,
            kind=Session.Kind.EVENT,
            title=demo.CONFERENCE["title"],
            defaults={
                "description": demo.CONFERENCE["description"],
                "starts_at": demo.at(monday, 9, 30),
                "ends_at": demo.at(monday + dt.timedelta(days=1), 15),
                "venue": venue,
                "capacity": demo.CONFERENCE["capacity"],
                "registration_deadline": demo.at(monday - dt.timedelta(days=14), 12),
                "audience": Session.Audience.OPEN,
            },
        )
        if conference.audience == Session.Audience.ALL:  # loaded before it was open to all
            conference.audience = Session.Audience.OPEN
            conference.save(update_fields=["audience"])
        return conference

    def load_article(self, programme: Programme, conference: Session) -> None:
        article, _ = Article.objects.get_or_create(
            slug="relasjons-og-familiearbeid-er-veien-a-ga",
            defaults={
                "title": "Relasjons- og familiearbeid er veien å gå",
                "author": "Redaksjonen",
                "programme": programme,
                "summary": (
                    "Før konferansen «Pårørendestøtte og pårørendesamarbeid i kommuner og "
                    "helseforetak» snakket vi med Hilde Hem om hvorfor pårørendearbeid må "
                    "prioriteres."
                ),
                "body": (
                    "Psykiske lidelser og rusproblemer utspiller seg i relasjoner og påvirker "
                    "alle i en familie og nettverket. Tjenestene må ha både individet og "
                    "individets familie og nettverk i fokus.\n\n"
                    "Pårørende har kunnskap som i for liten grad blir etterspurt og anvendt, og "
                    "kan trenge anerkjennelse, støtte og veiledning for å stå i en utfordrende "
                    "rolle over tid."
                ),
                "event": conference,
            },
        )
        if article.event_id is None:  # loaded before the article named its event
            article.event = conference
            article.save(update_fields=["event"])

    def load_users(self, organisations) -> dict[str, Participant]:
        """The demo people of demo.DEMO_USERS, by email."""
        user_model = get_user_model()
        people = {}
        for email, full_name, role, org_name, job_title, is_staff in demo.DEMO_USERS:
            user, created = user_model.objects.get_or_create(
                username=email,
                defaults={"email": email, "is_staff": is_staff, "is_superuser": is_staff},
            )
            if created:
                user.set_password(demo.DEMO_PASSWORD)
                user.save()
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            people[email], _ = Participant.objects.get_or_create(
                user=user,
                defaults={
                    "full_name": full_name,
                    "phone": "40000010",
                    "organisation": organisations.get(org_name),
                    "employer_name": demo.DEMO_EMPLOYERS.get(email, ""),
                    "role": role,
                    "leader_confirmed": role == "leader",
                    "membership_confirmed_at": timezone.now() if org_name else None,
                    "job_title": job_title,
                },
            )
        return people

    def load_demo_work(self, programme, people: dict[str, Participant]) -> None:
        """The demo people's registrations, their workplace's resource group and the
        worker's supervision group, so every page has something to show. Created once:
        skipped when the resource group exists."""
        leader = people["leder@example.no"]
        worker = people["tjenesteutover@example.no"]
        enrolment = Enrolment.objects.get(programme=programme, organisation=leader.organisation)
        if ResourceGroup.objects.filter(enrolment=enrolment).exists():
            return
        training_days = programme.sessions.filter(kind=Session.Kind.TRAINING_DAY)
        first_gathering = programme.sessions.filter(kind=Session.Kind.LEADER_GATHERING).first()
        now = timezone.now()
        for session in list(training_days[:3]):
            Registration.objects.create(
                participant=worker,
                session=session,
                status=Registration.Status.CONFIRMED,
                confirmed_at=now,
            )
        Registration.objects.create(
            participant=leader,
            session=first_gathering,
            status=Registration.Status.CONFIRMED,
            confirmed_at=now,
        )
        work.add_member(enrolment=enrolment, participant=worker)
        work.set_contact_person(enrolment=enrolment, participant=leader)
        goals = list(programme.goals.order_by("number"))
        routine = work.create_work(
            model=Routine,
            enrolment=enrolment,
            actor=leader.user,
            title="Rutine for første samtale med pårørende",
            description="Alle nye pasienter blir spurt om hvem som er deres nærmeste pårørende.",
            goals=goals[2:3],
        )
        work.change_status(item=routine, to_status=WorkStatus.PLANNED, actor=leader.user)
        work.create_work(
            model=Offer,
            enrolment=enrolment,
            actor=leader.user,
            title="Lærings- og mestringsgruppe for pårørende",
            kind=Offer.Kind.LEARNING_AND_COPING,
            goals=goals[1:2],
        )
        work.add_partner(
            enrolment=enrolment,
            name="Pårørendesenteret (demo)",
            kind=Partner.Kind.USER_ORGANISATION,
        )
        demo_plan.mark_first_milestone(enrolment, leader)
        supervision = SupervisionGroup.objects.create(
            programme=programme,
            name="Veiledningsgruppe Gjøvik og Toten",
            region="Oppland",
            supervisor=people["veileder@example.no"],
        )
        supervision.members.add(worker)
        supervision.meetings.set(programme.sessions.filter(kind=Session.Kind.SUPERVISION))
