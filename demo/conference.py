"""The demo conference's programme: the speaker of the news interview (seeds) and two
days of talks, and the guest from outside the participating organisations who comes.

Created only if the conference has no talks, so loading twice changes nothing.
"""

import datetime as dt

from django.utils import timezone

from demo import data as demo
from participants.models import Participant, Registration
from programme.models import Session
from programme.talks import Speaker, Talk

ROOM = "Storsalen"

# name, job title, organisation, bio. Hilde Hem is the interview's speaker; the others
# are the demo's own people.
SPEAKERS = [
    (
        "Hilde Hem",
        "Daglig leder",
        "Nasjonalt senter for erfaringskompetanse innen psykisk helse",
        "Leder senteret som samler og formidler erfaringskompetanse fra brukere og "
        "pårørende. Formidler essensen fra Toppmøtet 2017, som hadde pårørende som tema.",
    ),
    (
        "Kari Eksempel",
        "Spesialrådgiver",
        "Sykehuset Innlandet",
        "Koordinerer kompetanseprogrammet Familiestøtte for kommuner og "
        "spesialisthelsetjenesten i Innlandet.",
    ),
    (
        "Ola Demonstrasjon",
        "Spesialrådgiver",
        "KoRus-Øst",
        "Arbeider med kunnskapsbaserte tilbud til pårørende i rus- og psykisk helsefeltet.",
    ),
    (
        "Marit Eksempel",
        "Erfaringskonsulent",
        "Pårørendesenteret (demo)",
        "Har selv vært pårørende i mange år og holder kurs for pårørende og ansatte.",
    ),
]

# (day 0 or 1, start, end, title, speakers by name)
TALKS: list[tuple[int, tuple[int, int], tuple[int, int], str, list[str]]] = [
    (0, (9, 30), (10, 0), "Åpning og velkommen", ["Kari Eksempel", "Ola Demonstrasjon"]),
    (0, (10, 0), (11, 0), "Vi lever sammenvevde liv: essensen fra Toppmøtet 2017",
     ["Hilde Hem"]),
    (0, (11, 0), (11, 15), "Pause", []),
    (0, (11, 15), (12, 15), "Den nye pårørendeveilederen: hva betyr den for tjenestene?",
     ["Ola Demonstrasjon"]),
    (0, (12, 15), (13, 0), "Lunsj", []),
    (0, (13, 0), (14, 15), "Pårørendes kunnskap som ressurs", ["Marit Eksempel"]),
    (0, (14, 30), (15, 30), "Samtale: samarbeid mellom kommune og helseforetak",
     ["Kari Eksempel", "Marit Eksempel", "Ola Demonstrasjon"]),
    (1, (9, 0), (10, 0), "Familiefokuserte tjenester i praksis", ["Kari Eksempel"]),
    (1, (10, 15), (11, 30), "Lærings- og mestringsgrupper for pårørende", ["Marit Eksempel"]),
    (1, (11, 30), (12, 15), "Lunsj", []),
    (1, (12, 15), (13, 30), "Pårørende og redusert bruk av tvang", ["Hilde Hem"]),
    (1, (13, 45), (14, 45), "Barn som pårørende: veien mot Toppmøtet 2018", ["Hilde Hem"]),
    (1, (14, 45), (15, 0), "Oppsummering og avslutning", ["Kari Eksempel"]),
]  # fmt: skip

GUEST_EMAIL = "gjest@example.no"


def load_talks(conference: Session) -> None:
    """The speakers (found by name) and the two days of talks, once."""
    if conference.talks.exists():
        return
    speakers = {}
    for name, title, organisation, bio in SPEAKERS:
        speakers[name], _ = Speaker.objects.get_or_create(
            name=name, defaults={"title": title, "organisation": organisation, "bio": bio}
        )
    first_day = timezone.localdate(conference.starts_at)
    for day, start, end, title, names in TALKS:
        date = first_day + dt.timedelta(days=day)
        talk = Talk.objects.create(
            session=conference,
            starts_at=demo.at(date, *start),
            ends_at=demo.at(date, *end),
            title=title,
            room=ROOM,
        )
        talk.speakers.set([speakers[name] for name in names])


def register_guest(conference: Session, guest: Participant) -> None:
    """The guest holds a seat at the conference (and at nothing else)."""
    Registration.objects.get_or_create(
        participant=guest,
        session=conference,
        defaults={"status": Registration.Status.CONFIRMED, "confirmed_at": timezone.now()},
    )
