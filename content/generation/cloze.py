"""Fill-in-the-blank questions over sentences, and image questions over captions.

A blank needs no fact: any entity mention or date in a passage can be blanked,
which keeps coverage up when the extractor found no relation in a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from content.generation import types as qt
from content.generation.corpus import YEAR_KIND, Candidate, Corpus, candidate
from content.generation.dated import HAPPENINGS
from content.generation.echo import stands_alone
from content.generation.wording import BLANK, content_words
from content.ingest.dates import MONTHS, find_dates
from content.ingest.names import PERSON_TITLES
from content.ingest.types import (
    CAPTION,
    DAY,
    EVENT,
    MONTH,
    ORGANIZATION,
    PERSON,
    PLACE,
    QUANTITY,
)

_KIND_SCORE = {EVENT: 0.7, PERSON: 0.66, PLACE: 0.6, ORGANIZATION: 0.56}
# Captions of things that are not photographs of a scene.
_NOT_PHOTO = re.compile(
    r"^(?:A\s+|An\s+|The\s+)?(?:map|poster|stamp|flag|chart|diagram|"
    r"painting|drawing|cartoon|statue|coat of arms|seal|logo|banknote|"
    r"coin|emblem|plan|page|cover|title page|letter)\b",
    re.IGNORECASE,
)


TITLES = {t.rstrip(".") for t in PERSON_TITLES}


def _names_a_happening(text: str) -> bool:
    words = {w.casefold() for w in re.findall(r"[A-Za-z]+", text)}
    return bool(words & (HAPPENINGS | {"declaration", "proclamation", "treaty", "visit"}))


def _is_sentence(text: str) -> bool:
    """A caption written as a full sentence reads as prose, not as a picture label."""
    return text.rstrip().endswith(".") and len(text.split()) >= 8


def _quantities(corpus: Corpus) -> dict[int, list]:
    """The document's quantity facts by passage, gathered once."""
    if "_quantities" not in corpus.__dict__:
        by_passage: dict[int, list] = {}
        for fact in corpus.extraction.facts:
            if fact.kind == QUANTITY:
                by_passage.setdefault(fact.passage, []).append(fact)
        corpus.__dict__["_quantities"] = by_passage
    return corpus.__dict__["_quantities"]


def _spans(corpus: Corpus, index: int) -> list[tuple[int, int, str, list[str], str, dict]]:
    """(start, end, answer, accepted, slot, extra) of each blankable span, best first."""
    text = corpus.passages[index].text
    topic = corpus.topic_entity(corpus.passages[index])
    out = []
    taken: list[tuple[int, int]] = []
    for use in corpus.answer_uses(index):
        start, end = use.name_start, use.name_end
        answer = text[start:end]
        if len(answer) < 3 or any(s < end and start < e for s, e in taken):
            continue
        if not stands_alone(text[end:]):
            continue  # "A ____ poster": a modifier is guesswork, not knowledge
        if sum(ch.isalpha() for ch in answer) < 4:
            continue  # "D.C.", "ROC": abbreviations test spelling, not history
        before = re.search(r"([A-Z][\w.'’-]*)\s+$", text[:start])
        if before and before.group(1).casefold().rstrip(".") not in TITLES:
            continue  # "Winfield ____": half a name
        accepted = [use.entity.name, *corpus.accepted(use.entity.key)]
        score = _KIND_SCORE.get(use.entity.kind, 0.5)
        if corpus.passages[index].kind == CAPTION and corpus.is_recurring(use.entity.key):
            continue  # the document's own subject ("China" in a book on China): a guess
        if topic is not None and use.entity.key == topic.key:
            if corpus.passages[index].kind == CAPTION and use.entity.kind == PERSON:
                continue  # a caption in a deck about X: "X" is a guess, not recall
            score -= 0.2  # in a deck about X, "X" is the answer a student guesses anyway
        # The more often a name recurs, the less a blank on it tests.
        score -= min(0.2, 0.02 * corpus.mention_count(use.entity.key))
        extra = {
            "answer_entity": use.entity.key,
            "answer_kind": use.entity.kind,
            "_score": score,
        }
        out.append((start, end, answer, accepted, use.entity.kind, extra))
        taken.append((start, end))
    # A photo's own date is trivia unless the caption names an event or an action.
    passage = corpus.passages[index]
    dated_scene = (
        not (passage.kind == CAPTION and not _is_sentence(text))
        or any(u.entity.kind == EVENT for u in corpus.uses(index))
        or _names_a_happening(text)
        or bool(re.search(r"\b[a-z]{3,}(?:ed|ing)\b", text))
    )
    for d in corpus.dates(index):
        if any(s < d.end and d.start < e for s, e in taken) or not stands_alone(text[d.end :]):
            continue
        if not dated_scene or re.search(r"\bfrom\s+\S+(?:\s+\S+)?\s+to\s+$", text[: d.start]):
            continue  # the second half of "from July 1 to July 3" is no date on its own
        v = d.value
        accepted = [str(v.year)] if v.precision in (DAY, MONTH) else []
        extra = {
            "answer_kind": YEAR_KIND,
            "answer_year": v.year,
            "true_years": set(range(v.year, (v.end_year or v.year) + 1)),
            "_score": 0.55 if v.precision in (DAY, MONTH) else 0.5,
        }
        out.append((d.start, d.end, text[d.start : d.end], accepted, "date", extra))
    for fact in _quantities(corpus).get(index, ()):
        if not fact.span:
            continue
        start, end = fact.span
        if any(s < end and start < e for s, e in taken):
            continue
        out.append((start, end, text[start:end], [], "number", {"_score": 0.5}))
        taken.append((start, end))
    for m in re.finditer(r"\b(?:at|in|near|to|from|into)\s+((?:[A-Z][a-z]+)(?:\s[A-Z][a-z]+){0,2})"
                         r"(?=[\s,.;]|$)", text):
        start, end = m.span(1)
        if any(s < end and start < e for s, e in taken) or not stands_alone(text[end:]):
            continue
        if m.group(1).casefold() in MONTHS or start == 0:
            continue
        named = corpus.entity_by_text(m.group(1))
        if passage.kind == CAPTION and named is not None and corpus.is_recurring(named.key):
            continue
        out.append((start, end, m.group(1), [], "name", {"_score": 0.45}))
        taken.append((start, end))
    out.sort(key=lambda s: -s[5]["_score"])
    return out


