"""With PRIVATE_FILES_STORAGE=s3 the file goes to a private bucket through Django's storage
API (django-storages), and the portal answers a reader with a short-lived signed address
whose answer carries the file's name, type and no-store. The bucket is moto's, in process."""

import urllib.parse

import boto3
import pytest
import requests
from django.urls import reverse
from moto import mock_aws
from storages.backends.s3 import S3Storage

from programme.models import Material
from tests.fixtures.materials import PDF, file_material

BUCKET = "familiestotte-materiell"


@pytest.fixture
def bucket_storage(settings, monkeypatch):
    settings.PRIVATE_FILES_SERVE = "redirect"
    with mock_aws():
        boto3.client("s3", region_name="eu-north-1").create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
        )
        storage = S3Storage(
            bucket_name=BUCKET,
            region_name="eu-north-1",
            access_key="test",
            secret_key="test",
            default_acl=None,
            querystring_auth=True,
            querystring_expire=60,
            file_overwrite=False,
        )
        monkeypatch.setattr(Material._meta.get_field("file"), "storage", storage)
        yield storage


def test_it_stores_the_upload_in_the_bucket_under_a_random_name(session, bucket_storage):
    material = file_material(session, name="Lysark dag 3.pdf")
    assert material.file.name.startswith("materials/")
    assert "Lysark" not in material.file.name
    stored = boto3.client("s3", region_name="eu-north-1").get_object(
        Bucket=BUCKET, Key=material.file.name
    )
    assert stored["Body"].read() == PDF


def test_it_answers_a_reader_with_a_short_lived_signed_address(
    login, session, bucket_storage, coordinator
):
    material = file_material(session, name="Lysark dag 3.pdf")
    url = reverse("materials:file", args=[session.pk, material.pk])
    response = login(coordinator).get(url)
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(response["Location"]).query)
    assert query["X-Amz-Expires"] == ["60"]
    assert query["response-content-disposition"] == ['inline; filename="Lysark dag 3.pdf"']
    assert query["response-content-type"] == ["application/pdf"]

    answer = requests.get(response["Location"], timeout=5)
    assert answer.content == PDF
    assert answer.headers["Content-Disposition"] == 'inline; filename="Lysark dag 3.pdf"'
    assert answer.headers["Cache-Control"] == "private, no-store"


def test_it_answers_404_to_an_anonymous_visitor_without_a_signed_address(
    client, session, bucket_storage
):
    material = file_material(session)
    response = client.get(reverse("materials:file", args=[session.pk, material.pk]))
    assert response.status_code == 404
    assert "Location" not in response


def test_it_streams_the_object_through_the_portal_when_set_to(
    settings, login, session, bucket_storage, coordinator
):
    settings.PRIVATE_FILES_SERVE = "django"
    material = file_material(session, name="Lysark dag 3.pdf")
    response = login(coordinator).get(reverse("materials:file", args=[session.pk, material.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'inline; filename="Lysark dag 3.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
