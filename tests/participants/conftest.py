import pytest

from registrations import services
from tests import factories


@pytest.fixture
def full_session(service_worker, other_service_worker):
    """One seat, taken by the service worker; the other service worker waits for it."""
    session = factories.session_in_days(20, capacity=1, title="Pårørendes rettigheter")
    services.register(participant=service_worker, session=session)
    services.register(participant=other_service_worker, session=session)
    return session
