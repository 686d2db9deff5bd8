"""Give a person their full name where the sentence uses a short one.

A document introduces "King Edward III of Varnia" once and then writes "Edward".
Out of its paragraph, "What did Edward cede in 1360?" does not say which Edward.
When the extractor has already tied the short mention to one person, and no other
person in the document shares that word, the question uses the full name instead.
Anything less certain is left alone: the ranker's "not self-contained" signals
and the vetoes deal with it.
"""

from __future__ import annotations

import dataclasses
import re

from content.generation import types as qt
from content.generation.corpus import Candidate, Corpus
from content.generation.wording import norm
from content.ingest.names import PERSON_TITLES
from content.ingest.types import PERSON, PLACE, Entity

_SKIP = (qt.IMAGE, qt.ORDER)
_LOWER_WORD = re.compile(r"\b[a-z][\w’'-]*")


def with_full_names(corpus: Corpus, cand: Candidate) -> Candidate:
    q = cand.question
    if q.passage is None or q.type in _SKIP:
        return cand
    text = corpus.passages[q.passage].text
    prompt = q.prompt
    for use in corpus.uses(q.passage):
        short = text[use.name_start : use.name_end]
        if use.entity.kind != PERSON or len(short.split()) != 1:
            continue
        person = _full_person(corpus, use.entity, short, q.passage)
        if person is None or person.name in prompt:
            continue
        if short in q.answer.split():
            continue
        # "Mary, Queen of Scots" in the source: her apposition, not another Mary's numeral,
        # says who she is (a question that dropped it is left to the one-word-name veto).
        title = _APPOSED_TITLE.match(text[use.name_end:])
        if title and title.group(1).casefold() in _TITLES:
            continue
        prompt = _expand(prompt, short, person.name)
    prompt = _bare_names_expanded(corpus, prompt, q.answer, q.passage)
    prompt = _names_capitalised(corpus, prompt)
    if prompt == q.prompt:
        return cand
    return dataclasses.replace(cand, question=dataclasses.replace(q, prompt=prompt))


def _expand(prompt: str, short: str, full: str) -> str:
    """The first bare use of ``short``, not inside a longer name, becomes ``full``."""
    for m in re.finditer(rf"(?<![\w’'-]){re.escape(short)}(?![\w-])", prompt):
        before = prompt[: m.start()].split()
        after = prompt[m.end():].split()
        previous = before[-1] if before else ""
        if after and after[0][:1].isupper():
            continue  # "Edward Grey": another name
        if previous.casefold() == "the":
            continue  # "along the James": a river, ship or house named for a person
        if after[:1] == [","] and len(after) > 1 and after[1].casefold() in _TITLES:
            return prompt  # "Mary, Queen of Scots": the apposition says who she is
        start = m.start()
        if previous and norm(previous) in norm(full).split():
            start -= len(previous) + 1  # "King Edward" → "King Edward III", not "King King …"
        elif previous[:1].isupper() and previous.rstrip(".").casefold() not in PERSON_TITLES \
                and len(before) > 1:
            continue  # "Fort Edward", "St Edward"
        return prompt[:start] + full + prompt[m.end():]
    return prompt


_NUMERAL = r"(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})"
_APPOSED_TITLE = re.compile(r",\s+([A-Z][a-z]+)\b")
_TITLES = frozenset(t for t in PERSON_TITLES if " " not in t)
_PARTICLES = frozenset("of de del della di da von van der den la le du the".split())
_PLACE_PREPOSITIONS = frozenset("in at from to of near into across through toward towards "
                                "within outside inside around".split())
_CAPITAL_WORD = re.compile(r"(?<![\w’'-])([A-Z][a-z’'-]{2,})(?![\w’'-])")


