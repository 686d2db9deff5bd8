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

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from content.models import Document, Figure, Passage, Question, Topic
from content.persistence import passage_key
from content.validators import validate_image_file
from quizzes.interop.cards import CardData, ImportResult, guess_type
from quizzes.interop.history import ReplaySummary, history_replay
from quizzes.models import Deck
from quizzes.services.decks import deck_add_questions, enrollment_create

EXTRACTOR = "interop-1"


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
        return f"“{self.document.title}”: " + ", ".join(parts) + "."


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
    document.status = Document.Status.READY
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


def _passage_spec(card: CardData) -> tuple[str, str] | None:
    text = card.passage_text.strip() or (card.prompt if card.image_bytes else "")
    if not text:
        return None
    kind = Passage.Kind.CAPTION if card.image_bytes else Passage.Kind.EXCERPT
    return kind, text


def _passages(document, cards: list[CardData]) -> dict[str, Passage]:
    """Every card's passage by key, in a few queries whatever the file's size."""
    topics: dict[str, Topic] = {}
    wanted: dict[str, tuple[str, str, int, Topic | None]] = {}
    for order, card in enumerate(cards, start=1):
        spec = _passage_spec(card)
        if spec is not None:
            key = passage_key(*spec)
            wanted.setdefault(key, (*spec, order, _topic(card.topic, topics)))
    existing = {p.key: p for p in Passage.objects.filter(document=document, key__in=wanted)}
    new, changed = [], []
    for key, (kind, text, order, topic) in wanted.items():
        passage = existing.get(key)
        if passage is None:
            new.append(Passage(document=document, key=key, kind=kind, text=text, raw_text=text,
                               order=order, topic=topic))
        elif (passage.order, passage.topic_id) != (order, topic.pk if topic else None):
            passage.order, passage.topic = order, topic
            changed.append(passage)
    Passage.objects.bulk_create(new, batch_size=500)
    Passage.objects.bulk_update(changed, ["order", "topic"], batch_size=500)
    existing.update({p.key: p for p in Passage.objects.filter(document=document, key__in=wanted)})
    return existing


def _figure(passage: Passage | None, card: CardData, summary: ImportSummary) -> Figure | None:
    if passage is None or not card.image_bytes:
        return None
    digest = hashlib.sha1(card.image_bytes, usedforsecurity=False).hexdigest()[:16]
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
        # Ids, not objects: comparing them costs no query.
        "passage_id": passage.pk if passage else None,
        "figure_id": figure.pk if figure else None,
    }


QUESTION_FIELDS = ["type", "prompt", "answer", "accepted", "choices", "explanation",
                   "tolerance", "passage", "figure", "updated_at"]


def deck_import(*, result: ImportResult, user, filename: str, title: str | None = None
                ) -> ImportSummary:
    """Write an import as draft questions of one document; all of it or nothing."""
    with transaction.atomic():
        document = _document(result, user=user, filename=filename, title=title)
        summary = ImportSummary(document=document, skipped=result.skipped,
                                warnings=list(result.warnings))
        existing = {q.key: q for q in Question.objects.filter(document=document)}
        live = [c for c in result.cards if not (c.key in existing and existing[c.key].locked)]
        summary.kept_edits = len(result.cards) - len(live)
        passages = _passages(document, live)
        new, changed = [], []
        now = timezone.now()
        for card in live:
            spec = _passage_spec(card)
            passage = passages[passage_key(*spec)] if spec else None
            figure = _figure(passage, card, summary)
            values = _values(card, Question, passage, figure)
            question = existing.get(card.key)
            if question is None:
                new.append(Question(document=document, key=card.key,
                                    status=Question.Status.DRAFT,
                                    generator_version=f"import:{result.source}"[:32], **values))
            elif any(getattr(question, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(question, name, value)
                question.updated_at = now
                changed.append(question)
            else:
                summary.unchanged += 1
        Question.objects.bulk_create(new, batch_size=500)
        Question.objects.bulk_update(changed, QUESTION_FIELDS, batch_size=500)
        summary.created, summary.updated = len(new), len(changed)
    return summary


@dataclass
class OwnDeckSummary:
    imported: ImportSummary
    deck: Deck
    replay: ReplaySummary | None = None

    @property
    def messages(self) -> list[str]:
        return [self.imported.message] + ([self.replay.message] if self.replay else [])


def deck_import_own(
    *,
    result: ImportResult,
    user,
    filename: str,
    title: str | None = None,
    with_history: bool = False,
    now=None,
) -> OwnDeckSummary:
    """A student's own deck from a file, studied at once; with their Anki history if asked.

    Drafts wait for a teacher because a teacher's questions reach other people.
    These reach no one else: they are the student's own notes, in a private deck
    only its owner sees. So the file's questions are published, for that deck,
    and "students see only published questions" still holds. The student is
    enrolled (a card per question), then the history is replayed onto those
    cards. All of it or nothing; importing the same file again changes only
    what changed.
    """
    with transaction.atomic():
        imported = deck_import(result=result, user=user, filename=filename, title=title)
        document = imported.document
        keys = [card.key for card in result.cards]
        Question.objects.filter(document=document, key__in=keys,
                                status=Question.Status.DRAFT).update(
            status=Question.Status.APPROVED, updated_at=timezone.now())
        by_key = {q.key: q for q in Question.objects.live().filter(document=document,
                                                                    key__in=keys)}
        deck = Deck.objects.filter(owner=user, document=document).order_by("pk").first()
        if deck is None:
            deck = Deck.objects.create(
                title=document.title[:200], owner=user, document=document,
                visibility=Deck.Visibility.PRIVATE,
                description=f"Your own deck, imported from {filename}."[:2000],
            )
        deck_add_questions(deck=deck, questions=[by_key[k] for k in keys if k in by_key])
        enrollment = enrollment_create(user=user, deck=deck)
        summary = OwnDeckSummary(imported=imported, deck=deck)
        if with_history:
            summary.replay = history_replay(enrollment=enrollment, document=document,
                                            history=result.history, now=now)
    return summary
