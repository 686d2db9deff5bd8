"""A document's import as a state machine that survives crashes and outages.

    queued → extracting → generating → ready, or failed with a reason.

The status names the first step not yet finished, and each step is idempotent
(rows are matched by stable keys), so a task that runs again, after a worker
was killed or a message redelivered, resumes at that step. Progress reports
are the heartbeat; ``documents_reap`` (Celery beat) requeues an import whose
heartbeat has stopped, and fails it after ``IMPORT_MAX_ATTEMPTS`` tries.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.queueing import enqueue
from content import services
from content.models import Document
from content.questions import questions_generate

logger = logging.getLogger(__name__)

Status = Document.Status
ACTIVE = (Status.QUEUED, Status.EXTRACTING, Status.GENERATING)
# Shown while the broker is down: the reaper queues such a document on its next round.
STAGE_UNQUEUED = "waiting for the queue"
STAGE_RETRYING = "retrying"
TOO_LONG = "The import took too long and was stopped. Try a smaller file."


def document_claim(*, document: Document, task_id: str) -> bool:
    """Take the import for one task; False if another live task holds it.

    A redelivered message keeps its task id and so resumes at once; a
    duplicate (a re-upload, a reaper round) leaves a live run alone.
    """
    now = timezone.now()
    claimed = (
        Document.objects.filter(pk=document.pk, status__in=ACTIVE)
        .filter(
            Q(status=Status.QUEUED)
            | Q(task_id=task_id)
            | Q(task_id="")
            | Q(heartbeat_at__isnull=True)
            | Q(heartbeat_at__lt=now - services.stale_after())
        )
        .update(task_id=task_id, heartbeat_at=now)
    )
    return bool(claimed)


def document_run(*, document: Document, progress: services.Progress | None = None) -> str:
    """Run the import's unfinished steps, in order; returns the final status."""
    document.refresh_from_db()
    if document.status in (Status.QUEUED, Status.EXTRACTING):
        services.document_process(document=document, progress=progress)
    if document.status == Status.GENERATING:
        services.document_set_progress(document, "questions", 90)
        with transaction.atomic():
            questions_generate(document=document)
            Document.objects.filter(pk=document.pk).update(
                status=Status.READY, stage="done", progress=100, task_id="", error=""
            )
        document.status, document.stage, document.progress = Status.READY, "done", 100
        if progress:
            progress("done", 100)
    return document.status


def document_enqueue(*, document: Document) -> bool:
    """Queue the import task; with the broker down, mark the row for the reaper."""
    from content.tasks import import_document  # the task module imports this one

    if enqueue(import_document, document.pk):
        return True
    Document.objects.filter(pk=document.pk, status=Status.QUEUED).update(stage=STAGE_UNQUEUED)
    document.stage = STAGE_UNQUEUED
    return False


@transaction.atomic
def document_retry(
    *, document: Document, enqueue: bool = True, restart: bool = False
) -> Document:
    """Start a failed or stuck import again from its first unfinished step
    (``restart``: from the beginning, even a finished one)."""
    document.refresh_from_db()
    if document.status == Status.READY and not restart:
        return document
    if restart or document.status == Status.FAILED:
        resume = Status.QUEUED
    else:
        resume = document.status
    Document.objects.filter(pk=document.pk).update(
        status=resume, error="", stage="queued", attempts=0, task_id="",
        heartbeat_at=timezone.now(),
    )
    document.refresh_from_db()
    if enqueue:
        transaction.on_commit(lambda: document_enqueue(document=document))
    return document


def documents_reap(*, now=None) -> dict[str, int]:
    """Requeue imports nobody is working on; fail those that used up their tries.

    An import whose enqueue failed (the broker was down) is queued again at
    once; one whose heartbeat stopped (its worker died) after ``stale_after``.
    """
    now = now or timezone.now()
    unqueued = Q(status=Status.QUEUED, stage=STAGE_UNQUEUED)
    silent = Q(heartbeat_at__lt=now - services.stale_after()) | Q(heartbeat_at__isnull=True)
    counts = {"requeued": 0, "failed": 0}
    for document in Document.objects.filter(status__in=ACTIVE).filter(unqueued | silent):
        if document.stage != STAGE_UNQUEUED and document.attempts >= settings.IMPORT_MAX_ATTEMPTS:
            services.document_fail(
                document=document,
                error=f"The import stopped {document.attempts + 1} times without finishing. "
                "Try again, or try a smaller file.",
            )
            counts["failed"] += 1
            continue
        retried = document.stage != STAGE_UNQUEUED
        Document.objects.filter(pk=document.pk).update(
            attempts=document.attempts + retried,
            stage=STAGE_RETRYING if retried else "queued",
            task_id="",
            heartbeat_at=now,
        )
        if document_enqueue(document=document):
            counts["requeued"] += 1
        else:
            break  # the broker is still down; the next round tries again
    return counts
