"""What the passage's place in the document says, put into the question.

A month without its year takes the year the narrative is in.

"In September Ilsa Varn landed at Belmor." follows "… died on 5 January 1203.":
a student shown the question alone cannot tell which September, so the prompt
says "September 1203", as a teacher reading the passage would. The year is
added only when it is certain: the passage itself has no year, one of the two
passages before it (and not a caption: captions are not narrative) names
exactly one year, and that date does not lie later in the year than the
month named (a later month could belong to the year after).

"The battle" under a heading that names one battle is that battle: "During the
battle, the Varnian left broke" in the section "The Battle of Belmor" is asked
as "During the Battle of Belmor, …". Only an event's head noun is resolved, only
when the passage names no other event with that head, and never in a question
whose answer is the event itself.
"""

from __future__ import annotations

import dataclasses
import re

from content.generation import types as qt
from content.generation.corpus import Candidate, Corpus
from content.generation.wording import norm
from content.ingest.dates import MONTHS
from content.ingest.event_patterns import EVENT_RULES
from content.ingest.types import EVENT

_MONTH_NAMES = {name.capitalize(): number for name, number in MONTHS.items()
                if len(name) > 3}
# "September" or "14 October" not followed by a year (or by "of 1203").
_BARE_MONTH = re.compile(
    r"\b(?P<month>" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\b"
    r"(?!,?\s+(?:of\s+)?\d{3,4}\b)(?!\s+\d{1,2},?\s+\d{3,4})"
)
_YEAR = re.compile(r"\b\d{3,4}\b")


def with_year(corpus: Corpus, cand: Candidate) -> Candidate:
    q = cand.question
    if q.passage is None or q.type == qt.ORDER or corpus.is_caption(q.passage):
        return cand
    if _YEAR.search(corpus.passages[q.passage].text):
        return cand
    found = _BARE_MONTH.search(q.prompt)
    if found is None:
        return cand
    year = corpus.narrative_year(q.passage, _MONTH_NAMES[found.group("month")])
    if year is None:
        return cand
    prompt = q.prompt[: found.end()] + f" {year}" + q.prompt[found.end():]
    return dataclasses.replace(cand, question=dataclasses.replace(q, prompt=prompt))


def with_heading_name(corpus: Corpus, cand: Candidate) -> Candidate:
    """ "the battle" → the battle the heading names; "the Treaty" → the one treaty the
    document names before this passage (a lower-case "the treaty" only when it was named
    in this passage or the two before)."""
    q = cand.question
    if q.passage is None or q.type == qt.ORDER:
        return cand
    name = _heading_event(corpus, corpus.passages[q.passage].topic)
    if name is not None:
        resolved = _resolved(corpus, cand, name)
        if resolved is not cand:
            return resolved
    for m in re.finditer(r"\b[Tt]he ([A-Za-z]+)\b(?!\s+of\b|['’]|\s+[A-Z])", q.prompt):
        name = _only_event(corpus, m.group(1), q.passage)
        if name is not None:
            return _resolved(corpus, cand, name)
    return cand


def _only_event(corpus: Corpus, head: str, index: int) -> str | None:
    events = _events_by_head(corpus).get(head.casefold(), [])
    if len(events) != 1:
        return None
    seen = corpus.passages_of.get(events[0].key, set())
    near = range(index - 2, index + 1) if head[:1].islower() else range(0, index + 1)
    if not any(i in near for i in seen):
        return None
    return re.sub(r"^[Tt]he\s+", "", events[0].name)


def _events_by_head(corpus: Corpus) -> dict[str, list]:
    """The document's named events by head noun, built once (every candidate asks)."""
    index = corpus.__dict__.get("_events_by_head")
    if index is None:
        index = {}
        for e in corpus.entities.values():
            if e.kind == EVENT and len(e.name.split()) >= 2:
                index.setdefault((_head_noun(e.name) or "").casefold(), []).append(e)
        corpus.__dict__["_events_by_head"] = index
    return index


def _resolved(corpus: Corpus, cand: Candidate, name: str) -> Candidate:
    q = cand.question
    head = _head_noun(name)
    if head is None or norm(name) in norm(q.prompt) or norm(name) in norm(q.answer):
        return cand
    # Another battle named in the passage could be "the battle" as well.
    if any(u.entity.kind == EVENT and norm(u.entity.name) != norm(name)
           and _head_noun(u.entity.name) == head for u in corpus.uses(q.passage)):
        return cand
    # "the war minister": the head word modifies another noun; it names no event there.
    doc = corpus.parse(q.passage)
    if doc is not None and any(
            t.lower_ == head.lower() and (t.dep_ in ("compound", "amod", "nmod") or (
                t.i + 1 < len(doc) and doc[t.i + 1].pos_ in ("NOUN", "PROPN")))
            for t in doc):
        return cand
    found = list(re.finditer(rf"\b([Tt]he) (?:{re.escape(head)}|{re.escape(head.lower())})\b"
                             rf"(?!\s+of\b|['’])", q.prompt))
    if len(found) != 1:
        return cand
    m = found[0]
    prompt = q.prompt[: m.start()] + f"{m.group(1)} {name}" + q.prompt[m.end():]
    features = {**cand.features, "bare_definite": 0.0} if "bare_definite" in cand.features \
        else cand.features
    return dataclasses.replace(cand, question=dataclasses.replace(q, prompt=prompt),
                               features=features)


def _heading_event(corpus: Corpus, topic: str | None) -> str | None:
    """The event a passage's heading names: an event entity, or a heading that reads as an
    event's name by the extractor's own rules ("The Battle of Belmor" stays a heading, so
    it may have no entity)."""
    if not topic:
        return None
    cache = corpus.__dict__.setdefault("_heading_events", {})
    if topic not in cache:
        entity = corpus.by_topic_name.get(norm(topic))
        heading = re.sub(r"^[Tt]he\s+", "", topic.strip())
        if entity is not None:
            found = entity.name if entity.kind == EVENT else None
        else:
            found = next((heading for pattern, strength, _ in EVENT_RULES
                          if strength >= 3 and pattern.fullmatch(heading)), None)
        if found is not None:
            found = re.sub(r"^[Tt]he\s+", "", found)
        cache[topic] = found if found and len(found.split()) >= 2 else None
    return cache[topic]


def _head_noun(name: str) -> str | None:
    """ "Battle of Belmor" → "Battle"; "Seven Days' War" → "War"."""
    words = re.sub(r"^[Tt]he\s+", "", name).split(" of ")[0].split()
    if not words or not words[-1][:1].isupper():
        return None
    return words[0] if " of " in name else words[-1]


# ", Oskar Varn removed": an apposition whose closing comma the question lost.
_OPEN_APPOSITION = re.compile(
    r", ((?:the |a |an )?[A-Z][\w’'-]*(?: (?:of|the|de|von|van|and|[A-Z][\w’'-]*))*) (?=[a-z])"
)


def with_source_commas(corpus: Corpus, cand: Candidate) -> Candidate:
    """Close an apposition ("the Archbishop of Belmor, Oskar Varn, …") as its source does."""
    q = cand.question
    if q.passage is None or q.type in (qt.ORDER, qt.TRUE_FALSE, qt.CLOZE):
        return cand
    source = corpus.passages[q.passage].text
    prompt = _OPEN_APPOSITION.sub(
        lambda m: f", {m.group(1)}, " if f", {m.group(1)}," in source else m.group(0), q.prompt)
    if prompt == q.prompt:
        return cand
    return dataclasses.replace(cand, question=dataclasses.replace(q, prompt=prompt))

