"""The privacy and accessibility statements: public, in Norwegian, stating the retention
settings and the operator's facts, linked from every page's footer and the sign-up form."""

import pytest
from django.test import override_settings
from django.urls import reverse


@pytest.fixture
def privacy_page(client, db):
    return client.get("/personvern/").content.decode()


def test_it_serves_the_privacy_statement_at_personvern_to_anyone(client, db):
    response = client.get("/personvern/")
    assert response.status_code == 200
    assert "<h1>Personvernerklæring for Familiestøtte</h1>" in response.content.decode()


def test_it_names_the_controller_and_korus_ost(privacy_page):
    assert "Sykehuset Innlandet HF er behandlingsansvarlig" in privacy_page
    assert "KoRus-Øst" in privacy_page


def test_it_states_the_legal_basis(privacy_page):
    assert "art. 6 nr. 1 bokstav e" in privacy_page
    assert "art. 6 nr. 1 bokstav a" in privacy_page


def test_it_states_the_default_retention(privacy_page):
    assert "ikke er brukt på 3 år" in privacy_page
    assert "slettes etter 180 dager" in privacy_page
    assert "slettes 30 dager etter den siste samlingen din" in privacy_page


@override_settings(PRIVACY_INACTIVE_YEARS=1, PRIVACY_OUTBOX_BODY_DAYS=90)
def test_it_states_the_retention_settings(client, db):
    page = client.get("/personvern/").content.decode()
    assert "ikke er brukt på 1 år" in page
    assert "slettes etter 90 dager" in page


def test_it_links_my_data_and_deleting_the_account(privacy_page):
    assert f'href="{reverse("privacy:my_data")}"' in privacy_page
    assert f'href="{reverse("privacy:delete_account")}"' in privacy_page


def test_it_gives_the_default_operator_facts(privacy_page):
    assert 'href="mailto:personvernombudet@sykehuset-innlandet.no"' in privacy_page
    assert "Sykehuset Innlandet HF sin egen e-posttjeneste" in privacy_page
    assert "Sykehuset Innlandet HF sine egne servere i Norge" in privacy_page


@override_settings(
    STATEMENTS_CONTROLLER="Helse Test HF",
    STATEMENTS_DPO_CONTACT="Personvernombudet, telefon 12 34 56 78",
    STATEMENTS_EMAIL_PROCESSOR="Postverket AS",
    STATEMENTS_HOSTING="Skyen AS, Oslo",
)
def test_it_gives_the_operators_facts_from_the_settings(client, db):
    page = client.get("/personvern/").content.decode()
    assert "Helse Test HF er behandlingsansvarlig" in page
    assert "Personvernombudet, telefon 12 34 56 78" in page
    assert "mailto:" not in page.split('id="kontakt"')[1]
    assert "Sending av e-post: Postverket AS" in page
    assert "Drift og hosting: Skyen AS, Oslo" in page


def test_it_serves_the_accessibility_statement_at_tilgjengelighet(client, db):
    page = client.get("/tilgjengelighet/").content.decode()
    assert "<h1>Tilgjengelighetserklæring for Familiestøtte</h1>" in page
    assert "WCAG 2.1" in page
    assert "forskrift om universell utforming" in page
    assert "axe-core" in page and "Chromium" in page
    assert "tastatur" in page
    assert "/admin/" in page  # the known exception
    assert "3. desember 2026" in page
    assert "uutilsynet.no" in page


@override_settings(STATEMENTS_ACCESSIBILITY_TESTED_ON="2027-01-15")
def test_it_dates_the_accessibility_statement_from_the_settings(client, db):
    assert "15. januar 2027" in client.get("/tilgjengelighet/").content.decode()


@pytest.mark.parametrize("path", ["/", "/personvern/", "/konto/login/", "/tilgjengelighet/takk/"])
def test_every_pages_footer_links_both_statements(client, db, path):
    page = client.get(path).content.decode()
    footer = page.split('<footer class="site-footer')[1]
    assert 'href="/personvern/"' in footer
    assert 'href="/tilgjengelighet/"' in footer


def test_the_footer_links_both_statements_when_signed_in(login, service_worker):
    footer = login(service_worker).get("/min-side/").content.decode().split("<footer")[1]
    assert 'href="/personvern/"' in footer and 'href="/tilgjengelighet/"' in footer


def test_the_sign_up_form_links_both_statements(client, db):
    page = client.get(reverse("account_signup")).content.decode()
    main = page.split("<main")[1].split("</main>")[0]
    assert 'href="/personvern/">personvernerklæringen</a>' in main
    assert 'href="/tilgjengelighet/">tilgjengelighetserklæringen</a>' in main


@override_settings(SITE_URL="https://familiestotte.example.no")
def test_the_accessibility_statement_names_the_address_it_covers(client, db):
    page = client.get("/tilgjengelighet/").content.decode()
    assert (
        '<a href="https://familiestotte.example.no/">https://familiestotte.example.no/</a>' in page
    )
