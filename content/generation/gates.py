"""Quality gates: every candidate either passes all of them or becomes a Rejection."""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz, process

from content.generation import types as qt
from content.generation.corpus import Candidate, Corpus
from content.generation.dated import head_noun
from content.generation.timeline import ARROW
from content.generation.types import Rejection
from content.generation.wording import (
    BLANK,
    STOPWORDS,
    balanced,
    contains_words,
    has_markup,
    norm,
)
from content.ingest.sensitivity import sensitivity_reason
from content.ingest.types import SENTENCE

MIN_PROMPT, MAX_PROMPT = 15, 300
# A passage read as five different blanks is drill, not a quiz.
MAX_BLANKS_CAPTION, MAX_BLANKS_SENTENCE = 2, 4
# Prompts that are the same for many questions because the picture or list carries them.
GENERIC_PROMPTS = {
    "who is shown in this photograph",
    "when was this photograph taken",
    "in what year was this photograph taken",
    "in what order did these events happen earliest first",
}


def same_answer(a: str, b: str) -> bool:
    na, nb = norm(a), norm(b)
    return na == nb or (min(len(na), len(nb)) >= 5 and fuzz.ratio(na, nb) >= 90)


def _gives_away(q: qt.GeneratedQuestion) -> str:
    prompt = q.prompt.casefold()
    if q.type == qt.ORDER:
        return ""
    if q.answer.casefold() in prompt:
        return "answer in prompt"
    for alias in q.accepted:
        if len(norm(alias)) >= 3 and contains_words(q.prompt, alias):
            return "alias or year of the answer in prompt"
    # "Which battle was fought at Gettysburg?" names the Battle of Gettysburg.
    if q.type not in (qt.TRUE_FALSE, qt.HOW_MANY) and not re.fullmatch(r"[\d,.\s–-]+", q.answer):
        words = [w for w in norm(q.answer).split() if w not in STOPWORDS and len(w) > 2]
        head = head_noun(q.answer)
        distinctive = [w for w in words if w != head] or words
        if len(words) > 1 and distinctive and all(contains_words(q.prompt, w)
                                                  for w in distinctive):
            return "the answer's distinctive words in prompt"
    return ""


# "Jackson, who was wounded at which battle?": the question lives in a
# relative clause and the sentence has no main verb.
_DANGLING_RELATIVE = re.compile(
    r"^[A-Z][^,?]*,\s+(?:who|which)\s+(?:was|were|is|are|had|has)\b[^,?]*\b(?:which|what|whom)\b"
)


def _grammar(q: qt.GeneratedQuestion) -> str:
    p = q.prompt
    if not (MIN_PROMPT <= len(p) <= MAX_PROMPT):
        return "prompt length"
    if not (p[:1].isupper() or p.startswith(BLANK) or p[:1].isdigit()):
        return "prompt does not start with a capital"
    if not (p.endswith("?") or BLANK in p):
        return "prompt is neither a question nor a blank"
    if q.type in (qt.CLOZE, qt.IMAGE) and BLANK in p and p.count(BLANK) != 1:
        return "more than one blank"
    if "  " in p or has_markup(p) or not balanced(p) or re.search(r"\s[,.;:?]|[,;:]{2}", p):
        return "malformed prompt"
    if not q.answer.strip():
        return "empty answer"
    if p.endswith("?") and _DANGLING_RELATIVE.match(p):
        return "relative clause without a main clause"
    return ""


def _shape(q: qt.GeneratedQuestion) -> str:
    if q.type == qt.MULTIPLE_CHOICE:
        normed = {norm(c) for c in q.choices}
        if len(q.choices) != 4 or len(normed) != 4 or q.answer not in q.choices:
            return "multiple choice needs four distinct options"
    if q.type == qt.TRUE_FALSE and (
        q.choices != ["True", "False"] or q.answer not in ("True", "False")
    ):
        return "true/false shape"
    if q.type == qt.ORDER:
        if not 3 <= len(q.choices) <= 4 or any(ARROW.strip() in c for c in q.choices):
            return "order items"
        if sorted(q.answer.split(ARROW)) != sorted(q.choices):
            return "order answer does not match its items"
    return ""


