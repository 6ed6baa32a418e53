"""Coordinators add a session's materials from the workspace: a file checked from its
content (never its name), or a link; a refused file is named with the reason next to the
field, nothing is stored, and the title typed is kept. The admin checks the same way."""

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programme.admin import MaterialInline
from programme.models import Material, Session
from tests import factories
from tests.fixtures.materials import EXE, HTML, PDF, file_material

ACCEPTED = (
    "Last opp en PDF, en Word-, Excel- eller PowerPoint-fil (.docx, .xlsx, .pptx), "
    "en OpenDocument-fil (.odt, .ods, .odp) eller et bilde (PNG, JPEG, GIF, WebP)."
)


def materials_url(session) -> str:
    return reverse("coordination:materials", args=[session.pk])


def upload(client, session, name, content, title="Lysark", **data):
    file = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(materials_url(session), {"title": title, "file": file, **data})


def stored_files(storage) -> list[str]:
    if not storage.exists("materials"):
        return []
    return storage.listdir("materials")[1]


def test_it_stores_a_pdf_under_a_random_name_and_lists_it(
    coordinator_client, session, private_storage
):
    response = upload(coordinator_client, session, "../../Lysark dag 3.pdf", PDF)
    assert response.status_code == 302
    material = Material.objects.get(session=session)
    assert material.original_name == "Lysark dag 3.pdf"
    assert material.content_type == "application/pdf"
    assert material.size == len(PDF)
    assert material.file.name.startswith("materials/")
    assert material.file.name.endswith(".pdf")
    assert "Lysark" not in material.file.name and ".." not in material.file.name
    assert private_storage.open(material.file.name).read() == PDF
    page = coordinator_client.get(materials_url(session))
    assert "Lysark dag 3.pdf" in page.text
    assert reverse("materials:file", args=[session.pk, material.pk]) in page.text


def test_it_refuses_a_windows_program_renamed_pdf(coordinator_client, session, private_storage):
    response = upload(coordinator_client, session, "lysark.pdf", EXE, title="Lysark dag 3")
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors == [f"Etter innholdet er filen et Windows-program (.exe). {ACCEPTED}"]
    assert errors[0] in response.text
    assert 'value="Lysark dag 3"' in response.text  # what was typed is kept
    assert not Material.objects.exists()
    assert stored_files(private_storage) == []


def test_it_refuses_a_web_page(coordinator_client, session, private_storage):
    response = upload(coordinator_client, session, "program.pdf", HTML)
    assert response.context["form"].errors["file"] == [
        f"Etter innholdet er filen en nettside (HTML). {ACCEPTED}"
    ]
    assert not Material.objects.exists()


def test_it_refuses_a_file_over_the_limit_and_says_its_size(
    settings, coordinator_client, session, private_storage
):
    settings.MATERIALS_MAX_UPLOAD_MB = 1
    big = PDF + b"0" * (1024 * 1024 + 512 * 1024)
    response = upload(coordinator_client, session, "stor.pdf", big)
    assert response.context["form"].errors["file"] == ["Filen er 1,5\xa0MB; grensen er 1 MB."]
    assert not Material.objects.exists()
    assert stored_files(private_storage) == []


def test_it_takes_a_file_at_the_limit(settings, coordinator_client, session, private_storage):
    settings.MATERIALS_MAX_UPLOAD_MB = 1
    exactly = PDF + b"0" * (1024 * 1024 - len(PDF))
    assert upload(coordinator_client, session, "akkurat.pdf", exactly).status_code == 302
    assert Material.objects.get().size == 1024 * 1024


def test_it_refuses_an_empty_file(coordinator_client, session, private_storage):
    response = upload(coordinator_client, session, "tom.pdf", b"")
    assert response.context["form"].errors["file"] == ["Filen er tom."]


def test_it_adds_a_link_material(coordinator_client, session):
    response = coordinator_client.post(
        materials_url(session), {"title": "Nasjonal veileder", "url": "helsedirektoratet.no/v"}
    )
    assert response.status_code == 302
    material = Material.objects.get(session=session)
    assert material.url == "https://helsedirektoratet.no/v"
    assert not material.file


def test_it_asks_for_a_file_or_a_link_and_not_both(coordinator_client, session, private_storage):
    response = coordinator_client.post(materials_url(session), {"title": "Ingenting"})
    assert response.context["form"].errors["file"] == ["Oppgi en lenke eller last opp en fil."]
    response = upload(coordinator_client, session, "a.pdf", PDF, url="https://example.no/a")
    assert response.context["form"].errors["url"] == [
        "Oppgi en lenke eller last opp en fil, ikke begge."
    ]
    assert not Material.objects.exists()


def test_it_removes_a_material_and_its_file_after_commit(
    coordinator_client, session, private_storage, django_capture_on_commit_callbacks
):
    material = file_material(session)
    url = reverse("coordination:remove_material", args=[session.pk, material.pk])
    assert coordinator_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url)
    assert response.status_code == 302
    assert not Material.objects.exists()
    assert not private_storage.exists(material.file.name)


def test_it_keeps_a_file_a_copied_programme_still_uses(
    coordinator_client, session, private_storage, django_capture_on_commit_callbacks
):
    material = file_material(session)
    copy = Material.objects.create(
        session=factories.SessionFactory(), title="Kopi", file=material.file.name
    )
    url = reverse("coordination:remove_material", args=[session.pk, material.pk])
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url)
    assert private_storage.exists(copy.file.name)


def test_it_answers_404_for_a_material_of_another_session(coordinator_client, session, programme):
    other = Material.objects.create(
        session=factories.SessionFactory(programme=programme), title="Annen", url="https://e.no"
    )
    url = reverse("coordination:remove_material", args=[session.pk, other.pk])
    assert coordinator_client.post(url).status_code == 404
    assert Material.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize(("content", "found"), [(EXE, "Windows-program"), (HTML, "nettside")])
def test_the_admin_refuses_the_same_files(
    rf, coordinator, session, private_storage, content, found
):
    request = rf.post("/admin/")
    request.user = coordinator.user
    formset_class = MaterialInline(Session, admin.site).get_formset(request, session)
    prefix = formset_class.get_default_prefix()
    data = {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-title": "Lysark",
        f"{prefix}-0-url": "",
    }
    files = {f"{prefix}-0-file": SimpleUploadedFile("lysark.pdf", content)}
    formset = formset_class(data, files, instance=session, prefix=prefix)
    assert not formset.is_valid()
    assert found in formset.forms[0].errors["file"][0]
