"""Choose what students see: the fitted ranker's score, a threshold, and caps.

Every candidate that passed the gates gets its named features
(:mod:`content.generation.scoring`) and its vetoes
(:mod:`content.generation.vetoes`); the ranker (:mod:`content.generation.ranker`)
turns them, with a few more signals, into the probability that a demanding
teacher accepts the question, and that probability is its score. The judged
labels come from documents without pictures, so a question about the picture on
screen keeps its hand score, against :data:`scoring.PUBLISH_THRESHOLD`.

Questions at or above the threshold are published best first, at most
:data:`MAX_PER_PASSAGE` per passage and :data:`MAX_PER_ANSWER` per answer,
true/false last and near half true, and at most :data:`MAX_PER_100_WORDS`. The
rest are drafts a teacher may promote.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from content.generation import ranker
from content.generation import types as qt
from content.generation.corpus import Candidate, Corpus
from content.generation.scoring import ON_SCREEN, PUBLISH_THRESHOLD, score, zipf
from content.generation.vetoes import vetoes
from content.generation.wording import norm
from content.ingest.types import CAPTION, PERSON

# One question a sentence: judges count its who, its when and its true/false
# as the same fact asked again. A long passage holds a few facts.
MAX_PER_PASSAGE = 1
MAX_PER_LONG_PASSAGE = 2  # over LONG_PASSAGE words
LONG_PASSAGE = 35
MAX_PER_ANSWER = 2
MAX_PER_100_WORDS = 3.5
MAX_TRUE_FALSE_SHARE = 0.2
MIN_BUDGET = 8
# The floor: a document whose questions clear the ranker's threshold at fewer than one per
# 100 words (the seed: 2 in 1,900 words) is topped up with its next best unvetoed questions
# down to FLOOR_THRESHOLD, the ranker's earlier line (leave-one-document-out precision 0.73
# against 0.80 at the threshold). A deck of two questions teaches nothing; the teacher sees
# every score and the drafts.
FLOOR_PER_100_WORDS = 1.0
FLOOR_THRESHOLD = 0.55


def _about_shown_picture(cand: Candidate, images: frozenset[int]) -> bool:
    q = cand.question
    return q.passage in images and (q.type == qt.IMAGE or bool(ON_SCREEN.search(q.prompt)))


def _signals(cand: Candidate, corpus: Corpus, builder: float) -> dict[str, float]:
    """The ranker's inputs: the named features plus what the question is and where it is from."""
    q = cand.question
    passage = corpus.passages[q.passage] if q.passage is not None else None
    answer = q.answer.casefold()
    x = ranker.sentence_signals(corpus.source_sentence(q.passage, q.prompt), q.prompt,
                                q.answer, corpus.__dict__.setdefault("_sentence_signals", {}))
    if _one_word_person(corpus, q):
        x["a one-word person name"] = 1.0
    return x | ranker.signals(
        q,
        named=q.features,
        builder=builder,
        answer_kind=cand.answer_kind or "",
        wh=bool(cand.features.get("wh")),
        on_screen=bool(ON_SCREEN.search(q.prompt)),
        caption=passage is not None and passage.kind == CAPTION,
        passage_words=len(passage.text.split()) if passage is not None else 0,
        position=(q.passage or 0) / max(1, len(corpus.passages)),
        mentions=corpus.mention_count(cand.answer_entity) if cand.answer_entity else 0,
        answer_zipf=zipf(answer) if len(answer.split()) <= 2 and not answer[:1].isdigit()
        else 0.0,
    )


def _one_word_person(corpus: Corpus, q) -> bool:  # noqa: ANN001
    """The prompt names a person by one word only ("Frederick", "Dane"): which one?"""
    if q.passage is None:
        return False
    text = corpus.passages[q.passage].text
    words = set(re.findall(r"[\w’'-]+", q.prompt))
    return any(
        use.entity.kind == PERSON and len(use.entity.name.split()) == 1
        and text[use.name_start : use.name_end] in words
        for use in corpus.uses(q.passage)
    )


def _document_words(corpus: Corpus) -> int:
    return sum(len(p.text.split()) for p in corpus.passages)


def _passage_cap(corpus: Corpus, index: int | None) -> int:
    """Two questions for a sentence, three for a long passage."""
    if index is None:
        return MAX_PER_PASSAGE
    words = len(corpus.passages[index].text.split())
    return MAX_PER_LONG_PASSAGE if words > LONG_PASSAGE else MAX_PER_PASSAGE


def _inverse(a: qt.GeneratedQuestion, b: qt.GeneratedQuestion) -> bool:
    """Each asks what the other states (neither about a date): the same fact twice."""
    if qt.TRUE_FALSE in (a.type, b.type) or qt.ORDER in (a.type, b.type):
        return False
    if any(re.fullmatch(r"[\w\s,–-]*\d{3,4}[\w\s,–-]*", x.answer) for x in (a, b)):
        return False

    def states(q: qt.GeneratedQuestion, answer: str) -> bool:
        n = norm(answer)
        return bool(n) and f" {n} " in f" {norm(q.prompt)} "

    return states(a, b.answer) and states(b, a.answer)


# Vetoes that say the question is no question at all (it wraps a review question, an
# instruction or a glossary line): not even a draft worth a teacher's promoting.
BROKEN = ("its source is itself a question", "an instruction to the reader",
          "a glossary entry, not a sentence", "a fragment of a list, not a sentence")