def _sensitive(q: qt.GeneratedQuestion, corpus: Corpus, include_sensitive: bool) -> str:
    passage = corpus.passages[q.passage] if q.passage is not None else None
    if passage is not None and passage.sensitive and not include_sensitive:
        return "sensitive passage"
    shown = " ".join([q.prompt, q.answer, *q.choices])
    reason = sensitivity_reason(shown, SENTENCE)
    return f"graphic wording ({reason})" if reason else ""


def check(cand: Candidate, corpus: Corpus, include_sensitive: bool) -> str:
    q = cand.question
    for gate in (_sensitive(q, corpus, include_sensitive), _grammar(q),
                 _gives_away(q), _shape(q)):
        if gate:
            return gate
    return ""


def ambiguous(cands: list[Candidate]) -> set[str]:
    """Keys of questions whose prompt is shared by a question with a different answer."""
    by_prompt: dict[str, list[Candidate]] = defaultdict(list)
    for c in cands:
        p = norm(c.question.prompt)
        if p not in GENERIC_PROMPTS:
            by_prompt[p].append(c)
    out = set()
    for group in by_prompt.values():
        answers = [c.question.answer for c in group]
        if any(not same_answer(a, answers[0]) for a in answers[1:]):
            out.update(c.question.key for c in group)
    return out


def deduplicate(cands: list[Candidate], corpus: Corpus) -> tuple[list[Candidate], list[Rejection]]:
    """Keep the best-scored of near-identical questions and of questions on the same fact."""
    kept: list[Candidate] = []
    # Normalised once: comparing each candidate with every kept prompt is quadratic.
    kept_prompts: list[str] = []
    rejected: list[Rejection] = []
    seen_facts: set[tuple[str, str]] = set()
    seen_keys: set[str] = set()
    blanks: dict[int, int] = defaultdict(int)
    ordered = sorted(cands, key=lambda c: (-c.question.score, c.question.key))
    for c in ordered:
        q = c.question
        if q.key in seen_keys:
            rejected.append(Rejection(q.key, "duplicate key", q.prompt))
            continue
        passage = norm(corpus.passages[q.passage].text) if q.passage is not None else ""
        fact_id = (passage, norm(q.answer))
        if q.type not in (qt.TRUE_FALSE, qt.ORDER) and fact_id in seen_facts:
            rejected.append(Rejection(q.key, "same answer from the same passage", q.prompt))
            continue
        prompt = norm(q.prompt.replace("____", " blank "))
        dup = False
        if prompt not in GENERIC_PROMPTS and kept_prompts:
            # rapidfuzz scores all kept prompts in C; only the close ones come back.
            for _, ratio, index in process.extract(
                prompt, kept_prompts, scorer=fuzz.ratio, score_cutoff=88, limit=None
            ):
                other = kept[index].question
                if q.type == other.type == qt.TRUE_FALSE and q.passage == other.passage:
                    continue  # a sentence's true and false forms: the publisher keeps one
                if ratio >= 97 or same_answer(q.answer, other.answer):
                    dup = True
                    break
        if dup:
            rejected.append(Rejection(q.key, "near-duplicate", q.prompt))
            continue
        if q.type in (qt.CLOZE, qt.IMAGE) and "____" in q.prompt and q.passage is not None:
            if blanks[q.passage] >= (MAX_BLANKS_CAPTION if q.type == qt.IMAGE
                                     else MAX_BLANKS_SENTENCE):
                rejected.append(Rejection(q.key, "enough blanks in this passage", q.prompt))
                continue
            blanks[q.passage] += 1
        kept.append(c)
        kept_prompts.append(prompt)
        seen_keys.add(q.key)
        if q.type not in (qt.TRUE_FALSE, qt.ORDER):
            seen_facts.add(fact_id)
    return kept, rejected
