"""Municipality numbers are checked against SSB's classification 131 (KLASS), today's
numbers and the earlier ones organisations still use, and the admin shows the name."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from demo import data as demo_data
from participants.models import Organisation
from participants.municipalities import DATA_FILE, describe, lookup, municipalities
from participants.validators import validate_municipality_number
from tests import factories


def messages_of(value) -> list[str]:
    with translation.override("nb"), pytest.raises(ValidationError) as caught:
        validate_municipality_number(value)
    return caught.value.messages


def test_it_refuses_9999_which_no_version_of_klass_has():
    assert messages_of("9999") == [
        "9999 er ikke et kommunenummer i SSBs kommuneliste (KLASS), verken dagens eller en "
        "tidligere."
    ]


def test_it_accepts_0502_gjovik_before_2020_and_names_it():
    validate_municipality_number("0502")
    with translation.override("nb"):
        assert describe("0502") == "Gjøvik (nummeret gjaldt til 2019)"


def test_it_accepts_3407_gjovik_since_2020_and_names_it():
    validate_municipality_number("3407")
    assert describe("3407") == "Gjøvik"
    assert lookup("3407").is_current


def test_it_refuses_a_number_that_is_not_four_digits_before_looking_it_up():
    assert messages_of("502") == ["Et kommunenummer har nøyaktig fire sifre, f.eks. 3407."]


@pytest.mark.parametrize(
    ("code", "name"),
    [("3101", "Halden"), ("3001", "Halden"), ("5501", "Tromsø"), ("5401", "Tromsø")],
)
def test_it_knows_the_numbers_of_2020_to_2023_and_those_since_2024(code, name):
    validate_municipality_number(code)
    assert lookup(code).name == name


def test_the_data_has_every_municipality_of_2024_and_of_2020_to_2023():
    rows = municipalities().values()
    current = [m for m in rows if m.valid_to is None]
    in_2020 = [m for m in rows if m.valid_from is not None and m.valid_from.year == 2020]
    assert len(current) == 357
    assert len(in_2020) == 356


def test_the_data_file_names_its_source_and_date():
    header = DATA_FILE.read_text(encoding="utf-8").split("\ncode,name,")[0]
    assert "https://www.ssb.no/klass/klassifikasjoner/131" in header
    assert "2026-12-03" in header
    assert "Refresh it from KLASS" in header


def test_every_demo_municipality_is_in_the_list():
    assert [code for code, _name, _region in demo_data.MUNICIPALITIES if lookup(code) is None] == []


def test_a_municipality_with_an_unknown_number_does_not_validate(db):
    organisation = Organisation(name="Nowhere", kind="municipality", municipality_number="9999")
    with translation.override("nb"), pytest.raises(ValidationError) as caught:
        organisation.full_clean()
    assert "municipality_number" in caught.value.message_dict


def test_the_admin_shows_the_municipalitys_name(client, coordinator):
    organisation = factories.OrganisationFactory(name="Gjøvik kommune", municipality_number="0502")
    client.force_login(coordinator.user)
    page = client.get(f"/admin/participants/organisation/{organisation.pk}/change/")
    assert "Gjøvik (nummeret gjaldt til 2019)" in page.content.decode()


def test_the_admin_refuses_an_unknown_number_in_norwegian(client, coordinator):
    client.force_login(coordinator.user)
    response = client.post(
        "/admin/participants/organisation/add/",
        {"name": "Ukjent kommune", "kind": "municipality", "municipality_number": "9999"},
    )
    assert response.status_code == 200
    assert "9999 er ikke et kommunenummer i SSBs kommuneliste" in response.content.decode()
