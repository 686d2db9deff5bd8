"""Writes for the content app: importing documents and curating what they hold.

The pure pipeline (``content.ingest``) turns text into an ``Extraction``; this
module persists it. A re-import is idempotent: rows are matched by stable keys
(passage text, entity key, fact fingerprint), and anything an admin decided
(an edited fact, a reviewed sensitivity flag, a locked entity, an uploaded
image, a fact's status) survives it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from content import files
from content.figures import figures_persist
from content.ingest import types as t
from content.ingest.errors import decode_upload
from content.ingest.pipeline import EXTRACTOR_VERSION, extract, extract_parsed
from content.ingest.readers import Limits, read_document, sniff
from content.models import Document, Entity, Fact, Figure, Mention, Passage, Topic

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
        _persist(document, extraction)
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


def passage_key(kind: str, text: str) -> str:
    return hashlib.sha1(f"{kind}\x1f{text}".encode(), usedforsecurity=False).hexdigest()


def fact_fingerprint(fact: t.Fact, passage: t.Passage) -> str:
    date = fact.date
    parts = [
        fact.kind,
        passage_key(passage.kind, passage.text),
        fact.subject or "",
        fact.relation,
        fact.object or "",
        fact.answer.casefold(),
        str(date.year) if date else "",
        str(date.end_year) if date and date.end_year else "",
        f"{fact.value:g}" if fact.value is not None else "",
    ]
    return hashlib.sha1("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()


def _topic_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _persist(document: Document, extraction: t.Extraction) -> None:
    topics = _persist_topics(extraction.document.topics, extraction.passages)
    passages = _persist_passages(document, extraction.passages, topics)
    entities = _persist_entities(extraction.entities)

    Mention.objects.filter(passage__document=document).delete()
    Mention.objects.bulk_create(
        Mention(
            passage=passages[m.passage],
            entity=entities[m.entity],
            start=m.start,
            end=m.end,
            text=m.text[:255],
        )
        for m in extraction.mentions
        if m.entity in entities
    )
    _persist_facts(document, extraction, passages, entities, extraction.version)
    figures_persist(document=document, extraction=extraction, passages=passages)


def _persist_topics(names: Iterable[str], passages: list[t.Passage]) -> dict[str, Topic]:
    wanted = {n for n in names if n} | {p.topic for p in passages if p.topic}
    topics: dict[str, Topic] = {}
    for name in sorted(wanted):
        topic, _ = Topic.objects.get_or_create(key=_topic_key(name), defaults={"name": name[:255]})
        topics[name] = topic
    return topics


PASSAGE_FIELDS = [
    "kind",
    "text",
    "raw_text",
    "order",
    "occurrences",
    "topic",
    "sensitive",
    "sensitive_reason",
]
FACT_FIELDS = [
    "passage",
    "kind",
    "subject",
    "object",
    "relation",
    "answer",
    "context",
    "date_text",
    "precision",
    "year",
    "month",
    "day",
    "end_year",
    "end_month",
    "end_day",
    "value",
    "unit",
    "span_start",
    "span_end",
    "confidence",
    "extractor_version",
]

# Writes go in bulk: a row-by-row save made persistence cost as much as the
# language analysis itself.


def _persist_passages(
    document: Document, parsed: list[t.Passage], topics: dict[str, Topic]
) -> list[Passage]:
    existing = {p.key: p for p in document.passages.all()}
    rows: list[Passage] = []
    by_key: dict[str, Passage] = {}
    new: list[Passage] = []
    changed: list[Passage] = []
    for index, item in enumerate(parsed):
        key = passage_key(item.kind, item.text)
        if key in by_key:  # the parser merges repeats already; this guards the constraint
            rows.append(by_key[key])
            continue
        row = existing.pop(key, None)
        if row is None:
            row = Passage(document=document, key=key)
            new.append(row)
        else:
            changed.append(row)
        row.kind = item.kind
        row.text = item.text
        row.raw_text = item.raw
        row.order = index
        row.occurrences = item.occurrences
        row.topic = topics.get(item.topic) if item.topic else None
        if not row.sensitive_reviewed:
            row.sensitive = item.sensitive
            row.sensitive_reason = item.sensitive_reason[:255]
        by_key[key] = row
        rows.append(row)
    # Passages the extractor no longer finds go, unless an admin has invested in them.
    gone = [p.pk for p in existing.values() if not p.sensitive_reviewed]
    keep = set(
        Fact.objects.filter(passage_id__in=gone, edited=True).values_list("passage_id", flat=True)
    ) | set(
        # An image an admin uploaded by hand (imported ones have a sha256).
        Figure.objects.filter(passage_id__in=gone, sha256="")
        .exclude(image="")
        .values_list("passage_id", flat=True)
    )
    Passage.objects.filter(pk__in=[pk for pk in gone if pk not in keep]).delete()
    Passage.objects.bulk_update(changed, PASSAGE_FIELDS, batch_size=500)
    Passage.objects.bulk_create(new, batch_size=500)
    return rows


def _persist_entities(extracted: list[t.Entity]) -> dict[str, Entity]:
    found = {e.key: e for e in extracted}
    entities = {e.key: e for e in Entity.objects.filter(key__in=found)}
    # An entity merged away by an admin must not come back on the next import:
    # its key now leads to the entity it was merged into.
    merged_into = {
        key: entity
        for entity in Entity.objects.exclude(former_keys=[])
        for key in entity.former_keys
    }
    new: list[Entity] = []
    changed: list[Entity] = []
    for key, item in found.items():
        row = entities.get(key) or merged_into.get(key)
        if row is None:
            row = Entity(
                key=key,
                name=item.name[:255],
                kind=item.kind,
                aliases=list(item.aliases),
                description=item.description,
            )
            new.append(row)
        elif not row.locked:
            merged = list(dict.fromkeys([*row.aliases, *item.aliases]))
            if merged != row.aliases:
                row.aliases = merged
                changed.append(row)
        entities[key] = row
    Entity.objects.bulk_create(new, batch_size=500)
    Entity.objects.bulk_update(changed, ["aliases"], batch_size=500)
    return entities


def _persist_facts(
    document: Document,
    extraction: t.Extraction,
    passages: list[Passage],
    entities: dict[str, Entity],
    version: str,
) -> None:
    existing = {f.fingerprint: f for f in document.facts.all()}
    kept: set[str] = set()
    new: list[Fact] = []
    changed: list[Fact] = []
    for fact in extraction.facts:
        source = extraction.passages[fact.passage]
        fingerprint = fact_fingerprint(fact, source)
        if fingerprint in kept:
            continue
        kept.add(fingerprint)
        row = existing.get(fingerprint)
        if row is not None and row.edited:
            continue
        if row is None:
            row = Fact(document=document, fingerprint=fingerprint)
            new.append(row)
        else:
            changed.append(row)
        date = fact.date
        row.passage = passages[fact.passage]
        row.kind = fact.kind
        row.subject = entities.get(fact.subject) if fact.subject else None
        row.object = entities.get(fact.object) if fact.object else None
        row.relation = fact.relation[:64]
        row.answer = fact.answer[:500]
        row.context = fact.context[:500]
        row.date_text = date.text[:100] if date else ""
        row.precision = date.precision if date else ""
        row.year = date.year if date else None
        row.month = date.month if date else None
        row.day = date.day if date else None
        row.end_year = date.end_year if date else None
        row.end_month = date.end_month if date else None
        row.end_day = date.end_day if date else None
        row.value = fact.value
        row.unit = fact.unit[:64]
        row.span_start, row.span_end = fact.span if fact.span else (None, None)
        row.confidence = fact.confidence
        row.extractor_version = version
    # Drafts the extractor no longer produces go; curated facts stay.
    document.facts.filter(status=Fact.Status.DRAFT, edited=False).exclude(
        fingerprint__in=kept
    ).delete()
    Fact.objects.bulk_update(changed, FACT_FIELDS, batch_size=500)
    Fact.objects.bulk_create(new, batch_size=500)
