"""The demo programme: Oppland 2018 as the leaflet describes it, moved to the coming year.

Everything is created only if missing, so loading twice changes nothing.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from participants.validators import organisation_number_check_digit

OSLO = ZoneInfo("Europe/Oslo")

GOALS = [
    "Styrke kompetanse i familiestøttende arbeid og samhandling med pårørende",
    "Utvikle og etablere lokalt tilpassede og kunnskapsbaserte tilbud",
    "Etablere gode rutiner for familiestøtte og pårørendearbeid",
    "Styrke samhandling mellom nivåene og samarbeid med frivillige og brukerorganisasjoner",
]

# Top-level themes with the leaflet's examples as sub-themes.
THEMES = [
    ("Nasjonale føringer og lovverk knyttet til et familieperspektiv", []),
    ("Pårørendes rettigheter", []),
    ("Familiens ulike roller, belastninger og behov", []),
    ("Generasjonsperspektivet", []),
    (
        "Eksempler på pårørendetilbud fra rus- og psykisk helsefeltet",
        [
            "Lærings- og mestringsgrupper for pårørende",
            "«Stress-mestring-sosial støttemodellen»",
            "Psykoedukativt familiesamarbeid",
            "Lavterskeltilbud som Møteplass og Selvhjelpsgrupper",
        ],
    ),
    (
        "Styrking av bruker- og pårørendeperspektivet med nye krav til tjenesteutøvere, "
        "samhandling og ansvarsfordeling mellom tjenester og nivåer",
        [],
    ),
]

# (title, themes by title) for the eight training days, in order.
TRAINING_DAYS = [
    (
        "Familieperspektivet i lov og føringer",
        ["Nasjonale føringer og lovverk knyttet til et familieperspektiv"],
    ),
    ("Pårørendes rettigheter", ["Pårørendes rettigheter"]),
    ("Familiens roller, belastninger og behov", ["Familiens ulike roller, belastninger og behov"]),
    ("Generasjonsperspektivet", ["Generasjonsperspektivet"]),
    (
        "Lærings- og mestringsgrupper og stressmestring",
        ["Lærings- og mestringsgrupper for pårørende", "«Stress-mestring-sosial støttemodellen»"],
    ),
    ("Psykoedukativt familiesamarbeid", ["Psykoedukativt familiesamarbeid"]),
    (
        "Lavterskeltilbud: Møteplass og selvhjelpsgrupper",
        ["Lavterskeltilbud som Møteplass og Selvhjelpsgrupper"],
    ),
    (
        "Bruker- og pårørendeperspektivet i tjenestene",
        [
            "Styrking av bruker- og pårørendeperspektivet med nye krav til tjenesteutøvere, "
            "samhandling og ansvarsfordeling mellom tjenester og nivåer"
        ],
    ),
]
TRAINING_MONTHS = [3, 4, 5, 6, 8, 9, 10, 11]
LEADER_GATHERINGS = [
    (3, "Lederrollen i utviklings- og implementeringsarbeid"),
    (6, "Ressursgruppen og lokale rutiner"),
    (11, "Forankring og videre drift"),
]

VENUES = [
    {
        "name": "Sykehuset Innlandet Reinsvoll, undervisningsbygget",
        "street_address": "Reinsvollvegen 10",
        "postal_code": "2840",
        "city": "Reinsvoll",
        "directions": "Trinnfri inngang. Gratis parkering ved hovedinngangen. Teleslynge i salen.",
    },
    {
        "name": "Gjøvik kulturhus, sal 2",
        "street_address": "Storgata 20",
        "postal_code": "2815",
        "city": "Gjøvik",
        "directions": "Fem minutter å gå fra Gjøvik skysstasjon. Heis til andre etasje.",
    },
    {
        "name": "Lillehammer kurssenter",
        "street_address": "Kirkegata 5",
        "postal_code": "2609",
        "city": "Lillehammer",
        "directions": "Nær Lillehammer skysstasjon. Trinnfri inngang fra bakgården.",
    },
]

# The two-day conference on support for relatives that the news interview (seeds)
# announces; a one-off event of the programme, open to everyone (guests too).
CONFERENCE = {
    "title": "Pårørendekonferansen: Pårørendestøtte og pårørendesamarbeid i kommuner og "
    "helseforetak",
    "description": (
        "To dager om støtte til og samarbeid med pårørende i rus- og psykisk helsearbeid, "
        "for ansatte i kommuner og helseforetak. Hilde Hem, daglig leder i Nasjonalt senter "
        "for erfaringskompetanse innen psykisk helse, formidler essensen fra Toppmøtet, "
        "som hadde pårørende som tema."
    ),
    "capacity": 150,
}

# Municipalities of the former Oppland county (2018), with numbers and regions.
MUNICIPALITIES = [
    ("0501", "Lillehammer kommune", "Lillehammer-regionen"),
    ("0502", "Gjøvik kommune", "Gjøvik-regionen"),
    ("0511", "Dovre kommune", "Nord-Gudbrandsdal"),
    ("0512", "Lesja kommune", "Nord-Gudbrandsdal"),
    ("0513", "Skjåk kommune", "Nord-Gudbrandsdal"),
    ("0514", "Lom kommune", "Nord-Gudbrandsdal"),
    ("0515", "Vågå kommune", "Nord-Gudbrandsdal"),
    ("0516", "Nord-Fron kommune", "Midt-Gudbrandsdal"),
    ("0517", "Sel kommune", "Nord-Gudbrandsdal"),
    ("0519", "Sør-Fron kommune", "Midt-Gudbrandsdal"),
    ("0520", "Ringebu kommune", "Midt-Gudbrandsdal"),
    ("0521", "Øyer kommune", "Lillehammer-regionen"),
    ("0522", "Gausdal kommune", "Lillehammer-regionen"),
    ("0528", "Østre Toten kommune", "Gjøvik-regionen"),
    ("0529", "Vestre Toten kommune", "Gjøvik-regionen"),
    ("0532", "Jevnaker kommune", "Hadeland"),
    ("0533", "Lunner kommune", "Hadeland"),
    ("0534", "Gran kommune", "Hadeland"),
    ("0536", "Søndre Land kommune", "Gjøvik-regionen"),
    ("0538", "Nordre Land kommune", "Gjøvik-regionen"),
    ("0540", "Sør-Aurdal kommune", "Valdres"),
    ("0541", "Etnedal kommune", "Valdres"),
    ("0542", "Nord-Aurdal kommune", "Valdres"),
    ("0543", "Vestre Slidre kommune", "Valdres"),
    ("0544", "Øystre Slidre kommune", "Valdres"),
    ("0545", "Vang kommune", "Valdres"),
]

# Specialist health units; the organisation numbers are fictitious but carry a valid
# MOD11 check digit (the first eight digits are given, the ninth is computed).
SPECIALIST_UNITS = [
    ("99100001", "Sykehuset Innlandet, DPS Gjøvik", "Gjøvik-regionen"),
    ("99100006", "Sykehuset Innlandet, DPS Lillehammer", "Lillehammer-regionen"),
    ("99100003", "Sykehuset Innlandet, DPS Valdres", "Valdres"),
    ("99100004", "Sykehuset Innlandet, Avdeling for rusbehandling", "Innlandet"),
    ("99100005", "Sykehuset Innlandet, DPS Nord-Gudbrandsdal", "Nord-Gudbrandsdal"),
]

ENROLLED = [
    "Gjøvik kommune",
    "Lillehammer kommune",
    "Nordre Land kommune",
    "Nord-Aurdal kommune",
    "Sel kommune",
    "Sykehuset Innlandet, DPS Gjøvik",
    "Sykehuset Innlandet, DPS Valdres",
]

CONTACT_PERSONS = [
    (
        "Kari Eksempel",
        "Spesialrådgiver, Sykehuset Innlandet",
        "400 00 001",
        "kari.eksempel@example.no",
    ),
    (
        "Ola Demonstrasjon",
        "Spesialrådgiver, KoRus-Øst",
        "400 00 002",
        "ola.demonstrasjon@example.no",
    ),
]

DEMO_PASSWORD = "familiestotte-demo"  # noqa: S105 - demo mode only, documented in the README
DEMO_USERS = [
    # email, full name, role, organisation, job title, staff
    ("koordinator@example.no", "Kari Eksempel", "coordinator", None, "Spesialrådgiver", True),
    (
        "leder@example.no",
        "Lise Leder",
        "leader",
        "Gjøvik kommune",
        "Enhetsleder psykisk helse og rus",
        False,
    ),
    (
        "tjenesteutover@example.no",
        "Tor Tjenesteutøver",
        "service_worker",
        "Gjøvik kommune",
        "Psykiatrisk sykepleier",
        False,
    ),
    ("veileder@example.no", "Vera Veileder", "supervisor", None, "Familieterapeut", False),
    # From outside the participating organisations: registers for the open conference.
    ("gjest@example.no", "Gro Gjest", "guest", None, "Erfaringskonsulent", False),
]
# Where the demo's guests work (Participant.employer_name), by email.
DEMO_EMPLOYERS = {"gjest@example.no": "Pårørendesenteret (demo)"}


def coming_march_year(today: dt.date) -> int:
    """The year of the next March to November run whose registration is still open."""
    return today.year if today.month < 3 else today.year + 1


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday (0 = Monday) of a month."""
    first = dt.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (n - 1))


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=OSLO)


