"""The public check page: a form to type the code in, the address in the QR code, and
what a wrong, malformed or withdrawn code answers."""

import pytest
from django.urls import reverse

from certificates.services import issue_certificate, withdraw_certificate

CHECK = reverse("certificates:check")


@pytest.fixture
def earned(service_worker, programme, training_days, attend):
    attend(service_worker, training_days[:6])
    return issue_certificate(participant=service_worker, programme=programme)


def tampered(code: str) -> str:
    """The code with its last character changed to another valid one."""
    return code[:-1] + ("X" if code[-1] != "X" else "Y")


def test_it_shows_the_form_without_a_code(client, db):
    response = client.get(CHECK)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'action="{CHECK}"' in page and 'method="get"' in page
    assert 'for="id_kode"' in page and 'id="id_kode"' in page and 'name="kode"' in page
    assert "Kontroller et kursbevis" in page
    assert "ekte" not in page


def test_it_finds_a_code_typed_in_the_form(client, earned, programme):
    response = client.get(CHECK, {"kode": earned.code})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dette kursbeviset er ekte" in page
    assert "Tor Tjenesteutøver" in page and programme.name in page


@pytest.mark.parametrize("typed", ["lower", "no dashes", "spaces"])
def test_it_accepts_the_code_as_people_type_it(client, earned, typed):
    code = {
        "lower": earned.code.lower(),
        "no dashes": earned.code.replace("-", ""),
        "spaces": "  " + earned.code.replace("-", " ") + " ",
    }[typed]
    response = client.get(CHECK, {"kode": code})
    assert response.status_code == 200
    assert "Dette kursbeviset er ekte" in response.content.decode()


def test_it_refuses_a_tampered_code_with_the_form_again(client, earned):
    response = client.get(CHECK, {"kode": tampered(earned.code)})
    page = response.content.decode()
    assert response.status_code == 404
    assert "Ingen kursbevis har denne koden." in page
    assert "Tor Tjenesteutøver" not in page and "ekte" not in page
    assert 'name="kode"' in page and 'aria-invalid="true"' in page
    assert "<title>Feil: Kontroll av kursbevis" in page


def test_it_refuses_a_tampered_code_in_the_address(client, earned):
    url = reverse("certificates:verify", kwargs={"code": tampered(earned.code)})
    response = client.get(url)
    assert response.status_code == 404
    assert "Ingen kursbevis har denne koden." in response.content.decode()


@pytest.mark.parametrize("code", ["K7QM-3XHP", "K7QM-3XHP-T9W0", "<script>", "x" * 40])
def test_it_explains_a_malformed_code(client, earned, code):
    response = client.get(CHECK, {"kode": code})
    page = response.content.decode()
    assert response.status_code == 404
    assert "Dette er ikke en kontrollkode: den har tolv bokstaver og sifre" in page
    assert "<script>" not in page.split("<main", 1)[1]


def test_it_asks_for_the_code_when_the_field_is_sent_empty(client, db):
    response = client.get(CHECK, {"kode": ""})
    assert response.status_code == 404
    assert "Skriv inn kontrollkoden fra kursbeviset." in response.content.decode()


def test_it_says_a_withdrawn_certificate_is_withdrawn(client, coordinator, earned):
    withdraw_certificate(earned, "Oppmøtet var feilregistrert.", coordinator.user)
    response = client.get(reverse("certificates:verify", kwargs={"code": earned.code}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dette kursbeviset er trukket tilbake" in page
    assert "er ikke lenger gyldig" in page
    assert "ekte" not in page
    # The reason is for coordinators only.
    assert "feilregistrert" not in page


def test_it_checks_a_code_in_one_query(client, earned, assert_queries):
    # 1 the certificate with person and programme (no session: the visitor is anonymous)
    with assert_queries(1):
        response = client.get(CHECK, {"kode": earned.code})
    assert response.status_code == 200
