"""Persisting an extraction: the pure pipeline's ``Extraction`` becomes rows.

A re-import is idempotent: rows are matched by stable keys (passage text,
entity key, fact fingerprint), and anything an admin decided (an edited fact,
a reviewed sensitivity flag, a locked entity, an uploaded image, a fact's
status) survives it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from content.figures import figures_persist
from content.ingest import types as t
from content.models import Document, Entity, Fact, Figure, Mention, Passage, Topic


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


def topic_key(name: str) -> str:
    return " ".join(name.casefold().split())


def extraction_persist(*, document: Document, extraction: t.Extraction) -> None:
    """Write an extraction's rows for a document, matching what is there by stable keys.

    The caller holds the transaction, so a crash leaves the previous rows.
    """
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
        topic, _ = Topic.objects.get_or_create(key=topic_key(name), defaults={"name": name[:255]})
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
