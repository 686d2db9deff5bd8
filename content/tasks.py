"""Celery tasks for content: thin wrappers that take ids and call services."""

from __future__ import annotations

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError

from content import services
from content.ingest.errors import IngestError
from content.models import Document
from content.questions import questions_generate

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def import_document(self, document_id: int, force: bool = False) -> dict:
    """Extract a stored document and generate its questions.

    Safe to run twice or to retry after a crash: the persisted result is
    written in one transaction and matched by stable keys.
    """
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        logger.warning("import_document: document %s no longer exists", document_id)
        return {"document": document_id, "status": "missing"}
    if document.status == Document.Status.DONE and not force:
        return {"document": document_id, "status": "already done"}
    try:
        services.document_process(document=document)
        # Questions follow every import; the generator reads the stored facts.
        questions_generate(document=document)
    except IngestError as exc:
        services.document_fail(document=document, error=str(exc))
        return {"document": document_id, "status": "failed", "error": str(exc)}
    except SoftTimeLimitExceeded:
        services.document_fail(
            document=document, error="The import took too long and was stopped. Try a smaller file."
        )
        raise
    except OperationalError:
        raise  # the database blinked: let Celery retry
    except Exception as exc:
        logger.exception("import_document %s failed", document_id)
        services.document_fail(
            document=document, error=f"The import failed unexpectedly ({exc.__class__.__name__})."
        )
        raise
    return {"document": document_id, "status": "done"}
