"""Coordinators manage everything in the Django admin, in Norwegian."""

import pytest
from django.contrib import admin
from django.urls import reverse

MANAGED_APPS = {"programme", "participants"}
MODELS = [model for model in admin.site._registry if model._meta.app_label in MANAGED_APPS]


@pytest.fixture
def coordinator_client(coordinator_client, demo):
    """The admin is tried on the demo data."""
    return coordinator_client


def test_it_titles_the_admin_in_norwegian(coordinator_client):
    html = coordinator_client.get(reverse("admin:index")).content.decode()
    assert "Familiestøtte – administrasjon" in html
    assert "Opplæringsdag" not in html  # the index lists models, not sessions
    for name in ["Samlinger", "Kommuner og enheter", "Deltakere", "Påmeldinger", "Kurssteder"]:
        assert name in html


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_it_lists_searches_and_filters_every_model(coordinator_client, model):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    response = coordinator_client.get(url)
    assert response.status_code == 200
    changelist = response.context["cl"]
    if changelist.search_fields:
        assert coordinator_client.get(url, {"q": "Gjøvik"}).status_code == 200
    assert coordinator_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))


def test_it_shows_session_seat_counts_and_norwegian_kinds(coordinator_client):
    response = coordinator_client.get(reverse("admin:programme_session_changelist"))
    html = response.content.decode()
    assert "Opplæringsdag" in html and "Ledersamling" in html
    assert "Påmeldingsfrist" in html and "venteliste" in html.lower()


def test_it_keeps_the_admin_from_service_workers(client, service_worker):
    client.force_login(service_worker.user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302


def test_a_link_typed_without_a_scheme_gets_https(rf, coordinator, recwarn):
    from programme.admin import MaterialInline, SessionAdmin
    from programme.models import Session

    request = rf.get("/admin/")
    request.user = coordinator.user
    session_form = SessionAdmin(Session, admin.site).get_form(request)
    material_formset = MaterialInline(Session, admin.site).get_formset(request)
    links = [session_form.base_fields["online_url"], material_formset.form.base_fields["url"]]
    for field in links:
        assert field.clean("teams.example.no/moete") == "https://teams.example.no/moete"
    assert not [w for w in recwarn if "assume_scheme" in str(w.message)]
