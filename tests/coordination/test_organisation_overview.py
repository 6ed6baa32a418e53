"""The coordinator's overview: figures per organisation, filters, sorting and export."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from familiestotte.spreadsheets import safe_cell
from resourcegroups import services
from resourcegroups.models import ProgressReport
from tests import factories


def rows(response):
    return {row.enrolment.organisation.name: row for row in response.context["overview"].rows}


def test_it_counts_staff_registered_and_attending(coordinator_client, world):
    day = world.training_days[0]
    factories.RegistrationFactory(participant=world.own.worker, session=day, attended=True)
    factories.RegistrationFactory(participant=world.own.leader, session=day, attended=None)
    factories.RegistrationFactory(
        participant=world.own.worker, session=world.training_days[1], attended=True
    )
    response = coordinator_client.get(reverse("coordination:organisations"))
    own = rows(response)["Gjøvik kommune"].enrolment
    assert (own.staff_count, own.registered_count, own.attending_count) == (2, 2, 1)
    assert own.member_count == 2  # the worker and the leader as contact person


def test_it_shows_submitted_reports_and_established_offers(coordinator_client, world, leader):
    services.change_status(item=world.own.offer, to_status="established", actor=leader.user)
    ProgressReport.objects.filter(pk=world.own.report.pk).update(
        status="submitted", submitted_at=world.own.report.updated_at
    )
    response = coordinator_client.get(reverse("coordination:organisations"))
    own = rows(response)["Gjøvik kommune"]
    assert own.enrolment.offers_established == 1
    assert own.enrolment.routines_established == 0
    assert own.reports[0][1].is_submitted
    assert not rows(response)["Lillehammer kommune"].reports[0][1].is_submitted


def test_it_filters_by_missing_report(coordinator_client, world):
    ProgressReport.objects.filter(pk=world.own.report.pk).update(
        status="submitted", submitted_at=world.own.report.updated_at
    )
    response = coordinator_client.get(
        reverse("coordination:organisations"), {"missing_report": world.gathering.pk}
    )
    assert set(rows(response)) == {"Lillehammer kommune"}


def test_it_filters_by_name_and_resource_group(coordinator_client, world):
    bare = factories.EnrolmentFactory(programme=world.programme)
    response = coordinator_client.get(reverse("coordination:organisations"), {"has_group": "no"})
    assert set(rows(response)) == {bare.organisation.name}
    response = coordinator_client.get(reverse("coordination:organisations"), {"q": "gjøvik"})
    assert set(rows(response)) == {"Gjøvik kommune"}


def test_it_sorts_by_staff_count(coordinator_client, world):
    factories.ParticipantFactory.create_batch(3, organisation=world.other.enrolment.organisation)
    response = coordinator_client.get(reverse("coordination:organisations"), {"sort": "staff"})
    names = [row.enrolment.organisation.name for row in response.context["overview"].rows]
    assert names == ["Lillehammer kommune", "Gjøvik kommune"]


def test_it_ignores_an_unknown_sort_and_says_so(coordinator_client, world):
    response = coordinator_client.get(reverse("coordination:organisations"), {"sort": "password"})
    assert response.status_code == 200
    names = [row.enrolment.organisation.name for row in response.context["overview"].rows]
    assert names == ["Gjøvik kommune", "Lillehammer kommune"]
    assert "Velg et gyldig valg" in response.content.decode()


def test_it_exports_csv_with_the_same_rows(coordinator_client, world):
    response = coordinator_client.get(reverse("coordination:organisations_csv"), {"q": "Gjøvik"})
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert table[0][0] == "Kommune eller enhet"
    assert [row[0] for row in table[1:]] == ["Gjøvik kommune"]


def test_it_defuses_formulas_in_the_export(coordinator_client, world):
    organisation = world.own.enrolment.organisation
    organisation.name = '=HYPERLINK("http://evil.example","klikk")'
    organisation.region = "+47 region"
    organisation.save()
    csv_response = coordinator_client.get(reverse("coordination:organisations_csv"))
    text = csv_response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+47 region" in text
    xlsx = coordinator_client.get(reverse("coordination:organisations_xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://evil.example","klikk")' in names
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Gran", "Gran"),
        (3, 3),
    ],
)
def test_it_prefixes_cells_that_could_start_a_formula(value, expected):
    assert safe_cell(value) == expected
