"""The series registration's queries: a fixed few per day, and no more for the email."""

import pytest

from registrations import services
from tests import factories


@pytest.mark.parametrize(("count", "queries"), [(1, 8), (8, 36)])
def test_it_pins_the_queries_of_registering_for_every_training_day(
    service_worker, programme, assert_queries, count, queries
):
    factories.SessionFactory.create_batch(count, programme=programme)
    factories.LeaderGatheringFactory(programme=programme)  # not a training day

    # 1 the programme's training days; SAVEPOINT and RELEASE of the whole step (2);
    # per day 4: SAVEPOINT, the session row locked with its seat counts and a new id,
    # the registration and its event inserted together, RELEASE;
    # 1 the one series email (INSERT ... ON CONFLICT DO NOTHING).
    with assert_queries(queries):
        result = services.register_for_all_training_days(
            participant=service_worker, programme=programme
        )

    assert len(result) == count
    assert queries == 4 + 4 * count
