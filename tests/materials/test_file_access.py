"""A material's file is served to the people confirmed for its session and to coordinators,
with its original name, its checked type, nosniff and no-store; everyone else gets 404."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone

from participants.models import Registration
from programme.models import Material
from tests import factories
from tests.fixtures.materials import DOCX, PDF, file_material


@pytest.fixture
def material(session, private_storage):
    return file_material(session, title="Lysark dag 3", name="Lysark dag 3.pdf")


def file_url(material) -> str:
    return reverse("materials:file", args=[material.session_id, material.pk])


def register(session, participant, status=Registration.Status.CONFIRMED):
    return factories.RegistrationFactory(
        session=session,
        participant=participant,
        status=status,
        confirmed_at=timezone.now() if status == Registration.Status.CONFIRMED else None,
    )


def test_it_answers_404_to_an_anonymous_visitor(client, material):
    assert client.get(file_url(material)).status_code == 404


def test_it_answers_404_to_someone_not_registered(login, material, service_worker):
    assert login(service_worker).get(file_url(material)).status_code == 404


@pytest.mark.parametrize("status", [Registration.Status.WAITLISTED, Registration.Status.CANCELLED])
def test_it_answers_404_to_someone_waitlisted_or_cancelled(
    login, material, session, service_worker, status
):
    register(session, service_worker, status)
    assert login(service_worker).get(file_url(material)).status_code == 404


def test_it_answers_404_to_someone_confirmed_for_another_session(
    login, material, programme, service_worker
):
    register(factories.SessionFactory(programme=programme), service_worker)
    assert login(service_worker).get(file_url(material)).status_code == 404


def test_it_answers_404_for_a_material_swapped_into_another_sessions_url(
    login, material, programme, service_worker
):
    other = factories.SessionFactory(programme=programme)
    register(other, service_worker)
    url = reverse("materials:file", args=[other.pk, material.pk])
    assert login(service_worker).get(url).status_code == 404


def test_it_serves_the_file_to_a_confirmed_participant_with_safe_headers(
    login, material, session, service_worker
):
    register(session, service_worker)
    response = login(service_worker).get(file_url(material))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="Lysark dag 3.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_it_serves_the_file_to_a_coordinator(login, material, coordinator):
    response = login(coordinator).get(file_url(material))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_it_encodes_a_name_with_quotes_and_norwegian_letters(
    login, session, private_storage, coordinator
):
    material = file_material(session, name='Pårørende "rettigheter".pdf')
    response = login(coordinator).get(file_url(material))
    assert response["Content-Disposition"] == (
        "inline; filename*=utf-8''P%C3%A5r%C3%B8rende%20%22rettigheter%22.pdf"
    )


def test_it_offers_an_office_document_as_a_download(login, session, private_storage, coordinator):
    material = file_material(session, name="Program.docx", content=DOCX)
    response = login(coordinator).get(file_url(material))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"] == 'attachment; filename="Program.docx"'


def test_it_hands_the_file_to_nginx_when_the_setting_says_x_accel_redirect(
    settings, login, material, coordinator
):
    settings.PRIVATE_FILES_SERVE = "x-accel-redirect"
    response = login(coordinator).get(file_url(material))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_private/" + material.file.name
    assert response["X-Accel-Redirect"].startswith("/_private/materials/")
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="Lysark dag 3.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_it_hands_the_file_path_to_the_web_server_with_x_sendfile(
    settings, login, material, coordinator, private_storage
):
    settings.PRIVATE_FILES_SERVE = "x-sendfile"
    response = login(coordinator).get(file_url(material))
    assert response["X-Sendfile"] == private_storage.path(material.file.name)
    assert response.content == b""


def test_it_answers_404_for_a_link_material(login, session, coordinator):
    link = Material.objects.create(session=session, title="Veileder", url="https://example.no/v")
    assert login(coordinator).get(file_url(link)).status_code == 404


def test_it_answers_404_when_the_file_is_gone_from_storage(
    login, material, coordinator, private_storage
):
    private_storage.delete(material.file.name)
    assert login(coordinator).get(file_url(material)).status_code == 404


def test_it_never_serves_a_file_stored_before_the_type_check(
    login, session, coordinator, private_storage
):
    """An upload from before has no checked type (it might be the .exe that passed)."""
    name = private_storage.save("materials/old.pdf", io.BytesIO(b"MZ\x90\x00"))
    old = Material.objects.create(session=session, title="Gammel", file=name)
    assert login(coordinator).get(file_url(old)).status_code == 404
