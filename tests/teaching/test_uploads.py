"""A teacher's upload goes through the one upload service, which reads the text once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from content import services
from content.models import Document
from tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db

ESSAY = b"# The Blitz\n\nThe Blitz began in September 1940.\nIt lasted until May 1941.\n"


def test_an_upload_is_parsed_once_and_its_import_is_queued_on_commit(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []
    read = services.read_document
    monkeypatch.setattr(
        services, "read_document", lambda *a, **k: calls.append(a) or read(*a, **k)
    )
    queued = []
    monkeypatch.setattr(
        "content.tasks.import_document.apply_async", lambda args, **kw: queued.extend(args)
    )
    teacher = TeacherFactory()
    client.force_login(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("teaching:upload"), {"file": SimpleUploadedFile("blitz.md", ESSAY)}
        )
    document = Document.objects.get(created_by=teacher)
    assert response["Location"] == reverse("teaching:upload_status", args=[document.pk])
    assert (document.title, len(calls), queued) == ("The Blitz", 1, [document.pk])


def test_an_unreadable_upload_is_a_form_error_and_stores_nothing(client):
    client.force_login(TeacherFactory())
    response = client.post(
        reverse("teaching:upload"), {"file": SimpleUploadedFile("empty.txt", b"   \n")}
    )
    assert response.status_code == 200
    assert "empty" in response.content.decode().lower()
    assert not Document.objects.exists()
