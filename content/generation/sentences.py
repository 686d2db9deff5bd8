"""Turning a passage into a self-contained sentence with one span replaced.

Cloze, "which …?" and "how many …?" questions all rewrite a passage around one
span; the sentence must then stand alone: no asides, no "However," no
unresolved "He", no mention of "the same year".
"""

from __future__ import annotations

import re

from content.generation.corpus import Corpus
from content.generation.wording import (
    ANAPHORA,
    capitalise,
    clauses,
    drop_connective,
    resolve_definite,
    resolve_pronoun,
    strip_parentheticals,
    tidy,
)
from content.ingest.sentences import split_sentences

MARK = "\u2063"  # invisible separator: marks the replacement while the text is cleaned
MAX_SENTENCE = 200


def rewrite(
    corpus: Corpus,
    index: int,
    start: int,
    end: int,
    replacement: str,
    *,
    trim: bool = False,
    max_len: int = MAX_SENTENCE,
) -> str | None:
    """The passage with ``[start:end]`` replaced, cleaned and standing alone, or None."""
    passage = corpus.passages[index]
    text = passage.text
    if not (0 <= start < end <= len(text)):
        return None
    marked = text[:start] + MARK + replacement + MARK + text[end:]
    # A replacement inside an aside would vanish with it.
    if re.search(r"\([^()]*" + MARK, marked):
        return None
    marked = marked.replace(MARK + replacement + MARK, MARK)
    cleaned = strip_parentheticals(marked)
    # Captions may chain several scenes; keep the one with the replacement.
    scenes = re.split(r";\s+", cleaned)
    if len(scenes) > 1:
        # The mark can straddle a split ("; " inside the replaced span): no question then.
        cleaned = next((s for s in scenes if MARK in s), None)
        if cleaned is None:
            return None
        cleaned = re.sub(r"^\(?clockwise[^)]*\)\s*", "", cleaned, flags=re.IGNORECASE)
    # A passage may hold several sentences; the question needs only its own.
    sentences = split_sentences(cleaned)
    if len(sentences) > 1:
        cleaned = next((s for s in sentences if MARK in s), None)
        if cleaned is None:
            return None
    cleaned = drop_connective(cleaned.strip())
    topic = corpus.topic_entity(passage)
    # The same rule as the wh-questions': "he" is the passage's person only when no
    # other person is named in it or in the passage before.
    referent = corpus.pronoun_referent(index)
    resolved = resolve_pronoun(cleaned, referent.name if referent is not None else None)
    if resolved is None:
        return None
    cleaned = resolve_definite(resolved, topic.name if topic is not None else None)
    cleaned = cleaned.rstrip().rstrip(".")
    if len(cleaned) > max_len:
        if not trim:
            return None
        cleaned = _trim(cleaned, max_len)
        if cleaned is None:
            return None
    if ANAPHORA.search(cleaned.replace(MARK, replacement)) or re.search(
        r"\b(?:he|she|him)\b", cleaned, flags=re.IGNORECASE
    ):
        return None
    if _dangling_possessive(cleaned):
        return None
    out = cleaned.replace(MARK, replacement)
    return capitalise(tidy(out)) if not out.startswith(replacement) else tidy(out)


def _trim(text: str, max_len: int) -> str | None:
    spans = clauses(text)
    hit = next((i for i, (s, e) in enumerate(spans) if MARK in text[s:e]), None)
    if hit is None:
        return None
    # Only trailing clauses go: a fragment starting mid-sentence reads as broken.
    lo, hi = 0, hit
    if spans[hi][1] > max_len:
        return None
    while True:
        grown = False
        if hi + 1 < len(spans) and spans[hi + 1][1] - spans[lo][0] <= max_len:
            hi += 1
            grown = True
        if not grown:
            break
    piece = text[spans[lo][0] : spans[hi][1]]
    if len(piece) > max_len or len(piece.split()) < 5:
        return None
    # "…, and the ruins of X, which Y found in 1911[, are among the best-known sites]": the
    # cut took the main verb with it, and what is left is no sentence.
    rest = text[spans[hi][1]:].lstrip(" ,;")
    if re.match(r"(?:is|are|was|were|has|have|had|became|remained|remains|[a-z]+ed)\b", rest):
        return None
    return capitalise(piece)


def _dangling_possessive(text: str) -> bool:
    """ "his son" with no "<Name> and his" before it: whose son is unclear out of context."""
    for m in re.finditer(r"\b(?:his|her|their)\b", text):
        if not re.search(r"[A-Z][\w.’'-]*\s+and\s+$", text[: m.start()]):
            return True
    return False
