"""A job's page, status and file: the owner sees them; everyone else gets 404, anonymous
visitors and another coordinator included; after its day the job is gone; the page works
without JavaScript (it reloads itself and links to itself) and pins its status queries."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from progress.models import KEPT_FOR, Job

from .conftest import CSV, make_job


def page_url(job):
    return reverse("progress:job", args=[job.pk])


def status_url(job):
    return reverse("progress:status", args=[job.pk])


def file_url(job):
    return reverse("progress:file", args=[job.pk])


URLS = [page_url, status_url, file_url]


# -- who --------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", URLS)
def test_the_owner_gets_page_status_and_file(login, coordinator, done_job, url):
    assert login(coordinator).get(url(done_job)).status_code == 200


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("persona", ["other_coordinator", "service_worker", "leader"])
def test_anyone_else_signed_in_gets_404(request, login, done_job, url, persona):
    client = login(request.getfixturevalue(persona))
    assert client.get(url(done_job)).status_code == 404


@pytest.mark.parametrize("url", URLS)
def test_an_anonymous_visitor_gets_404_not_the_log_in_page(client, done_job, url):
    assert client.get(url(done_job)).status_code == 404


def test_an_unknown_job_is_404(login, coordinator, db):
    url = reverse("progress:job", args=["0b8a3c1e-4a51-4f47-9a7c-1d2f3e4a5b6c"])
    assert login(coordinator).get(url).status_code == 404


# -- the file ---------------------------------------------------------------------------------


def test_the_file_is_an_attachment_that_is_never_sniffed_or_kept(login, coordinator, done_job):
    response = login(coordinator).get(file_url(done_job))
    assert b"".join(response.streaming_content) == CSV
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="deltakerliste-dag-3.csv"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_the_file_of_a_job_not_done_is_404(login, coordinator, job_storage):
    job = make_job(coordinator, status=Job.Status.RUNNING, done=3, total=10)
    assert login(coordinator).get(file_url(job)).status_code == 404


def test_a_file_gone_from_storage_is_404(login, coordinator, done_job, job_storage):
    job_storage.delete(done_job.result.name)
    assert login(coordinator).get(file_url(done_job)).status_code == 404


def test_nginx_sends_the_file_when_told_to(login, coordinator, done_job, settings):
    settings.PRIVATE_FILES_SERVE = "x-accel-redirect"
    response = login(coordinator).get(file_url(done_job))
    assert response["X-Accel-Redirect"] == "/_private/" + done_job.result.name
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


# -- expiry -----------------------------------------------------------------------------------


def test_an_expired_job_says_so_with_404(login, coordinator, expired_job):
    response = login(coordinator).get(page_url(expired_job))
    assert response.status_code == 404
    assert "Jobben er utløpt" in response.content.decode()
    assert "Last ned" not in response.content.decode()


@pytest.mark.parametrize("url", [status_url, file_url])
def test_an_expired_job_has_no_status_or_file(login, coordinator, expired_job, url):
    assert login(coordinator).get(url(expired_job)).status_code == 404


def test_a_job_is_kept_a_day_after_it_finished(login, coordinator, job_storage):
    finished = timezone.now() - KEPT_FOR + dt.timedelta(minutes=5)
    job = make_job(
        coordinator, status=Job.Status.DONE, finished_at=finished, expires_at=finished + KEPT_FOR
    )
    assert login(coordinator).get(page_url(job)).status_code == 200


def test_a_job_that_never_finished_is_given_up_after_two_days(login, coordinator, db):
    job = make_job(coordinator, created_at=timezone.now() - dt.timedelta(days=2, minutes=1))
    assert login(coordinator).get(page_url(job)).status_code == 404


# -- the status -------------------------------------------------------------------------------


def test_the_status_says_how_far_it_got(login, coordinator, db):
    job = make_job(coordinator, status=Job.Status.RUNNING, done=120, total=480, message="Lager")
    response = login(coordinator).get(status_url(job))
    assert response.json() == {
        "status": "running",
        "done": 120,
        "total": 480,
        "percent": 25,
        "message": "Lager",
        "text": "120 av 480 (25 %)",
        "download_url": "",
    }
    assert "no-store" in response["Cache-Control"]


def test_the_status_of_a_done_job_links_its_file(login, coordinator, done_job):
    data = login(coordinator).get(status_url(done_job)).json()
    assert (data["status"], data["percent"]) == ("done", 100)
    assert data["download_url"] == file_url(done_job)


def test_the_status_costs_three_queries(login, coordinator, db, assert_queries):
    # 1 the auth session, 2 the user, 3 the job by id and owner
    client = login(coordinator)
    job = make_job(coordinator, status=Job.Status.RUNNING, done=1, total=2)
    with assert_queries(3):
        client.get(status_url(job))


# -- without JavaScript -----------------------------------------------------------------------


def test_a_running_job_s_page_reloads_itself_without_javascript(login, coordinator, db):
    job = make_job(coordinator, status=Job.Status.RUNNING, done=120, total=480)
    page = login(coordinator).get(page_url(job)).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert f'<a href="{page_url(job)}">Oppdater siden</a>' in page
    assert '<progress id="job-progress-bar" class="job-progress-bar" max="100" value="25">' in page
    assert "120 av 480 (25 %)" in page
    assert "/static/js/progress.js" in page


def test_a_plain_client_follows_the_reload_link_until_the_job_is_done(
    login, coordinator, job_storage
):
    client = login(coordinator)
    job = make_job(coordinator)
    assert "Venter på å starte" in client.get(page_url(job)).content.decode()
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, done=1, total=2)
    assert "1 av 2 (50 %)" in client.get(page_url(job)).content.decode()
    done = job_storage.save("jobs/x.csv", ContentFile(CSV))
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE,
        done=2,
        result=done,
        result_name="liste.csv",
        finished_at=timezone.now(),
        expires_at=timezone.now() + KEPT_FOR,
    )
    page = client.get(page_url(job)).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "progress.js" not in page
    assert f'href="{file_url(job)}"' in page and "Last ned liste.csv" in page


def test_a_failed_job_says_so_in_norwegian_and_stops_reloading(login, coordinator, db):
    job = make_job(coordinator, status=Job.Status.FAILED, message="Noe gikk galt.")
    page = login(coordinator).get(page_url(job)).content.decode()
    assert 'role="alert">Noe gikk galt.</div>' in page
    assert 'http-equiv="refresh"' not in page


def test_back_leads_only_to_a_path_on_the_portal(login, coordinator, done_job):
    client = login(coordinator)
    page = client.get(page_url(done_job) + "?tilbake=/koordinator/").content.decode()
    assert '<a href="/koordinator/">Tilbake</a>' in page
    for elsewhere in ("https://evil.example/", "//evil.example/"):
        page = client.get(page_url(done_job), {"tilbake": elsewhere}).content.decode()
        assert ">Tilbake</a>" not in page


def test_the_job_page_needs_no_login_redirect_for_a_stranger(done_job):
    response = Client().get(page_url(done_job))
    assert response.status_code == 404
    assert "Last ned" not in response.content.decode()