def broken(q) -> str | None:  # noqa: ANN001
    """The veto that makes a draft unusable, or None."""
    return next((name.removeprefix("veto: ") for name in q.features
                 if name.startswith("veto: ") and name.removeprefix("veto: ").startswith(BROKEN)),
                None)


def publishing_threshold() -> float:
    """The ranker's fitted threshold, or the hand scale's without a weights file."""
    model = ranker.fitted()
    return float(model["threshold"]) if model is not None else PUBLISH_THRESHOLD


def publish(cands: list[Candidate], corpus: Corpus, images: frozenset[int] = frozenset()) -> None:
    """Set ``score`` and ``published`` on every question; best first decides.

    A question with a veto (:mod:`content.generation.vetoes`) stays a draft
    whatever its score; its reasons go into its features for the teacher.
    """
    vetoed: set[int] = set()
    fitted: set[int] = set()
    model = ranker.fitted()
    for c in cands:
        builder = c.question.score
        c.question.score = score(c, corpus)
        c.question.published = False
        for reason in vetoes(c, corpus, images):
            c.question.features[f"veto: {reason}"] = -1.0
            vetoed.add(id(c))
        c.question.signals = _signals(c, corpus, builder)
        # The judged labels come from documents without pictures or glossary questions: a
        # question about the picture on screen, or one rewritten from a handout's "Key
        # people" line, is outside what the model has seen, so it keeps its hand score.
        if model is not None and not _about_shown_picture(c, images) and \
                not c.features.get("glossary"):
            c.question.score = round(ranker.probability(c.question.signals, model), 3)
            fitted.add(id(c))
    threshold = publishing_threshold()
    ordered = sorted(cands, key=lambda c: (-c.question.score, c.question.key))
    eligible = [c for c in ordered if id(c) not in vetoed and c.question.score
                >= (threshold if id(c) in fitted else PUBLISH_THRESHOLD)]
    # A short document still gets a question per sentence or so (up to MIN_BUDGET).
    budget = max(min(MIN_BUDGET, len(corpus.passages)),
                 int(MAX_PER_100_WORDS * _document_words(corpus) / 100))
    picks = _Picks(corpus)
    for c in eligible:
        if c.question.type != qt.TRUE_FALSE and len(picks.chosen) < budget:
            picks.take(c)
    floor = min(budget, int(FLOOR_PER_100_WORDS * _document_words(corpus) / 100))
    for c in ordered:
        if len(picks.chosen) >= floor or c.question.score < FLOOR_THRESHOLD:
            break
        if id(c) in fitted and id(c) not in vetoed and c.question.type != qt.TRUE_FALSE and \
                id(c) not in picks.ids:
            picks.take(c)
    # True/false come last, so that a sentence's true/false never takes the place of
    # its better question: at most a fifth of the deck, as many false as true (±1).
    others = len(picks.chosen)
    limit = max(1, int(MAX_TRUE_FALSE_SHARE / (1 - MAX_TRUE_FALSE_SHARE) * others))
    sides = {
        answer: [c for c in eligible if c.question.type == qt.TRUE_FALSE
                 and c.question.answer == answer]
        for answer in ("True", "False")
    }
    taken = {"True": 0, "False": 0}
    tf_passages: set[int | None] = set()
    while sum(taken.values()) < limit and len(picks.chosen) < budget:
        fewer = min(taken, key=lambda a: (taken[a], a != "False"))
        more = "True" if fewer == "False" else "False"
        side = fewer if sides[fewer] else (more if taken[more] <= taken[fewer] else None)
        if side is None or not sides[side]:
            break
        c = sides[side].pop(0)
        # One true/false per passage: its true and its false form are the same fact.
        if c.question.passage not in tf_passages and picks.take(c):
            tf_passages.add(c.question.passage)
            taken[side] += 1
    for c in picks.chosen:
        c.question.published = True


_WHEN_LEAD = re.compile(r"^(?:When|In what year) (?:did|was|were) ")


class _Picks:
    """The published set as it grows, with the caps that keep one fact asked once."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.chosen: list[Candidate] = []
        self.per_passage: dict[int | None, int] = defaultdict(int)
        self.per_answer: Counter[str] = Counter()
        self.by_passage: dict[int | None, list[Candidate]] = defaultdict(list)
        self.asked: set[str] = set()
        self.ids: set[int] = set()  # what is chosen, by identity: a floor pass asks again

    def take(self, c: Candidate) -> bool:
        q = c.question
        if self.per_passage[q.passage] >= _passage_cap(self.corpus, q.passage):
            return False
        # "Who built X?" and "What did Y build?" are one fact asked both ways.
        if any(_inverse(q, other.question) for other in self.by_passage[q.passage]):
            return False
        answer = norm(q.answer) if q.type not in (qt.TRUE_FALSE, qt.ORDER) else q.key
        if self.per_answer[answer] >= MAX_PER_ANSWER:
            return False
        # "When did the Battle of X take place?" (16 June 1487) and "In what year did the
        # Battle of X take place?" (1487) from two passages are one fact.
        asked = _WHEN_LEAD.sub("", q.prompt) if _WHEN_LEAD.match(q.prompt) else None
        if asked is not None and asked in self.asked:
            return False
        if asked is not None:
            self.asked.add(asked)
        self.per_passage[q.passage] += 1
        self.per_answer[answer] += 1
        self.by_passage[q.passage].append(c)
        self.chosen.append(c)
        self.ids.add(id(c))
        return True
