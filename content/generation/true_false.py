"""True/false questions: a sentence as written, or with one year, person or place swapped.

A swapped statement is kept only when nothing else in the document makes it
true: the swapped-in year is not a year of anything in the sentence, and the
swapped-in person or place never appears alongside the sentence's other names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from content.generation import types as qt
from content.generation.corpus import Candidate, Corpus, EntityUse, candidate
from content.generation.keys import chosen, rng_for
from content.generation.scoring import zipf
from content.generation.sentences import rewrite
from content.generation.wording import TRUE_FALSE_LEAD, lower_first, norm
from content.ingest.types import CAPTION, DECADE, PERSON

CHOICES = ["True", "False"]


def _years_near(corpus: Corpus, index: int) -> set[int]:
    """Every year tied to an entity of the passage anywhere in the document."""
    keys = {u.entity.key for u in corpus.uses(index)}
    years = {d.value.year for d in corpus.dates(index)}
    for i in set().union(*(corpus.passages_of.get(k, set()) for k in keys)):
        for d in corpus.dates(i):
            years.update(range(d.value.year, (d.value.end_year or d.value.year) + 1))
    return years


def _swap_year(corpus: Corpus, index: int, seed: int) -> tuple[int, int, str, str] | None:
    text = corpus.passages[index].text
    # A year inside a name ("the War of 1812") is part of the name, not a date to swap.
    names = [(u.mention.start, u.mention.end) for u in corpus.uses(index)]
    written = corpus.dates(index)
    dates = [d for d in written if not d.value.end_year and d.value.year > 0
             and d.value.precision != DECADE
             and not any(s <= d.start and d.end <= e for s, e in names)
             # "the fire of 27 February 1933": a date that only describes a thing on the
             # way; changing it leaves the statement's claim true.
             and not re.search(r"\bof\s+$", text[: d.start])
             # "the Balkan Wars of 1912 and 1913": one year of a pair, changed, runs backwards.
             and not re.search(r"\d{3,4}\s*(?:and|or|[–-])\s*$", text[: d.start])
             and not re.match(r"\s*(?:and|or|[–-])\s*\d{3,4}\b", text[d.end:])]
    # "gathered in August 1571 and sailed on 16 September 1571": one of two dates of the same
    # year, changed, puts the sailing before the gathering.
    if len({d.value.year for d in written}) < len(written):
        return None
    if not dates:
        return None
    d = dates[0]
    taken = _years_near(corpus, index)
    rng = rng_for(seed, "tf-year", text)
    deltas = [k for k in range(-9, 10) if abs(k) >= 2]
    rng.shuffle(deltas)
    for delta in deltas:
        year = d.value.year + delta
        if year not in taken:
            old = text[d.start : d.end]
            new = re.sub(str(d.value.year), str(year), old)
            return d.start, d.end, new, "year"
    return None


def _swap_entity(
    corpus: Corpus, index: int, kind: str, seed: int
) -> tuple[int, int, str, str] | None:
    text = corpus.passages[index].text
    uses = [u for u in corpus.uses(index) if u.entity.kind == kind and _simple_name(u.entity.name)
            and text[u.name_start : u.name_end] == u.entity.name
            and _used_as_kind(corpus, index, u.name_start, u.name_end, kind)]
    if not uses:
        return None
    target: EntityUse = uses[0]
    here = {u.entity.key for u in corpus.uses(index)}
    others = here - {target.entity.key}
    names_here = {norm(n) for u in corpus.uses(index) for n in corpus.names(u.entity.key)}
    with_others = set().union(*(corpus.passages_of.get(k, set()) for k in others))
    pool = []
    for e in corpus.entities.values():
        if e.kind != kind or e.key in here or norm(e.name) in names_here:
            continue
        if not _simple_name(e.name) or re.search(r"['’]s\b", e.name):
            continue
        if any(norm(n) in norm(text) for n in corpus.names(e.key)):
            continue
        # Never swap in someone who appears with the sentence's other names elsewhere.
        if others and corpus.passages_of.get(e.key, set()) & with_others:
            continue
        if len(e.name.split()) < 2 and kind == PERSON:
            continue
        pool.append(e)
    if not pool:
        return None
    era = corpus.years.get(target.entity.key)
    pool.sort(key=lambda e: (abs(corpus.years.get(e.key, era or 0) - (era or 0)), e.key))
    rng = rng_for(seed, "tf-swap", text)
    pick = rng.choice(pool[:5])
    return target.name_start, target.name_end, pick.name, kind


def _simple_name(name: str) -> bool:
    """A plain proper name ("Hong Kong"), so swapping it keeps the sentence well formed."""
    words = name.split()
    return 0 < len(words) <= 3 and all(w[:1].isupper() for w in words)


def _is_statement(corpus: Corpus, index: int) -> bool:
    passage = corpus.passages[index]
    if passage.kind != CAPTION:
        return True
    text = passage.text
    main = re.sub(r"\b(?:that|who|which|where)\b[^,]*", "", text)
    if re.search(r"\b(?:is|are|was|were|has|had|have)\b", main):
        return True
    # "The X airlift delivered …": a named subject followed by a past-tense verb.
    return any(re.match(r"\s+[a-z]{3,}ed\b", text[u.mention.end :]) for u in corpus.uses(index))


def _prompt(corpus: Corpus, index: int, body: str) -> str:
    first = body.split(" ", 1)[0]
    doc = corpus.parse(index)
    if doc is not None and first[:1].isupper() and not first.isupper():
        same = [t for t in doc if t.text == first.rstrip(",")]
        # "Thousands of …", "Exhausted, both sides …": a common word that only opens the
        # sentence, whatever the tagger made of it; no name of the document holds it.
        bare = first.strip(",")
        common = bare not in corpus.name_words() and bare not in corpus.capitalised_inside() \
            and zipf(bare.casefold()) >= 4.0
        if same and (common or all(t.pos_ != "PROPN" and not t.ent_type_ for t in same)):
            return f"{TRUE_FALSE_LEAD}{first[:1].lower()}{body[len(first[:1]):]}?"
    return f"{TRUE_FALSE_LEAD}{lower_first(body)}?"


def _used_as_kind(corpus: Corpus, index: int, start: int, end: int, kind: str) -> bool:
    """The parse agrees that the name here is a proper name of a person (or a place)."""
    doc = corpus.parse(index)
    if doc is None:
        return True
    tokens = [t for t in doc if start <= t.idx < end]
    if not tokens or any(t.pos_ != "PROPN" for t in tokens):
        return False
    # "the X chancellery": a name used as a modifier, or after an article, is no person here.
    if tokens[-1].dep_ in ("compound", "amod") or (
        tokens[0].i > 0 and doc[tokens[0].i - 1].lower_ in ("the", "a", "an")
    ):
        return False
    wanted = {"PERSON"} if kind == PERSON else {"GPE", "LOC", "FAC"}
    return all(t.ent_type_ in wanted for t in tokens)


def true_false_questions(corpus: Corpus, seed: int) -> Iterator[Candidate]:
    for index, passage in enumerate(corpus.passages):
        text = passage.text
        if not _is_statement(corpus, index):
            continue
        uses = corpus.answer_uses(index)
        dates = corpus.dates(index)
        if not uses and not dates and (passage.kind == CAPTION or len(text.split()) < 6):
            continue
        # Both forms are offered; the publisher keeps one per sentence and balances the deck.
        swap = None
        order = ["year", PERSON]
        start = int(chosen(0.5, "tf-kind", norm(text)))
        for kind in order[start:] + order[:start]:
            swap = (
                _swap_year(corpus, index, seed)
                if kind == "year"
                else _swap_entity(corpus, index, kind, seed)
            )
            if swap:
                break
        if uses:
            anchor = (uses[0].name_start, uses[0].name_end)
        elif dates:
            anchor = (dates[0].start, dates[0].end)
        else:
            last = len(text.rstrip(". ")) - len(text.rstrip(". ").split(" ")[-1])
            anchor = (last, len(text.rstrip(". ")))
        forms = [(rewrite(corpus, index, anchor[0], anchor[1], text[anchor[0] : anchor[1]]),
                  "True", "true")]
        if swap:
            s, e, new, _kind = swap
            forms.append((rewrite(corpus, index, s, e, new), "False", "false"))
        for body, answer, slot in forms:
            if body is None:
                continue
            cand = candidate(
                corpus,
                qt.TRUE_FALSE,
                _prompt(corpus, index, body),
                answer,
                index,
                slot=slot,
                difficulty=0.3,
                score=0.45,
            )
            cand.question.choices = list(CHOICES)
            yield cand
