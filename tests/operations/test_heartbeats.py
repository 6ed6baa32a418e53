"""Every job in the beat schedule writes its heartbeat under its schedule name when it
has run, so readiness can tell a silent beat from a quiet one."""

import pytest
from django.utils import timezone

from familiestotte import heartbeat
from familiestotte.celery import app


@pytest.mark.parametrize("name", sorted(app.conf.beat_schedule))
def test_it_writes_the_heartbeat_of_each_scheduled_job(db, name):
    app.loader.import_default_modules()  # the tasks modules, as a worker imports them
    before = timezone.now()
    app.tasks[app.conf.beat_schedule[name]["task"]].apply(throw=True)
    assert heartbeat.last_beats()[name] >= before


def test_it_keeps_one_row_per_job(db):
    heartbeat.beat("reminders-sweep")
    heartbeat.beat("reminders-sweep")
    assert list(heartbeat.last_beats()) == ["reminders-sweep"]
