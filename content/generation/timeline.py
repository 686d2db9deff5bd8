"""Order questions: put three or four dated events of one topic in chronological order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from content.generation import types as qt
from content.generation.corpus import Candidate, Corpus, candidate
from content.generation.dated import dated_events
from content.generation.keys import rng_for, stable_hash
from content.generation.wording import capitalise, norm
from content.ingest.types import DATED_EVENT

ARROW = " → "
PROMPT = "In what order did these events happen, earliest first?"
MAX_LABEL = 70


def _items(corpus: Corpus) -> list[tuple[str, int, int, int, str, str]]:
    """(label, year, passage, fact, topic, entity key) of each event with a known year."""
    seen: set[str] = set()
    out = []
    for fi, fact, use, desc, _ in dated_events(corpus):
        if use.entity.key in seen or fact.date.end_year and fact.date.end_year != fact.date.year:
            continue
        label = capitalise(desc)
        if ARROW.strip() in label or len(label) > MAX_LABEL:
            continue
        seen.add(use.entity.key)
        topic = corpus.passages[fact.passage].topic or ""
        out.append((label, fact.date.year, fact.passage, fi, topic, use.entity.key))
    return out


def _groups(items: list, size: int) -> list[list]:
    """Greedy groups with distinct years, in a stable order independent of the seed."""
    pool = sorted(items, key=lambda it: stable_hash("order", norm(it[0])))
    groups = []
    while len(pool) >= size:
        group, rest, years = [], [], set()
        for it in pool:
            if len(group) < size and it[1] not in years:
                group.append(it)
                years.add(it[1])
            else:
                rest.append(it)
        if len(group) < size:
            break
        groups.append(group)
        pool = rest
    return groups


def order_questions(corpus: Corpus, seed: int) -> Iterator[Candidate]:
    items = _items(corpus)
    by_topic: dict[str, list] = defaultdict(list)
    for it in items:
        by_topic[it[4]].append(it)
    used: set[str] = set()
    groups = []
    for topic in sorted(by_topic):
        for group in _groups(by_topic[topic], 4) or _groups(by_topic[topic], 3):
            groups.append(group)
            used.update(it[5] for it in group)
    leftovers = [it for it in items if it[5] not in used]
    groups += _groups(leftovers, 4) or _groups(leftovers, 3)
    for group in groups:
        ordered = sorted(group, key=lambda it: it[1])
        answer = ARROW.join(it[0] for it in ordered)
        choices = [it[0] for it in group]
        rng_for(seed, "order", answer).shuffle(choices)
        if choices == [it[0] for it in ordered]:
            choices = choices[1:] + choices[:1]
        first = ordered[0]
        cand = candidate(
            corpus,
            qt.ORDER,
            PROMPT,
            answer,
            first[2],
            fact=first[3],
            fact_kind=DATED_EVENT,
            difficulty=0.7,
            score=0.7,
            slot="|".join(sorted(norm(it[0]) for it in group)),
        )
        cand.question.choices = choices
        yield cand
