"""An import is a state machine: a crash, a redelivery or a dead worker resumes it."""

from datetime import timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from content import imports, services
from content.models import Document, Question
from content.tasks import import_document, reap_imports
from tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db

ESSAY = """# The Printing Press

Johannes Gutenberg introduced movable type printing to Europe around 1440.
The Gutenberg Bible was printed in Mainz in 1455.
Martin Luther used pamphlets to spread the Reformation after 1517.
"""


def _stored(created_by=None) -> Document:
    return services.document_create(
        data=ESSAY.encode(), filename="press.md", created_by=created_by
    ).document


def _die_in(monkeypatch, target: str):
    """Make one step raise as a killed worker would: once, before anything is written."""

    class WorkerKilled(BaseException):  # not an Exception: no handler in the task sees it
        pass

    def die(*args, **kwargs):
        monkeypatch.undo()
        raise WorkerKilled

    monkeypatch.setattr(target, die)
    return WorkerKilled


def test_a_worker_killed_during_generation_resumes_there_and_ends_with_questions(monkeypatch):
    document = _stored()
    killed = _die_in(monkeypatch, "content.imports.questions_generate")
    with pytest.raises(killed):
        import_document.apply(args=[document.pk], task_id="message-1")
    document.refresh_from_db()
    assert document.status == Document.Status.GENERATING  # not "done" with 0 questions
    assert not Question.objects.filter(document=document).exists()

    extract = []
    monkeypatch.setattr(services, "extract", lambda *a, **k: extract.append(1))
    # The broker redelivers the same message (same task id) to a new worker.
    result = import_document.apply(args=[document.pk], task_id="message-1").get()
    document.refresh_from_db()
    assert result["status"] == document.status == Document.Status.READY
    assert Question.objects.filter(document=document).exists()
    assert extract == []  # extraction was finished: it is not run again


def test_a_worker_killed_during_extraction_resumes_from_extraction(monkeypatch):
    document = _stored()
    killed = _die_in(monkeypatch, "content.persistence.extraction_persist")
    with pytest.raises(killed):
        import_document.apply(args=[document.pk], task_id="message-1")
    assert Document.objects.get(pk=document.pk).status == Document.Status.EXTRACTING
    import_document.apply(args=[document.pk], task_id="message-1")
    document.refresh_from_db()
    assert document.status == Document.Status.READY and document.progress == 100
    assert document.questions.exists()


def test_a_duplicate_message_leaves_a_live_import_alone():
    document = _stored()
    assert imports.document_claim(document=document, task_id="first")
    Document.objects.filter(pk=document.pk).update(status=Document.Status.EXTRACTING)
    result = import_document.apply(args=[document.pk], task_id="second").get()
    assert result["status"] == "held by another task"


def test_progress_is_a_heartbeat():
    document = _stored()
    Document.objects.filter(pk=document.pk).update(heartbeat_at=None)
    import_document.apply(args=[document.pk])
    document.refresh_from_db()
    assert document.heartbeat_at is not None


def test_the_reaper_requeues_a_silent_import_and_fails_it_after_its_tries(settings, monkeypatch):
    settings.IMPORT_MAX_ATTEMPTS = 2
    queued = []
    monkeypatch.setattr(imports, "enqueue", lambda task, *args: queued.append(args) or True)
    document = _stored()
    silent = timezone.now() - services.stale_after() - timedelta(seconds=1)
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.GENERATING, heartbeat_at=silent, task_id="dead"
    )
    assert imports.documents_reap() == {"requeued": 1, "failed": 0}
    document.refresh_from_db()
    assert (document.attempts, document.stage, document.task_id) == (1, "retrying", "")
    assert queued == [(document.pk,)]

    # A live import (fresh heartbeat) is left alone.
    assert imports.documents_reap() == {"requeued": 0, "failed": 0}

    Document.objects.filter(pk=document.pk).update(heartbeat_at=silent, attempts=2)
    assert imports.documents_reap() == {"requeued": 0, "failed": 1}
    document.refresh_from_db()
    assert document.status == Document.Status.FAILED
    assert "stopped 3 times" in document.error


def test_the_reaper_runs_from_celery_beat(settings):
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"content.tasks.reap_imports", "teaching.tasks.resend_assignment_notices"} <= schedule
    assert reap_imports.apply().get() == {"requeued": 0, "failed": 0}


def test_the_broker_keeps_a_message_longer_than_the_hard_time_limit(settings):
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert visibility > max(settings.CELERY_TASK_TIME_LIMIT, settings.IMPORT_TIME_LIMIT)
    assert import_document.time_limit == settings.IMPORT_TIME_LIMIT
    assert import_document.soft_time_limit < import_document.time_limit
    assert settings.IMPORT_STALE_MINUTES * 60 > settings.IMPORT_TIME_LIMIT


def test_an_import_past_its_soft_time_limit_fails_saying_it_took_too_long(monkeypatch):
    document = _stored()

    def slow(*args, **kwargs):
        raise SoftTimeLimitExceeded

    monkeypatch.setattr(services, "extract", slow)
    result = import_document.apply(args=[document.pk]).get()
    document.refresh_from_db()
    assert result["status"] == document.status == Document.Status.FAILED
    assert "took too long" in document.error


def test_the_upload_page_says_imported_only_when_ready_and_offers_a_retry_on_failure(
    client, django_capture_on_commit_callbacks
):
    teacher = TeacherFactory()
    client.force_login(teacher)
    document = _stored(created_by=teacher)
    url = reverse("teaching:upload_status", args=[document.pk])
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.GENERATING, attempts=1, stage="retrying"
    )
    page = client.get(url).content.decode()
    assert "Imported." not in page and "Retrying" in page

    services.document_fail(document=document, error="The import took too long.")
    page = client.get(url).content.decode()
    assert "The import failed:</strong> The import took too long." in page
    assert reverse("teaching:upload_retry", args=[document.pk]) in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("teaching:upload_retry", args=[document.pk]))
    assert response["Location"] == url
    document.refresh_from_db()
    assert document.status == Document.Status.READY  # tasks run in-process in tests
    assert "Imported." in client.get(url).content.decode()


def test_re_uploading_a_failed_document_retries_it_instead_of_refusing(
    client, django_capture_on_commit_callbacks
):
    teacher = TeacherFactory()
    client.force_login(teacher)
    document = _stored(created_by=teacher)
    services.document_fail(document=document, error="boom")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("teaching:upload"),
            {"file": SimpleUploadedFile("press.md", ESSAY.encode())},
            follow=True,
        )
    page = response.content.decode()
    assert "already imported" not in page
    document.refresh_from_db()
    assert document.status == Document.Status.READY and document.questions.exists()


def test_re_uploading_a_document_a_worker_is_importing_leaves_that_import_alone(monkeypatch):
    document = _stored()
    imports.document_claim(document=document, task_id="live")
    Document.objects.filter(pk=document.pk).update(status=Document.Status.EXTRACTING)
    queued = []
    monkeypatch.setattr(imports, "enqueue", lambda task, *args: queued.append(args) or True)
    outcome = services.document_upload(data=ESSAY.encode(), filename="press.md", created_by=None)
    assert not outcome.retry and "is being imported now" in outcome.message
    assert queued == []
    assert Document.objects.get(pk=document.pk).task_id == "live"
