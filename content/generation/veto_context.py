"""Vetoes that read the whole document, not only the question: where it happens, which
of two same-named laws, whether the place asked for is already given.

Used by :func:`content.generation.vetoes.vetoes`.
"""

from __future__ import annotations

import re

from content.generation import types as qt
from content.generation.corpus import Corpus
from content.generation.dated import DOCUMENT_VERBS, HAPPENINGS, head_noun
from content.ingest.types import DATED_EVENT, EVENT, PLACE

# "a truce came into force …", "When did a council of the Church meet …?": one of many.
INDEFINITE_EVENT = re.compile(
    r"^(?:(?:When|Where|Why|How) (?:did|was|were) )?(?:an?) (?:[a-z]+ )?(?:"
    + "|".join(sorted(HAPPENINGS)) + r")\b(?-i:(?! (?:of|at|in|on) [A-Z]))", re.IGNORECASE)


def two_laws_one_name(q, corpus: Corpus) -> bool:  # noqa: ANN001
    """ "the Varnian Act" of 1264 and of 1268 are two laws: "When was it passed?" has two
    answers. (A war's two years are its start and end; only documents are checked.)"""
    if q.fact is None or q.type not in (qt.YEAR, qt.MULTIPLE_CHOICE, qt.TRUE_FALSE):
        return False
    subject = corpus.extraction.facts[q.fact].subject
    entity = corpus.entities.get(subject) if subject else None
    if entity is None or head_noun(entity.name) not in DOCUMENT_VERBS:
        return False
    years = {f.date.year for f in corpus.extraction.facts
             if f.subject == subject and f.kind == DATED_EVENT and f.date is not None}
    return len(years) > 1


def place_in_prompt(text: str, answer: str, corpus: Corpus) -> bool:
    """ "Where did the galleys arrive at Belmor?" → Varnia: the place is asked and given."""
    places = corpus.__dict__.get("_place_names")
    if places is None:
        names = sorted({n for e in corpus.entities.values() if e.kind == PLACE
                        for n in corpus.names(e.key) if n}, key=len, reverse=True)
        places = re.compile(rf"\b(?:at|in) ({'|'.join(map(re.escape, names))})\b") if names \
            else None
        corpus.__dict__["_place_names"] = places
    return places is not None and any(m.group(1) not in answer for m in places.finditer(text))


def _place_titled(corpus: Corpus) -> tuple[str, list[str]] | None:
    """The document's title when it names a place, and the names of every place it mentions."""
    cache = corpus.__dict__.get("_place_titled", False)
    if cache is not False:
        return cache
    title = corpus.extraction.document.title or ""
    entity = corpus.entity_by_text(title) if title else None
    found = None
    if entity is not None and entity.kind == PLACE:
        # A named event ("Operation X", "the Battle of Y") places itself.
        names = {n for e in corpus.entities.values() if e.kind in (PLACE, EVENT)
                 for n in corpus.names(e.key)}
        found = (title, sorted(n for n in names if len(n) >= 3))
    corpus.__dict__["_place_titled"] = found
    return found


MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|"
           r"November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def names_no_place(text: str, corpus: Corpus) -> bool:
    """In a document about a place, a prompt with no place in it has lost where it happens.

    An article on a country says "the President signed …" of its own
    president; a question taken from it must say whose. The title's own stem
    ("Varnian" for Varnia) counts as naming it.
    """
    titled = _place_titled(corpus)
    if titled is None:
        return False
    title, places = titled
    stem = title[: max(4, len(title) - 1)]
    if stem in text:
        return False
    # "in Nyeri", "near Tarn": a name after a preposition of place is a place the
    # extractor may not have typed.
    if re.search(r"\b(?:in|at|from|near) (?!the\b|" + MONTHS + r")[A-Z][a-z]+", text[1:]):
        return False
    return not any(re.search(rf"\b{re.escape(n)}\b", text) for n in places)
