"""Build the generator's input from stored, curated content.

The generator is a pure function of an ``Extraction``. Generating from the
database (rather than from a fresh extraction) means admins' edits count:
rejected facts are left out, edited answers and cleared sensitivity flags are
used as they stand.
"""

from __future__ import annotations

from dataclasses import dataclass

from content.ingest import types as t
from content.models import Document, Entity, Fact, Mention, Passage


@dataclass
class StoredExtraction:
    extraction: t.Extraction
    passages: list[Passage]  # index-aligned with extraction.passages
    facts: list[Fact]  # index-aligned with extraction.facts


def extraction_from_document(document: Document) -> StoredExtraction:
    passages = list(document.passages.select_related("topic", "figure").order_by("order"))
    index = {p.pk: i for i, p in enumerate(passages)}
    facts = list(
        document.facts.exclude(status=Fact.Status.REJECTED)
        .select_related("subject", "object")
        .order_by("passage__order", "id")
    )
    mentions = list(Mention.objects.filter(passage__document=document).select_related("entity"))
    entity_ids = {m.entity_id for m in mentions}
    entity_ids |= {f.subject_id for f in facts if f.subject_id}
    entity_ids |= {f.object_id for f in facts if f.object_id}
    entities = {e.pk: e for e in Entity.objects.filter(pk__in=entity_ids)}

    topics = list(dict.fromkeys(p.topic.name for p in passages if p.topic))
    parsed = t.ParsedDocument(
        title=document.title,
        layout=document.format or "text",
        topics=topics,
        passages=[
            t.Passage(
                text=p.text,
                raw=p.raw_text,
                kind=p.kind,
                topic=p.topic.name if p.topic else None,
                order=p.order,
                occurrences=p.occurrences,
                sensitive=p.sensitive,
                sensitive_reason=p.sensitive_reason,
            )
            for p in passages
        ],
    )
    extraction = t.Extraction(
        document=parsed,
        entities=[
            t.Entity(
                key=e.key,
                name=e.name,
                kind=e.kind,
                aliases=list(e.aliases),
                description=e.description,
            )
            for e in entities.values()
        ],
        mentions=[
            t.Mention(
                passage=index[m.passage_id],
                entity=m.entity.key,
                start=m.start,
                end=m.end,
                text=m.text,
            )
            for m in mentions
            if m.passage_id in index
        ],
        facts=[_fact(f, index, entities) for f in facts],
        version=document.extractor_version,
    )
    return StoredExtraction(extraction=extraction, passages=passages, facts=facts)


def _fact(fact: Fact, index: dict[int, int], entities: dict[int, Entity]) -> t.Fact:
    date = None
    if fact.year is not None:
        date = t.DateValue(
            text=fact.date_text,
            precision=fact.precision or t.YEAR,
            year=fact.year,
            month=fact.month,
            day=fact.day,
            end_year=fact.end_year,
            end_month=fact.end_month,
            end_day=fact.end_day,
        )
    span = None
    if fact.span_start is not None and fact.span_end is not None:
        span = (fact.span_start, fact.span_end)
    subject = entities.get(fact.subject_id) if fact.subject_id else None
    obj = entities.get(fact.object_id) if fact.object_id else None
    return t.Fact(
        kind=fact.kind,
        passage=index[fact.passage_id],
        subject=subject.key if subject else None,
        answer=fact.answer,
        date=date,
        value=fact.value,
        unit=fact.unit,
        relation=fact.relation,
        object=obj.key if obj else None,
        span=span,
        context=fact.context,
        # An admin's approval is the strongest evidence a fact is right.
        confidence=1.0 if fact.status == Fact.Status.APPROVED else fact.confidence,
    )
