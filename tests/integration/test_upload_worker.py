"""A teacher's upload runs as a Celery task on a real worker, through Redis."""


import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from content.models import Document
from tests.factories import TeacherFactory
from tests.integration.waiting import wait_until_imported

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ESSAY = """# The Printing Press

Johannes Gutenberg introduced movable type printing to Europe around 1440.
The Gutenberg Bible was printed in Mainz in 1455.
By 1500, printing presses in Western Europe had produced more than twenty million volumes.
Martin Luther used pamphlets to spread the Reformation after 1517.
"""



def test_an_upload_is_imported_by_a_real_worker_and_ends_on_draft_questions(
    client, celery_worker
):
    teacher = TeacherFactory()
    client.force_login(teacher)
    upload = SimpleUploadedFile("press.md", ESSAY.encode(), content_type="text/markdown")
    response = client.post(reverse("teaching:upload"), {"file": upload})
    document = Document.objects.get(created_by=teacher)
    assert response["Location"] == reverse("teaching:upload_status", args=[document.pk])

    # While it runs the status partial polls; when done, the page shows drafts.
    poll = client.get(response["Location"], headers={"HX-Request": "true"})
    assert poll.status_code == 200
    document = wait_until_imported(document.pk)
    assert document.status == Document.Status.READY, document.error
    assert document.progress == 100
    page = client.get(response["Location"]).content.decode()
    assert "Draft questions" in page
    assert document.questions.exists()

    publish = client.post(
        reverse("teaching:draft_publish", args=[document.pk]), {"title": "Printing"}
    )
    assert publish.status_code == 302
    # The deck holds what is published, and only that.
    assert teacher.decks.get(title="Printing").entries.count() == document.questions.live().count()


def test_a_bad_upload_is_refused_before_any_task_runs(client):
    client.force_login(TeacherFactory())
    for name, data, message in [
        ("empty.txt", b"", "empty"),
        ("image.png", b"\x89PNG\r\n", "Only these documents"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
    ]:
        response = client.post(
            reverse("teaching:upload"), {"file": SimpleUploadedFile(name, data)}
        )
        assert response.status_code == 200
        assert message in response.content.decode(), name
    assert not Document.objects.exists()
