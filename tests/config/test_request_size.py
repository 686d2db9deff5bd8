"""Oversized uploads are refused before anything is read or stored."""

import pytest
from django.urls import reverse

from content.models import Document
from tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db


def test_an_oversized_upload_gets_a_clear_413_and_nothing_is_stored(client, settings):
    settings.MAX_DOCUMENT_BYTES = settings.MAX_IMAGE_BYTES = 1024
    client.force_login(TeacherFactory())
    body = b"x" * (3 * 1024 * 1024)
    response = client.generic(
        "POST",
        reverse("teaching:upload"),
        data=body,
        content_type="multipart/form-data; boundary=zzz",
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "That file is too large" in html and "up to 1.0\xa0KB" in html
    assert not Document.objects.exists()


def test_ordinary_posts_pass(client):
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 200
