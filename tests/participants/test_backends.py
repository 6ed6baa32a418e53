"""The authentication backends load the user and their participant in one hand-written
query: the same objects the ORM would load, and no query more when either is read."""

import pytest
from django.contrib.auth import get_user_model
from django.forms.models import model_to_dict

from participants.backends import AccountBackend, ModelBackend, user_with_participant

from .. import factories

pytestmark = pytest.mark.django_db

BACKENDS = [ModelBackend, AccountBackend]


def fields_of(instance):
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


@pytest.mark.parametrize("backend", BACKENDS)
def test_it_loads_the_user_and_participant_as_the_orm_does(
    backend, service_worker, django_assert_num_queries
):
    with django_assert_num_queries(1):
        user = backend().get_user(service_worker.user.pk)
        participant = user.participant
        assert participant.user is user
    expected_user = get_user_model().objects.get(pk=service_worker.user.pk)
    assert fields_of(user) == fields_of(expected_user)
    assert fields_of(participant) == fields_of(service_worker.__class__.objects.get())
    # Timestamps come back aware, as the ORM gives them.
    assert user.date_joined.tzinfo is not None and participant.created_at.tzinfo is not None
    assert not user._state.adding and user._state.db == "default"


def test_a_user_without_a_participant_has_none_without_a_query(django_assert_num_queries):
    staff = factories.UserFactory(is_staff=True)
    with django_assert_num_queries(1):
        user = ModelBackend().get_user(staff.pk)
        assert not hasattr(user, "participant")
    assert model_to_dict(user)["email"] == staff.email


def test_an_unknown_id_gives_none(db):
    assert user_with_participant(987654) is None
    assert ModelBackend().get_user(987654) is None


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_inactive_user_is_not_signed_in(backend, service_worker):
    service_worker.user.is_active = False
    service_worker.user.save()
    assert backend().get_user(service_worker.user.pk) is None
