"""Coordinators see in the admin which course certificates are issued."""

from django.urls import reverse

from certificates.services import issue_certificate
from tests import factories

CHANGELIST = reverse("admin:certificates_certificate_changelist")
# 1 session, 2 user, 3 programmes for the filter, 4 organisations for the filter,
# 5-6 counts (filtered and total), 7 certificates with participant, organisation and
# programme, 8 the coordinator's own profile (menu), 9-10 the date hierarchy
QUERIES = 9


def issued(programme, training_days, attend, participant):
    attend(participant, training_days[:6])
    return issue_certificate(participant=participant, programme=programme)


def test_it_lists_issued_certificates_with_organisation_and_code(
    login, coordinator, service_worker, programme, training_days, attend
):
    certificate = issued(programme, training_days, attend, service_worker)
    page = login(coordinator).get(CHANGELIST).content.decode()
    for text in ["Kursbevis", "Tor Tjenesteutøver", "Gjøvik kommune", certificate.code]:
        assert text in page, text


def test_it_searches_and_filters_by_programme(
    login, coordinator, service_worker, other_service_worker, programme, training_days, attend
):
    issued(programme, training_days, attend, service_worker)
    other_programme = factories.ProgrammeFactory()
    other_days = factories.SessionFactory.create_batch(8, programme=other_programme)
    issued(other_programme, other_days, attend, other_service_worker)
    client = login(coordinator)
    found = client.get(CHANGELIST, {"q": "Tor"}).context["cl"].result_list
    assert [c.participant for c in found] == [service_worker]
    filtered = client.get(CHANGELIST, {"programme__id__exact": other_programme.pk})
    assert [c.participant for c in filtered.context["cl"].result_list] == [other_service_worker]


def test_it_pins_the_queries_of_the_admin_list(
    login, coordinator, programme, training_days, attend, assert_queries
):
    client = login(coordinator)
    for _ in range(2):
        issued(programme, training_days, attend, factories.ParticipantFactory())
    client.get(CHANGELIST)
    with assert_queries(QUERIES):
        client.get(CHANGELIST)
    for _ in range(18):
        issued(programme, training_days, attend, factories.ParticipantFactory())
    with assert_queries(QUERIES):
        response = client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == 20


def test_it_keeps_certificates_out_of_reach_of_service_workers(login, service_worker):
    response = login(service_worker).get(CHANGELIST)
    assert response.status_code == 302
