"""A coordinator runs the retention job now, as a job with a progress bar (progress/):
the same work as the nightly run, followed on the job's page; nobody else may start it."""

import pytest
from django.urls import reverse

from participants.models import Participant
from progress.models import Job

from .test_retention import inactive, old_email, old_programme  # noqa: F401 - fixtures

URL = reverse("privacy:retention_run")


def test_a_coordinator_runs_it_and_follows_it_on_the_job_page(
    coordinator_client,
    inactive,  # noqa: F811 - the fixture imported above
    job_storage,
    django_capture_on_commit_callbacks,
):
    page = coordinator_client.get(URL).content.decode()
    assert "Kjør oppryddingen nå" in page and "3 år" in page
    email = old_email("other:gammel", "sent", days=200)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(URL)
    job = Job.objects.get()
    assert response["Location"].startswith(job.get_absolute_url())
    assert job.status == Job.Status.DONE
    assert "1 personer anonymisert" in job.message
    assert "1 gamle e-posttekster slettet" in job.message
    email.refresh_from_db()
    assert email.purged_at is not None and email.body_text == ""
    assert not Participant.objects.filter(pk=inactive.pk).exists()  # a stand-in holds the rest
    assert "1 personer anonymisert" in coordinator_client.get(response["Location"]).text


@pytest.mark.parametrize("persona", ["service_worker", "leader", "supervisor"])
def test_nobody_else_may_start_it(request, login, persona):
    client = login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 404
    assert client.post(URL).status_code == 404
    assert not Job.objects.exists()


def test_anonymous_goes_to_log_in(client, db):
    response = client.post(URL)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
