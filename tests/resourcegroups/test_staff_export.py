"""A leader downloads the staff × training-day table of their own organisation."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from participants.models import Registration
from tests import factories


def staff_url(world, fmt="csv"):
    return reverse(f"resourcegroups:staff_{fmt}", kwargs={"enrolment": world.own.enrolment.pk})


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_it_gives_a_row_per_staff_member_and_a_column_per_training_day(login, leader, world):
    [first_day, *_rest] = world.training_days
    factories.RegistrationFactory(participant=world.own.worker, session=first_day)

    response = login(leader).get(staff_url(world))

    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="ansatte-gjovik-kommune-' in response["Content-Disposition"]
    header, *rows = read_csv(response)
    assert header[:3] == ["Ansatt", "Stilling", "Rolle"]
    assert header[3] == first_day.full_title
    assert header[-1] == "Dager møtt"
    by_name = {row[0]: row for row in rows}
    assert set(by_name) == {"Lise Leder", "Tor Tjenesteutøver"}
    assert by_name["Tor Tjenesteutøver"][3] == "Påmeldt"
    assert by_name["Lise Leder"][3] == "Ikke påmeldt"


def test_it_counts_the_days_attended(login, leader, world):
    [first_day, *_rest] = world.training_days
    factories.RegistrationFactory(
        participant=world.own.worker,
        session=first_day,
        status=Registration.Status.CONFIRMED,
        attended=True,
    )

    header, *rows = read_csv(login(leader).get(staff_url(world)))

    worker = next(row for row in rows if row[0] == "Tor Tjenesteutøver")
    assert worker[3] == "Møtt" and worker[-1] == "1"


def test_it_leaves_out_other_organisations_staff(login, leader, world):
    other_day = world.training_days[0]
    factories.RegistrationFactory(participant=world.other.worker, session=other_day)

    names = [row[0] for row in read_csv(login(leader).get(staff_url(world)))[1:]]

    assert "Ola Annen" not in names


def test_it_answers_404_for_another_organisations_table(login, other_leader, world):
    assert login(other_leader).get(staff_url(world)).status_code == 404


def test_it_writes_the_same_table_as_xlsx_with_formulas_defused(login, leader, world):
    worker = world.own.worker
    worker.job_title = '=HYPERLINK("http://evil.example")'
    worker.save()

    response = login(leader).get(staff_url(world, "xlsx"))

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Ansatt", "Stilling", "Rolle")
    assert '\'=HYPERLINK("http://evil.example")' in [row[1] for row in rows[1:]]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_it_links_to_the_downloads_from_the_organisation_page(login, leader, world):
    url = reverse("resourcegroups:organisation", kwargs={"enrolment": world.own.enrolment.pk})

    html = login(leader).get(url).content.decode()

    assert f'<a href="{staff_url(world)}">CSV</a>' in html
    assert f'<a href="{staff_url(world, "xlsx")}">Excel (XLSX)</a>' in html
