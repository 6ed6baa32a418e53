"""Profile completion: required fields and Norwegian messages, nothing lost on error."""

import pytest
from django.urls import reverse

from participants.models import Participant
from tests import factories

GOOD = {
    "full_name": "Nina Nordmann",
    "phone": "+47 917 63 827",
    "role": Participant.Role.SERVICE_WORKER,
    "job_title": "Psykiatrisk sykepleier",
}


@pytest.fixture
def new_user_client(client, db):
    user = factories.UserFactory()
    client.force_login(user)
    return client


def post_profile(client, **changes):
    return client.post(reverse("participants:profile"), {**GOOD, **changes})


def error_for(response, field) -> list[str]:
    return response.context["form"].errors.get(field, [])


def test_it_saves_a_complete_profile(new_user_client, organisation):
    response = post_profile(new_user_client, organisation=organisation.pk)
    assert response["Location"] == reverse("mypage:dashboard")
    participant = Participant.objects.get()
    assert participant.phone == "+4791763827"
    assert participant.leader_confirmed is False


@pytest.mark.parametrize("phone", ["12345678", "9176382", "917638270", "telefon", "+46 917 63 827"])
def test_it_rejects_a_phone_number_that_is_not_norwegian(new_user_client, organisation, phone):
    response = post_profile(new_user_client, organisation=organisation.pk, phone=phone)
    assert response.status_code == 200
    assert error_for(response, "phone") == [
        "Oppgi et norsk telefonnummer med åtte sifre, f.eks. 917 63 827."
    ]
    assert not Participant.objects.exists()


def test_it_asks_for_first_name_and_surname(new_user_client, organisation):
    response = post_profile(new_user_client, organisation=organisation.pk, full_name="Nina")
    assert error_for(response, "full_name") == ["Skriv både fornavn og etternavn."]


@pytest.mark.parametrize("field", ["full_name", "phone", "organisation", "role", "job_title"])
def test_it_requires_each_field_in_norwegian(new_user_client, organisation, field):
    data = {**GOOD, "organisation": organisation.pk, field: ""}
    response = new_user_client.post(reverse("participants:profile"), data)
    assert response.status_code == 200
    assert error_for(response, field) == ["Feltet er påkrevet."]
    html = response.content.decode()
    assert f'aria-describedby="id_{field}' in html or f'id="id_{field}_error"' in html
    assert not Participant.objects.exists()


def test_it_keeps_what_was_typed_when_one_field_is_wrong(new_user_client, organisation):
    response = post_profile(new_user_client, organisation=organisation.pk, phone="123")
    html = response.content.decode()
    assert 'value="Nina Nordmann"' in html
    assert 'value="Psykiatrisk sykepleier"' in html
    assert f'<option value="{organisation.pk}" selected>' in html


def test_it_offers_only_service_worker_and_leader_as_roles(new_user_client, organisation):
    response = post_profile(new_user_client, organisation=organisation.pk, role="coordinator")
    assert error_for(response, "role")
    assert not Participant.objects.exists()
    page = new_user_client.get(reverse("participants:profile")).content.decode()
    assert "Tjenesteutøver" in page and "Leder" in page and "Koordinator" not in page


def test_it_asks_for_a_new_confirmation_when_a_leader_changes_role(client, leader):
    client.force_login(leader.user)
    client.post(
        reverse("participants:profile"),
        {**GOOD, "organisation": leader.organisation_id, "role": Participant.Role.SERVICE_WORKER},
    )
    leader.refresh_from_db()
    assert (leader.role, leader.leader_confirmed) == (Participant.Role.SERVICE_WORKER, False)


def test_it_ignores_an_outside_next_address(new_user_client, organisation):
    response = new_user_client.post(
        reverse("participants:profile") + "?next=https://evil.example.com/",
        {**GOOD, "organisation": organisation.pk},
    )
    assert response["Location"] == reverse("mypage:dashboard")


def test_it_lets_a_person_without_profile_reach_account_pages(new_user_client):
    assert new_user_client.get(reverse("account_change_password")).status_code == 200
    assert new_user_client.get(reverse("programme:home")).status_code == 302


def test_it_sends_an_anonymous_visitor_to_log_in(client, db):
    response = client.get(reverse("participants:profile"))
    assert response["Location"].startswith(reverse("account_login"))


def test_it_returns_to_the_page_asked_for_with_its_query_intact(new_user_client, organisation):
    asked = reverse("programme:articles") + "?page=1&x=2"
    to_profile = new_user_client.get(asked)
    assert to_profile["Location"] == "/profil/?next=%2Fnyheter%2F%3Fpage%3D1%26x%3D2"
    saved = new_user_client.post(to_profile["Location"], {**GOOD, "organisation": organisation.pk})
    assert saved["Location"] == asked
