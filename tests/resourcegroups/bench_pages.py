"""Figures, not a test of the suite: how long the coordinator's overview, its export and
a leader's pages take at 100 organisations × 20 staff × 8 training days.

Run explicitly (pytest collects only test_*.py by itself):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fs_leaders DJANGO_DEBUG=1 \\
      .venv/bin/pytest tests/resourcegroups/bench_pages.py -s -q
"""

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participants.models import Registration
from resourcegroups import services
from resourcegroups.models import Offer, Routine
from tests import factories

ORGANISATIONS, STAFF, RUNS = 100, 20, 7


def test_bench_pages(login, coordinator, world):
    days = list(world.training_days) + [
        factories.SessionFactory(programme=world.programme, number=n) for n in range(3, 9)
    ]
    for _n in range(ORGANISATIONS):
        enrolment = factories.EnrolmentFactory(programme=world.programme)
        people = factories.ParticipantFactory.create_batch(
            STAFF, organisation=enrolment.organisation
        )
        Registration.objects.bulk_create(
            Registration(
                participant=p, session=d, status="confirmed", attended=(p.pk + d.pk) % 3 != 0
            )
            for p in people
            for d in days
        )
        for person in people[:5]:
            services.add_member(enrolment=enrolment, participant=person)
        for n in range(5):
            services.create_work(
                model=Routine, enrolment=enrolment, actor=None, title=f"R{n}", status="established"
            )
            services.create_work(
                model=Offer, enrolment=enrolment, actor=None, title=f"O{n}", kind="other"
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    client = login(coordinator)
    kwargs = {"enrolment": enrolment.pk}
    print(f"\n{ORGANISATIONS} organisations × {STAFF} staff × {len(days)} training days")
    for name in ["overview", "overview_csv", "overview_xlsx", "organisation", "progress"]:
        url = reverse(f"resourcegroups:{name}", kwargs=kwargs if "overview" not in name else {})
        client.get(url)
        times = []
        for _run in range(RUNS):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200
        print(f"{name:15} median {statistics.median(times) * 1000:7.1f} ms, {len(queries)} queries")
