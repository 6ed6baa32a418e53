"""A coordinator adds a session's materials in the workspace: a Windows program renamed
.pdf is refused with the reason next to the file field, a PDF and a link are added and
listed, and one is removed after the confirmation step; axe-core clean on every page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from programme.models import Material
from tests import factories
from tests.fixtures.materials import EXE, PDF

from .conftest import assert_accessible
from .test_coordinator import press_button, press_link, type_into


@pytest.fixture
def training_day(programme):
    return factories.SessionFactory(programme=programme, title="Pårørendes rettigheter")


def test_a_coordinator_uploads_and_removes_materials_by_keyboard(
    page, log_in, coordinator, training_day, private_storage
):
    log_in(coordinator)
    page.goto(page.base_url + reverse("coordination:session", args=[training_day.pk]))
    press_link(page, "Materiell")
    page.wait_for_url(f"**{reverse('coordination:materials', args=[training_day.pk])}")
    expect(page.get_by_text("Samlingen har ikke noe materiell ennå.")).to_be_visible()
    assert_accessible(page)

    # A program renamed .pdf: refused, the reason on the field, the title kept.
    type_into(page, page.get_by_label("Tittel"), "Lysark dag 3")
    file_field = page.get_by_label("Fil", exact=True)
    file_field.set_input_files(
        files=[{"name": "lysark.pdf", "mimeType": "application/pdf", "buffer": EXE}]
    )
    press_button(page, "Legg til materiellet")
    expect(page.get_by_text("Etter innholdet er filen et Windows-program (.exe).")).to_be_visible()
    expect(page.get_by_label("Fil", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Tittel")).to_have_value("Lysark dag 3")
    assert_accessible(page)
    assert not Material.objects.exists()

    page.get_by_label("Fil", exact=True).set_input_files(
        files=[{"name": "Lysark dag 3.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    press_button(page, "Legg til materiellet")
    expect(page.get_by_text("«Lysark dag 3» er lagt til.")).to_be_visible()
    expect(page.get_by_role("link", name="Lysark dag 3.pdf")).to_be_visible()

    type_into(page, page.get_by_label("Tittel"), "Nasjonal veileder")
    type_into(page, page.get_by_label("Eller en lenke"), "https://example.no/veileder")
    press_button(page, "Legg til materiellet")
    expect(page.get_by_role("heading", level=2, name="Materiell (2)")).to_be_visible()
    assert_accessible(page)

    press_link(page, "Fjern Nasjonal veileder")
    page.wait_for_url("**/fjern/")
    assert_accessible(page)
    press_button(page, "Ja, fjern materiellet")
    expect(page.get_by_text("«Nasjonal veileder» er fjernet.")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Materiell (1)")).to_be_visible()
    assert list(Material.objects.values_list("title", flat=True)) == ["Lysark dag 3"]
