"""Writes for the content app: storing uploaded documents and extracting them.

Uploads are validated and stored here, and the import's extracting step runs
here: the pure pipeline (``content.ingest``) turns text into an ``Extraction``,
which ``content.persistence`` writes.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from content import files, persistence
from content.ingest import types as t
from content.ingest.errors import decode_upload
from content.ingest.pipeline import EXTRACTOR_VERSION, extract, extract_parsed
from content.ingest.readers import Limits, read_document, sniff
from content.models import Document

logger = logging.getLogger(__name__)

Progress = Callable[[str, int], None]


@dataclass
class ImportOutcome:
    document: Document
    created: bool
    message: str
    retry: bool = False


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def reader_limits() -> Limits:
    return Limits(max_bytes=settings.MAX_DOCUMENT_BYTES)


def is_plain_text(*, data: bytes, filename: str) -> bool:
    """Text and Markdown keep their text path; every other format is re-read from its file."""
    return sniff(data, filename) == "text"


def document_read(*, data: bytes, filename: str) -> tuple[str, t.ParsedDocument]:
    """Read an upload of any accepted format once; raise IngestError with a clear message.

    This runs before any row exists, so bad input never leaves anything behind.
    The text returned is the document's own for text and Markdown, and its
    passages for the other formats (what the admin reads as the raw text).
    """
    parsed = read_document(data, filename, limits=reader_limits())
    if is_plain_text(data=data, filename=filename):
        return decode_upload(data, settings.MAX_DOCUMENT_BYTES), parsed
    return "\n\n".join(p.text for p in parsed.passages), parsed


def original_path(*, digest: str, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"documents/{digest[:2]}/{digest}.{suffix[:10]}"


def document_create(*, data: bytes, filename: str, created_by=None) -> ImportOutcome:
    """Store a validated document, queued for processing; the same bytes twice is a no-op.

    The same bytes again while the first import failed or is stuck start that
    import again (``ImportOutcome.retry``) rather than refusing the upload.
    """
    digest = sha256_of(data)
    existing = Document.objects.filter(sha256=digest).first()
    if existing is not None:
        if existing.status == Document.Status.READY:
            return ImportOutcome(
                existing, False, f"“{filename}” was already imported as “{existing.title}”."
            )
        if document_is_live(existing):
            return ImportOutcome(existing, False, f"“{filename}” is being imported now.")
        message = f"“{filename}” had not finished importing; it starts again."
        return ImportOutcome(existing, False, message, retry=True)
    text, parsed = document_read(data=data, filename=filename)
    original = ""
    if not is_plain_text(data=data, filename=filename):
        # Pictures and layout are not in the text: the import reads the file again.
        original = files.store(original_path(digest=digest, filename=filename), data)
    document = Document.objects.create(
        title=(parsed.title or filename)[:255],
        source_name=filename[:255],
        raw_text=text,
        original=original,
        sha256=digest,
        created_by=created_by,
        heartbeat_at=timezone.now(),
    )
    return ImportOutcome(document, True, f"“{filename}” is queued for import.")


def stale_after() -> timedelta:
    """No heartbeat for this long means no worker holds the import any more.

    It exceeds the import's hard time limit, so a live run (which Celery would
    have killed by then) is never mistaken for a dead one.
    """
    return timedelta(minutes=settings.IMPORT_STALE_MINUTES)


def document_is_live(document: Document) -> bool:
    """A worker holds this import and beat recently: leave it alone."""
    return (
        document.status in (Document.Status.EXTRACTING, Document.Status.GENERATING)
        and bool(document.task_id)
        and document.heartbeat_at is not None
        and document.heartbeat_at >= timezone.now() - stale_after()
    )


def document_upload(*, data: bytes, filename: str, created_by) -> ImportOutcome:
    """The one upload path, for the admin's and the teachers' pages alike.

    Stores the document and queues its import once the row is committed (a
    worker must find it, and a rollback queues nothing and keeps no file). With
    the broker down the row stays, the message says so, and the reaper queues
    it later.
    """
    from content.imports import document_enqueue, document_retry  # imports builds on this module

    with files.import_files(), transaction.atomic():
        outcome = document_create(data=data, filename=filename, created_by=created_by)
        if outcome.retry:
            document_retry(document=outcome.document, enqueue=False)
    if outcome.created or outcome.retry:
        queued: list[bool] = []
        document = outcome.document
        transaction.on_commit(lambda: queued.append(document_enqueue(document=document)))
        if queued == [False]:
            outcome.message = (
                f"“{filename}” is saved. The import queue is unavailable just now; "
                "the import starts by itself when it is back."
            )
    return outcome


def document_set_progress(document: Document, stage: str, percent: int) -> None:
    """Report progress; it doubles as the heartbeat the reaper watches."""
    document.stage, document.progress = stage, percent
    document.heartbeat_at = timezone.now()
    Document.objects.filter(pk=document.pk).update(
        stage=stage, progress=percent, heartbeat_at=document.heartbeat_at
    )


def document_process(*, document: Document, progress: Progress | None = None) -> Document:
    """The import's first step: extract a stored document and persist the result.

    Status goes extracting → generating (questions are the next step, in
    ``content.imports``). A crash anywhere leaves the previous rows untouched
    (the transaction rolls back), so running it again completes the step.
    """

    def report(stage: str, percent: int) -> None:
        document_set_progress(document, stage, percent)
        if progress:
            progress(stage, percent)

    Document.objects.filter(pk=document.pk).update(status=Document.Status.EXTRACTING, error="")
    document.status = Document.Status.EXTRACTING
    report("parsing", 5)
    # The pipeline reports its own stages between 5% and 80%.
    def stages(stage: str, pct: int) -> None:
        report(stage, 5 + pct * 75 // 100)

    if document.original:
        with document.original.open("rb") as original:
            data = original.read()
        parsed = read_document(data, document.source_name, limits=reader_limits())
        extraction = extract_parsed(parsed, progress=stages)
    else:
        extraction = extract(document.raw_text, document.source_name, progress=stages)
    report("saving", 85)
    with files.import_files(), transaction.atomic():
        persistence.extraction_persist(document=document, extraction=extraction)
    document.status = Document.Status.GENERATING
    document.format = extraction.document.layout
    document.extractor_version = extraction.version or EXTRACTOR_VERSION
    Document.objects.filter(pk=document.pk).update(
        status=document.status,
        format=document.format,
        extractor_version=document.extractor_version,
        title=(extraction.document.title or document.title)[:255],
    )
    report("questions", 90)
    return document


def document_fail(*, document: Document, error: str) -> None:
    document.status, document.error, document.stage = Document.Status.FAILED, error, "failed"
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.FAILED, error=error, stage="failed", task_id=""
    )
