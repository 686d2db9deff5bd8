"""Celery tasks for content: thin wrappers that take ids and call services."""

from __future__ import annotations

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import OperationalError

from content import imports, services
from content.ingest.errors import IngestError
from content.models import Document

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    # Nobody reads its result; subscribing to it would wait on Redis when Redis is down.
    ignore_result=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=settings.IMPORT_SOFT_TIME_LIMIT,
    time_limit=settings.IMPORT_TIME_LIMIT,
)
def import_document(self, document_id: int, force: bool = False) -> dict:
    """Run a stored document's import from its first unfinished step.

    Safe to run twice, to be redelivered after a crash, or to arrive twice:
    the steps are idempotent and ``document_claim`` keeps one run at a time.
    """
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        logger.warning("import_document: document %s no longer exists", document_id)
        return {"document": document_id, "status": "missing"}
    if force:
        imports.document_retry(document=document, enqueue=False, restart=True)
    if document.status == Document.Status.READY and not force:
        return {"document": document_id, "status": "already done"}
    if not imports.document_claim(document=document, task_id=self.request.id or "eager"):
        return {"document": document_id, "status": "held by another task"}
    try:
        status = imports.document_run(document=document)
    except IngestError as exc:
        services.document_fail(document=document, error=str(exc))
        return {"document": document_id, "status": "failed", "error": str(exc)}
    except SoftTimeLimitExceeded:
        services.document_fail(document=document, error=imports.TOO_LONG)
        return {"document": document_id, "status": "failed", "error": imports.TOO_LONG}
    except OperationalError:
        raise  # the database blinked: let Celery retry
    except Exception as exc:
        logger.exception("import_document %s failed", document_id)
        services.document_fail(
            document=document, error=f"The import failed unexpectedly ({exc.__class__.__name__})."
        )
        raise
    return {"document": document_id, "status": status}


@shared_task(ignore_result=True)
def reap_imports() -> dict:
    """Celery beat: requeue imports whose worker died or whose enqueue failed."""
    return imports.documents_reap()