def _bare_names_expanded(corpus: Corpus, prompt: str, answer: str, index: int) -> str:
    """A person the passage calls by one word the extractor did not tie to anyone ("Long
    was assassinated", "Richard sailed for home") gets the one fuller name the document
    gives: the only person whose name holds the word ("Huey Long"), or the one regnal
    number written after it ("Richard I")."""
    for m in _CAPITAL_WORD.finditer(prompt):
        word = m.group(1)
        before, after = prompt[: m.start()].split(), prompt[m.end():].split()
        if (before and before[-1][:1].isupper()) or (after and (
                after[0][:1].isupper() or re.fullmatch(_NUMERAL + r"[,.?]?", after[0]))) or (
                len(after) > 1 and after[0] in _PARTICLES and after[1][:1].isupper()):
            continue  # part of a longer name already ("Louis of Nassau")
        if word.casefold() in _TITLES or (before and before[-1].casefold() in ("the", "a", "an")):
            continue  # "the King of Portugal" is a title, not a short name
        if after[:1] == [","] and len(after) > 1 and after[1].casefold() in _TITLES:
            continue  # "Mary, Queen of Scots": the apposition says who; no numeral is hers
        if word in answer or (before and before[-1].casefold() in _PLACE_PREPOSITIONS):
            continue  # "in Saxony" is a place, whoever "John of Saxony" is
        # The source uses the word as a name, the subject of its clause ("Long was
        # assassinated", "Richard sailed"): not an adjective ("Protestant leaders"), not
        # after one ("the largest Empire").
        doc = corpus.parse(index)
        if doc is None or not any(t.text == word and t.pos_ == "PROPN" and t.dep_ in (
                "nsubj", "nsubjpass") and not any(c.dep_ == "compound" for c in t.children)
                for t in doc):
            continue
        known = corpus.entity_by_text(word)
        if known is not None and known.kind == PLACE:
            continue
        full = _one_fuller_name(corpus, word)
        if full is not None and full not in prompt:
            return prompt[: m.start()] + full + prompt[m.end():]
    return prompt


def _one_fuller_name(corpus: Corpus, word: str) -> str | None:
    people = [corpus.entities[k] for k in corpus.people_named(word)]
    if any(p.kind != PERSON for p in people) or not people:
        return None
    longer = [p for p in people if len(p.name.split()) >= 2
              and word in (p.name.split()[0], p.name.split()[-1])
              # a name's words are capitalised but for its particles ("Louis at X" is none)
              and all(w[:1].isupper() or w in _PARTICLES for w in p.name.split())
              and not re.search(rf"\b(?:of|de|von|van|da|di)\s+{re.escape(word)}$", p.name)]
    if len(longer) == 1 and len(people) <= 2 and longer[0].name in corpus.full_text():
        return longer[0].name  # a name the document writes out, not one the extractor made
    if len(people) == 1 and people[0].name == word:
        cache = corpus.__dict__.setdefault("_regnal", {})
        if word not in cache:
            numerals = {n for p in corpus.passages
                        for n in re.findall(rf"\b{re.escape(word)} ({_NUMERAL})\b", p.text)}
            cache[word] = f"{word} {numerals.pop()}" if len(numerals) == 1 else None
        return cache[word]
    return None


def _full_person(corpus: Corpus, entity: Entity, short: str, index: int) -> Entity | None:
    """The one person with a longer name that ``short`` stands for, or None.

    Either the extractor tied the mention to them already, or the mention is a
    person of its own ("Edward") and exactly one other person of the document,
    named earlier, has that word in their name ("King Edward Marlow").
    """
    others = corpus.people_named(short) - {entity.key}
    if re.search(rf"\b(?:{'|'.join(_PARTICLES)})\s+{re.escape(short)}$", entity.name):
        return None  # "Naples" is a place even in "King of Naples"
    if len(entity.name.split()) >= 2 and norm(short) in norm(entity.name).split():
        return None if others else entity
    if len(entity.name.split()) != 1 or len(others) != 1:
        return None
    person = corpus.entities[next(iter(others))]
    earlier = min(corpus.passages_of.get(person.key, {index}), default=index)
    return person if earlier < index else None


def _names_capitalised(corpus: Corpus, prompt: str) -> str:
    """A name the parse took for a common word and lower-cased ("that cavour …") gets its
    capital back: the document never writes it in lower case."""
    proper = corpus.proper_words()
    if proper.isdisjoint(_LOWER_WORD.findall(prompt)):
        return prompt  # nothing to capitalise: skip a Python call per word
    return _LOWER_WORD.sub(lambda m: m.group(0)[:1].upper() + m.group(0)[1:]
                  if m.group(0) in proper else m.group(0), prompt)


def shared_short_name(cand: Candidate, corpus: Corpus) -> str | None:
    """A person named by one word that several people of the document share ("Lin")."""
    q = cand.question
    if q.passage is None:
        return None
    text = corpus.passages[q.passage].text
    # "on Edward's orders" names Edward as much as "Edward" does.
    words = {re.sub(r"['’]s$", "", w) for w in re.findall(r"[\w’'-]+", q.prompt)}
    for use in corpus.uses(q.passage):
        short = text[use.name_start : use.name_end]
        # Whatever kind the extractor gave the bare word, two people carry it.
        full_name_shown = use.entity.name != short and use.entity.name in q.prompt
        if (len(short.split()) == 1 and short in words and not full_name_shown
                and len(corpus.people_named(short) - {use.entity.key}) > 1):
            return short
    return None