def _context_ok(prompt: str, answer: str, caption: bool) -> bool:
    """Enough words besides names that the blank can be reasoned about."""
    words = content_words(prompt.replace(BLANK, " "))
    common = [w for w in words if w.islower()]
    numbers = re.findall(r"\b\d{3,4}\b", prompt)
    return len(common) >= 1 and len(words) + len(numbers) >= (4 if caption else 3)


def cloze_questions(corpus: Corpus, images: frozenset[int]) -> Iterator[Candidate]:
    from content.generation.sentences import rewrite

    for index, passage in enumerate(corpus.passages):
        caption = passage.kind == CAPTION
        as_image = caption and not _is_sentence(passage.text)
        for start, end, answer, accepted, slot, extra in _spans(corpus, index):
            body = rewrite(corpus, index, start, end, BLANK, trim=True)
            if body is None or not _context_ok(body, answer, as_image):
                continue
            score = extra.pop("_score") - (0.1 if caption else 0.0)
            qtype = qt.IMAGE if as_image else qt.CLOZE
            prompt = body + "."
            if as_image and index in images:
                prompt = f"Complete the caption of this picture: {prompt}"
            yield candidate(
                corpus,
                qtype,
                prompt,
                answer,
                index,
                accepted=accepted,
                slot=slot,
                difficulty=0.55 if slot == "date" else 0.5,
                score=score,
                **extra,
            )


def photo_questions(corpus: Corpus, images: frozenset[int]) -> Iterator[Candidate]:
    """With the picture on screen, ask what it shows rather than re-reading its caption."""
    for index in sorted(images):
        if not (0 <= index < len(corpus.passages)):
            continue
        passage = corpus.passages[index]
        if passage.kind != CAPTION or _NOT_PHOTO.match(passage.text):
            continue
        people = [u for u in corpus.uses(index) if u.entity.kind == PERSON]
        if len({u.entity.key for u in people}) == 1:
            person = people[0].entity
            yield candidate(
                corpus,
                qt.IMAGE,
                "Who is shown in this photograph?",
                person.name,
                index,
                accepted=corpus.accepted(person.key),
                slot="who",
                difficulty=0.6,
                score=0.7,
                answer_entity=person.key,
                answer_kind=PERSON,
                mc_ok=True,
            )
        dates = find_dates(passage.text)
        if len(dates) == 1:
            v = dates[0].value
            fine = v.precision in (DAY, MONTH)
            prompt = (
                "When was this photograph taken?"
                if fine
                else "In what year was this photograph taken?"
            )
            yield candidate(
                corpus,
                qt.IMAGE,
                prompt,
                v.text,
                index,
                accepted=[str(v.year)] if fine else [],
                slot="when",
                difficulty=0.7,
                score=0.6,
                answer_kind=YEAR_KIND,
                answer_year=v.year,
                true_years=set(range(v.year, (v.end_year or v.year) + 1)),
            )
