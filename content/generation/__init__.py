"""The question generator: an :class:`Extraction` in, ranked questions and rejections out.

Pure Python, no Django: builders per question type propose candidates, the
gates in :mod:`content.generation.gates` keep only those a careful teacher
would accept, and every dropped candidate is reported with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from content.generation import (
    captions,
    clauses,
    cloze,
    context,
    dated,
    echo,
    gates,
    glossary,
    people,
    publishing,
    references,
    scoring,
    timeline,
    true_false,
    wh,
)
from content.generation.corpus import Candidate, Corpus
from content.generation.distractors import as_multiple_choice
from content.generation.types import GeneratedQuestion, Rejection
from content.ingest.types import Extraction

# Bump when a change alters which questions are produced or how they read.
GENERATOR_VERSION = "gen-2.34"

__all__ = ["GENERATOR_VERSION", "GenerationResult", "generate", "questions_report", "warm_up"]


def warm_up() -> None:
    """Load the word-frequency and inflection tables once per process (like the spaCy model),
    so the first document generated does not pay for them."""
    scoring.warm_up()
    clauses.warm_up()


@dataclass
class GenerationResult:
    """``questions`` are the published ones (what students see), best first;
    ``drafts`` passed every gate but scored lower or fell outside the caps."""

    questions: list[GeneratedQuestion] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    drafts: list[GeneratedQuestion] = field(default_factory=list)

    @property
    def all_questions(self) -> list[GeneratedQuestion]:
        return [*self.questions, *self.drafts]


def _candidates(corpus: Corpus, seed: int, images: frozenset[int]) -> list[Candidate]:
    builders = [
        dated.event_year_questions(corpus),
        dated.pictured_questions(corpus),
        dated.lifespan_questions(corpus),
        people.relation_questions(corpus),
        people.office_questions(corpus),
        people.described_person_questions(corpus),
        glossary.glossary_questions(corpus),
        people.where_questions(corpus),
        wh.wh_questions(corpus),
        echo.which_questions(corpus),
        echo.how_many_questions(corpus),
        echo.definition_questions(corpus),
        cloze.cloze_questions(corpus, images),
        cloze.photo_questions(corpus, images),
        true_false.true_false_questions(corpus, seed),
        timeline.order_questions(corpus, seed),
    ]
    out: list[Candidate] = []
    for built in builders:
        for cand in built:
            cand = references.with_full_names(corpus, captions.with_verb(corpus, cand))
            cand = context.with_heading_name(corpus, context.with_year(corpus, cand))
            cand = context.with_source_commas(corpus, cand)
            out.append(as_multiple_choice(corpus, cand, seed) or cand)
    return out


def generate(
    extraction: Extraction,
    *,
    seed: int = 0,
    include_sensitive: bool = False,
    images: frozenset[int] = frozenset(),
) -> GenerationResult:
    """Questions for one extraction, best first; the same inputs always give the same output.

    ``images`` holds the indexes of caption passages whose figure has an image
    file, so a question can point at the picture instead of its caption.
    """
    corpus = Corpus(extraction)
    result = GenerationResult()
    passed: list[Candidate] = []
    for cand in _candidates(corpus, seed, frozenset(images)):
        reason = gates.check(cand, corpus, include_sensitive)
        if reason:
            result.rejections.append(Rejection(cand.question.key, reason, cand.question.prompt))
        else:
            passed.append(cand)
    unclear = gates.ambiguous(passed)
    for cand in passed:
        if cand.question.key in unclear:
            result.rejections.append(
                Rejection(cand.question.key, "more than one fact answers it", cand.question.prompt)
            )
    kept, dropped = gates.deduplicate([c for c in passed if c.question.key not in unclear], corpus)
    result.rejections.extend(dropped)
    publishing.publish(kept, corpus, frozenset(images))
    ranked = sorted(kept, key=lambda c: (-c.question.score, c.question.key))
    result.questions = [c.question for c in ranked if c.question.published]
    for c in ranked:
        if not c.question.published:
            reason = publishing.broken(c.question)
            if reason:
                result.rejections.append(Rejection(c.question.key, reason, c.question.prompt))
            else:
                result.drafts.append(c.question)
    return result


def questions_report(result: GenerationResult, extraction: Extraction) -> list[dict[str, Any]]:
    """The questions in the ``import_documents --dry-run --json`` shape, drafts included."""
    passages = extraction.passages
    return [
        {
            "type": q.type,
            "prompt": q.prompt,
            "answer": q.answer,
            "accepted": list(q.accepted),
            "choices": list(q.choices),
            "passage": passages[q.passage].text if q.passage is not None else None,
            "fact_kind": q.fact_kind,
            "score": q.score,
            "published": q.published,
            "features": dict(q.features),
        }
        for q in result.all_questions
    ]
