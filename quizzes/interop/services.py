"""The one write of an import: a document of draft questions, in one transaction.

A re-import of the same file name by the same user finds the same document,
and questions are matched by key (the Anki note GUID, the GIFT title, the CSV
key column or term), so it updates instead of duplicating. Questions a teacher
has edited (``locked``) are left alone.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from content.models import Document, Figure, Passage, Topic
from content.services import passage_key
from content.validators import validate_image_file
from quizzes.interop.cards import CardData, ImportResult, guess_type

EXTRACTOR = "interop-1"


def _question_model():
    return apps.get_model("quizzes", "Question")


@dataclass
class ImportSummary:
    document: Document
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_edits: int = 0
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        parts = [f"{self.created} new", f"{self.updated} updated"]
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        if self.kept_edits:
            parts.append(f"{self.kept_edits} kept as you edited them")
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        return f"Imported “{self.document.title}”: " + ", ".join(parts) + "."


def import_identity(user, filename: str) -> str:
    """The document's sha256 slot: one document per user and imported file name."""
    return hashlib.sha256(f"recall-import\x1f{user.pk}\x1f{filename}".encode()).hexdigest()


def _document(result: ImportResult, *, user, filename: str, title: str | None) -> Document:
    digest = import_identity(user, filename)
    text = "\n".join(f"{c.prompt} — {c.answer}" for c in result.cards)
    title = (title or f"Imported: {filename}")[:255]
    document, created = Document.objects.select_for_update().get_or_create(
        sha256=digest,
        defaults={
            "title": title, "source_name": filename[:255], "raw_text": text,
            "format": f"import:{result.source}"[:20], "created_by": user,
        },
    )
    document.title = title if created or title != f"Imported: {filename}"[:255] else document.title
    document.raw_text = text
    document.status = Document.Status.DONE
    document.progress = 100
    document.stage = f"Imported from {result.source}"
    document.error = ""
    document.extractor_version = EXTRACTOR
    document.save()
    return document


def _topic(name: str, cache: dict[str, Topic]) -> Topic | None:
    key = " ".join(name.casefold().split())
    if not key:
        return None
    if key not in cache:
        cache[key], _ = Topic.objects.get_or_create(key=key, defaults={"name": name[:255]})
    return cache[key]


def _passage(document, card: CardData, order: int, topics: dict) -> Passage | None:
    text = card.passage_text.strip() or (card.prompt if card.image_bytes else "")
    if not text:
        return None
    kind = Passage.Kind.CAPTION if card.image_bytes else Passage.Kind.EXCERPT
    passage, _ = Passage.objects.update_or_create(
        document=document,
        key=passage_key(kind, text),
        defaults={"kind": kind, "text": text, "raw_text": text, "order": order,
                  "topic": _topic(card.topic, topics)},
    )
    return passage


def _figure(passage: Passage | None, card: CardData, summary: ImportSummary) -> Figure | None:
    if passage is None or not card.image_bytes:
        return None
    digest = hashlib.sha1(card.image_bytes).hexdigest()[:16]
    suffix = os.path.splitext(card.image_name)[1].lower() or ".png"
    stem = f"import-{digest}"
    image = ContentFile(card.image_bytes, name=f"{stem}{suffix}")
    try:
        validate_image_file(image)
    except ValidationError:
        summary.warnings.append(f"“{card.image_name}” is not a readable image; left out.")
        return None
    figure, _ = Figure.objects.get_or_create(passage=passage, defaults={"alt_text": ""})
    if not figure.image or not os.path.basename(figure.image.name).startswith(stem):
        figure.image.save(f"{stem}{suffix}", image, save=False)
        figure.alt_text = card.prompt[:500]
        figure.save()
    return figure


def _values(card: CardData, question_model, passage, figure) -> dict:
    qtype = card.type if card.type in question_model.Type.values else guess_type(card.answer)
    return {
        "type": qtype,
        "prompt": card.prompt,
        "answer": card.answer[:500],
        "accepted": [a[:500] for a in card.accepted],
        "choices": [c[:500] for c in card.choices],
        "explanation": card.explanation,
        "tolerance": max(card.tolerance, 0.0),
        "passage": passage,
        "figure": figure,
    }


def deck_import(*, result: ImportResult, user, filename: str, title: str | None = None
                ) -> ImportSummary:
    """Write an import as draft questions of one document; all of it or nothing."""
    Question = _question_model()
    with transaction.atomic():
        document = _document(result, user=user, filename=filename, title=title)
        summary = ImportSummary(document=document, skipped=result.skipped,
                                warnings=list(result.warnings))
        existing = {q.key: q for q in Question.objects.filter(document=document)}
        topics: dict[str, Topic] = {}
        new = []
        for order, card in enumerate(result.cards, start=1):
            question = existing.get(card.key)
            if question is not None and question.locked:
                summary.kept_edits += 1
                continue
            passage = _passage(document, card, order, topics)
            figure = _figure(passage, card, summary)
            values = _values(card, Question, passage, figure)
            if question is None:
                new.append(Question(document=document, key=card.key,
                                    status=Question.Status.DRAFT,
                                    generator_version=f"import:{result.source}"[:32], **values))
                continue
            changed = [name for name, value in values.items()
                       if getattr(question, name) != value]
            if not changed:
                summary.unchanged += 1
                continue
            for name in changed:
                setattr(question, name, values[name])
            question.save(update_fields=[*changed, "updated_at"])
            summary.updated += 1
        Question.objects.bulk_create(new, batch_size=500)
        summary.created = len(new)
    return summary