def with_check_digit(first_eight: str) -> str:
    digit = organisation_number_check_digit(first_eight)
    if digit is None:
        raise ValueError(f"{first_eight} has no valid check digit")
    return first_eight + str(digit)


def today_in_oslo() -> dt.date:
    return timezone.localdate()


# The default evaluation questions (evaluations.Question) of the demo programme. Session
# kind "" asks a question after training days and leader gatherings alike.
EVALUATION_QUESTIONS: list[dict[str, object]] = [
    {"kind": "rating", "session_kind": "", "text": "Hvor fornøyd er du med dagen som helhet?"},
    {"kind": "rating", "session_kind": "", "text": "Hvor nyttig var innholdet for arbeidet ditt?"},
    {"kind": "rating", "session_kind": "training_day", "text": "Hvordan vurderer du foreleserne?"},
    {
        "kind": "rating",
        "session_kind": "leader_gathering",
        "text": "Hvor godt hjalp samlingen deg i lederrollen i utviklingsarbeidet?",
    },
    {"kind": "rating", "session_kind": "", "text": "Hvordan fungerte lokalet og det praktiske?"},
    {
        "kind": "text",
        "session_kind": "",
        "text": "Hva tar du med deg tilbake til arbeidsplassen?",
        "is_required": False,
    },
    {
        "kind": "text",
        "session_kind": "",
        "text": "Hva kan vi gjøre bedre neste gang?",
        "is_required": False,
        "help_text": "Skriv ikke opplysninger om pasienter eller pårørende.",
    },
]
