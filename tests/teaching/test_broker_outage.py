"""Redis down at upload or assignment time: the row stays, the page says so, nothing is lost."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from content import imports
from content.models import Document
from content.tasks import import_document
from teaching import services as teaching
from teaching.models import Assignment
from teaching.tasks import resend_assignment_notices, send_assignment_notice
from tests.factories import ClassroomFactory, MembershipFactory, TeacherFactory, deck_with_questions

pytestmark = pytest.mark.django_db

ESSAY = b"# The Blitz\n\nThe Blitz began in September 1940.\nIt lasted until May 1941.\n"


@pytest.fixture
def broker_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6390. Connection refused.")

    for task in (import_document, send_assignment_notice):
        monkeypatch.setattr(task, "apply_async", refuse)
    return monkeypatch


def test_an_upload_while_the_broker_is_down_keeps_the_row_and_says_it_will_start_later(
    client, broker_down, django_capture_on_commit_callbacks
):
    teacher = TeacherFactory()
    client.force_login(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("teaching:upload"), {"file": SimpleUploadedFile("blitz.md", ESSAY)}
        )
    document = Document.objects.get(created_by=teacher)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "starts by itself when it is back" in page
    assert "Waiting for the queue" in page
    assert (document.status, document.stage) == (Document.Status.QUEUED, imports.STAGE_UNQUEUED)

    # The broker comes back: the reaper's next round queues it at once.
    broker_down.undo()
    assert imports.documents_reap() == {"requeued": 1, "failed": 0}
    document.refresh_from_db()
    assert document.status == Document.Status.READY  # tasks run in-process in tests
    assert document.attempts == 0  # an outage is not the import's fault


def test_the_reaper_leaves_documents_queued_while_the_broker_is_still_down(broker_down):
    from content import services

    document = services.document_create(data=ESSAY, filename="blitz.md").document
    Document.objects.filter(pk=document.pk).update(stage=imports.STAGE_UNQUEUED)
    assert imports.documents_reap() == {"requeued": 0, "failed": 0}
    assert Document.objects.get(pk=document.pk).status == Document.Status.QUEUED


def test_an_assignment_made_while_the_broker_is_down_is_saved_and_its_notice_sent_later(
    client, broker_down, django_capture_on_commit_callbacks
):
    classroom = ClassroomFactory()
    MembershipFactory(classroom=classroom)
    deck = deck_with_questions(2)
    client.force_login(classroom.teacher)
    due = (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("teaching:assignment_create", args=[classroom.pk]),
            {"deck": deck.pk, "due_at": due, "goal": "studied", "goal_percent": 80},
        )
    assert response.status_code == 302
    assignment = Assignment.objects.get(classroom=classroom, deck=deck)
    assert assignment.notice_pending and mail.outbox == []

    assert resend_assignment_notices.apply().get() == 0  # still down: nothing lost
    broker_down.undo()
    Assignment.objects.filter(pk=assignment.pk).update(
        created_at=timezone.now() - timedelta(minutes=10)
    )
    assert resend_assignment_notices.apply().get() == 1
    assert len(mail.outbox) == 1
    assert not Assignment.objects.get(pk=assignment.pk).notice_pending
    # A late duplicate of the first message sends nothing more.
    assert send_assignment_notice.apply(args=[assignment.pk]).get() == 0


def test_an_assignment_without_a_notice_is_never_resent():
    classroom = ClassroomFactory()
    MembershipFactory(classroom=classroom)
    teaching.assignment_create(
        teacher=classroom.teacher,
        classroom=classroom,
        deck=deck_with_questions(1),
        due_at=timezone.now() + timedelta(days=2),
        notify=False,
    )
    Assignment.objects.update(created_at=timezone.now() - timedelta(hours=1))
    assert resend_assignment_notices.apply().get() == 0
