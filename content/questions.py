"""Questions made from a document: generated from its stored facts, then persisted.

The generator (``content.generation``) is a pure function of an extraction;
this module reads the curated extraction back from the database and keeps the
questions in step with it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction

from content.generation import GENERATOR_VERSION, generate
from content.models import Document, Passage, Question
from content.sources import extraction_from_document

logger = logging.getLogger(__name__)


@dataclass
class GenerationSummary:
    created: int = 0
    updated: int = 0
    unchanged_locked: int = 0
    retired: int = 0
    rejected: int = 0
    published: int = 0  # of the questions generated this run, how many the generator published


_COPIED = (
    "type",
    "prompt",
    "answer",
    "accepted",
    "choices",
    "fact_kind",
    "tolerance",
    "difficulty",
    "score",
)


def image_passages(passages: list[Passage]) -> frozenset[int]:
    """Indexes of the caption passages whose figure has a picture to show.

    Only these may give questions about "this picture"; a caption without one
    is asked about as text.
    """
    return frozenset(
        index
        for index, passage in enumerate(passages)
        if hasattr(passage, "figure") and passage.figure.image
    )


@transaction.atomic
def questions_generate(*, document: Document) -> GenerationSummary:
    """Generate questions for a document from its stored facts.

    Idempotent: each generated question has a stable key; a second run updates
    unlocked questions in place and never duplicates. Locked (admin-edited)
    questions are never touched. Questions the generator no longer produces
    are retired, not deleted, so students' review history survives.
    """
    stored = extraction_from_document(document)
    images = image_passages(stored.passages)
    result = generate(stored.extraction, seed=document.pk, images=images)
    summary = GenerationSummary(rejected=len(result.rejections))
    # Every drop is logged with its reason; the summary line is what operators read.
    reasons: dict[str, int] = {}
    for rejection in result.rejections:
        reasons[rejection.reason] = reasons.get(rejection.reason, 0) + 1
        logger.debug(
            "question dropped (%s): %s", rejection.reason, rejection.prompt or rejection.key
        )
    if reasons:
        logger.info(
            "document %s: %d candidate questions dropped (%s)",
            document.pk,
            len(result.rejections),
            ", ".join(f"{reason}: {n}" for reason, n in sorted(reasons.items())),
        )

    existing = {q.key: q for q in document.questions.all()}
    produced: set[str] = set()
    for item in [*result.questions, *result.drafts]:
        if item.key in produced:
            continue
        produced.add(item.key)
        question = existing.get(item.key)
        if question is not None and question.locked:
            summary.unchanged_locked += 1
            continue
        passage = stored.passages[item.passage] if item.passage is not None else None
        fact = stored.facts[item.fact] if item.fact is not None else None
        figure = getattr(passage, "figure", None) if passage is not None else None
        verdict = Question.Status.APPROVED if item.published else Question.Status.DRAFT
        if question is None:
            question = Question(document=document, key=item.key, status=verdict)
            summary.created += 1
        else:
            summary.updated += 1
            # The generator may publish a draft or bring back a retired
            # question; it never unpublishes, since a teacher may have
            # published it and students may be studying it. Rejections stay.
            if question.status == Question.Status.RETIRED or (
                question.status == Question.Status.DRAFT and item.published
            ):
                question.status = verdict
        if item.published:
            summary.published += 1
        for field in _COPIED:
            setattr(question, field, getattr(item, field))
        if question.type == Question.Type.IMAGE and item.passage not in images:
            # The generator types a caption's cloze as an image question even
            # when there is no picture; the student is then shown text only.
            question.type = Question.Type.CLOZE
        question.passage = passage
        question.fact = fact
        question.figure = figure
        question.generator_version = GENERATOR_VERSION
        question.save()

    stale = (
        document.questions.filter(locked=False)
        .exclude(key__in=produced)
        .exclude(status=Question.Status.RETIRED)
    )
    summary.retired = stale.update(status=Question.Status.RETIRED)
    return summary
