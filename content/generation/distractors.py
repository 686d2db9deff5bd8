"""Wrong options for multiple-choice questions.

A distractor is the same kind of thing as the answer (a person for a person, a
year for a year), is never another name of the answer, and is plausible: from
the same topic and era when the document offers one. Years sit near the answer
but never symmetrically around it, which would let a student guess the middle.
"""

from __future__ import annotations

import dataclasses
import re

from rapidfuzz import fuzz

from content.generation import types as qt
from content.generation.corpus import YEAR_KIND, Candidate, Corpus
from content.generation.dated import head_noun
from content.generation.keys import chosen, question_key, rng_for, stable_hash
from content.generation.wording import contains_words, norm
from content.ingest.types import EVENT, ORGANIZATION, PERSON

MC_SHARE = 0.35  # of eligible open questions asked as multiple choice instead


def _too_close(a: str, b: str) -> bool:
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return True
    if na == nb or f" {na} " in f" {nb} " or f" {nb} " in f" {na} ":
        return True
    return fuzz.ratio(na, nb) >= 85


_ROLE_GROUPS = {
    "ruler": {"king", "queen", "emperor", "empress", "tsar", "czar", "sultan", "shah", "khan",
              "pharaoh", "caliph", "prince", "princess", "duke", "elector", "regent", "lord"},
    "head of government": {"president", "prime minister", "premier", "chancellor",
                           "chairman", "governor", "mayor", "leader", "paramount leader"},
    "soldier": {"general", "field marshal", "marshal", "admiral", "colonel", "col",
                "lt col", "major", "captain", "commander", "lieutenant", "generalissimo"},
    "cleric": {"pope", "bishop", "archbishop", "cardinal", "priest", "saint", "st",
               "father", "reverend", "rev", "abbot", "friar", "monk"},
    "scholar": {"dr", "doctor", "professor", "prof"},
}  # fmt: skip
_WORD_ROLE = {w: role for role, words in _ROLE_GROUPS.items() for w in words}
_ROLE_WORDS = "|".join(re.escape(w) for w in sorted(_WORD_ROLE, key=len, reverse=True))
_ROLE_WORD = re.compile(rf"\b({_ROLE_WORDS})\b")
# A title right before the name, or inside the mention ("General X" within the mention).
_ROLE_BEFORE = re.compile(rf"\b({_ROLE_WORDS})\b\.?(?=\s*(?:[a-z.\s]*$))")


def person_role_words(corpus: Corpus, key: str | None) -> set[str]:
    """The role words the document gives a person: the titles before their name ("General
    X"), the words of their offices ("president", "prime minister")."""
    cache = corpus.__dict__.setdefault("_role_words", {})
    if key in cache:
        return cache[key]
    found: set[str] = set()
    for i in corpus.passages_of.get(key or "", ()):
        text = corpus.passages[i].text
        for use in corpus.uses(i):
            if use.entity.key != key:
                continue
            before = text[max(0, use.mention.start - 30) : use.name_start].casefold()
            found.update(m.group(1) for m in _ROLE_BEFORE.finditer(before))
    for fact in corpus.extraction.facts:
        if fact.subject == key and fact.relation:
            found.update(m.group(1) for m in _ROLE_WORD.finditer(fact.relation.casefold()))
    cache[key] = found
    return found


def person_roles(corpus: Corpus, key: str | None) -> set[str]:
    """Roles the document gives a person (a ruler, a head of government, a soldier …)."""
    return {_WORD_ROLE[w] for w in person_role_words(corpus, key)}


def _looks_like_a_name(name: str, kind: str) -> bool:
    """ "This Great Migration", "Five Year Plan" offered as a person: not a name."""
    words = name.split()
    if not words or words[0].casefold() in ("this", "these", "that", "those", "a", "an"):
        return False
    if kind == PERSON and any(w.casefold() in ("plan", "migration", "record", "act", "war",
                                               "army", "company", "church", "river")
                              for w in words):
        return False
    return True


def entity_distractors(corpus: Corpus, cand: Candidate, seed: int) -> list[str] | None:
    key = cand.answer_entity
    answer = corpus.entities.get(key or "")
    if answer is None:
        return None
    q = cand.question
    answer_names = [*corpus.names(key), q.answer, *q.accepted]
    here = {u.entity.key for u in corpus.uses(q.passage)} if q.passage is not None else set()
    topics = corpus.entity_topics(answer.key)
    era = corpus.years.get(answer.key)
    head = head_noun(answer.name)
    roles = person_roles(corpus, answer.key) if answer.kind == PERSON else set()
    # "Who was the commander of …?": the role the question names is the one that counts.
    named = _ROLE_WORD.search(q.prompt.casefold())
    asked = _WORD_ROLE[named.group(1)] if named else None
    if asked:
        roles = {asked}
    if answer.kind == PERSON and not roles:
        return None  # no role known: any three people would be a guess at the same kind
    # "Who was the wife of X?": only people the document gives the same kinship can be options.
    kin = re.search(r"\b(?:the|[Ww]hose) (mother|father|son|daughter|wife|husband|brother|sister|"
                    r"grandson|granddaughter|grandfather|grandmother|uncle|aunt|nephew|niece|"
                    r"cousin)\b", q.prompt)
    kin_pool: set[str] | None = None
    if answer.kind == PERSON and kin:
        kin_pool = {f.subject for f in corpus.extraction.facts
                    if f.relation and kin.group(1) in f.relation and f.subject} | {
            f.object for f in corpus.extraction.facts
            if f.relation and kin.group(1) in f.relation and f.object}
    pool = []
    for e in corpus.entities.values():
        if e.kind != answer.kind or e.key == answer.key or e.key in here:
            continue
        if kin_pool is not None and e.key not in kin_pool:
            continue
        names = corpus.names(e.key)
        if any(_too_close(n, a) for n in names for a in answer_names):
            continue
        if any(contains_words(q.prompt, n) for n in names):
            continue
        if not any(ch.isalpha() for ch in e.name) or not e.name[:1].isupper():
            continue
        score = 0.0
        if topics & corpus.entity_topics(e.key):
            score += 2
        if era is not None and e.key in corpus.years:
            score -= min(abs(corpus.years[e.key] - era), 60) / 15
        if answer.kind in (EVENT, ORGANIZATION) and head_noun(e.name) != head:
            continue  # "which treaty?" with three battles as options answers itself
        if answer.kind == PERSON and len(e.name.split()) < 2:
            score -= 3
        # Same role: a ruler for a ruler, a general for a general; and when the question
        # names the office ("Who was the president …?"), that office, not its group (a prime
        # minister among presidents gives the answer away).
        if answer.kind == PERSON and roles and not (person_roles(corpus, e.key) & roles):
            continue
        if answer.kind == PERSON and named and named.group(1) not in person_role_words(
                corpus, e.key):
            continue
        if not _looks_like_a_name(e.name, answer.kind):
            continue
        score -= abs(len(e.name) - len(answer.name)) / 40
        pool.append((-score, stable_hash("distractor", e.key), e.name))
    pool.sort()
    picked: list[str] = []
    rng = rng_for(seed, "distractors", q.key)
    shortlist = [name for _, _, name in pool[:6]]
    rng.shuffle(shortlist)
    for name in [*shortlist, *[n for _, _, n in pool[6:]]]:
        if any(_too_close(name, p) for p in picked):
            continue
        picked.append(name)
        if len(picked) == 3:
            return picked
    return None


def year_distractors(cand: Candidate, seed: int) -> list[str] | None:
    year = cand.answer_year
    if year is None:
        return None
    rng = rng_for(seed, "years", cand.question.key)
    offsets = [k for k in range(-8, 9) if k]
    rng.shuffle(offsets)
    picked: list[int] = []
    for k in offsets:
        y = year + k
        if y in cand.true_years or y in picked or y <= 0:
            continue
        # No pair y-k / y+k, and the answer is not the midpoint of the options.
        if any(p - year == year - y for p in picked):
            continue
        trial = [*picked, y]
        if len(trial) == 3 and (min(trial + [year]) + max(trial + [year])) == 2 * year:
            continue
        # The answer is not the odd one out: options on both sides of it, and apart.
        if len(trial) == 3 and (all(t > year for t in trial) or all(t < year for t in trial)):
            continue
        if any(abs(p - y) < 2 for p in picked):
            continue
        picked.append(y)
        if len(picked) == 3:
            return [str(p) for p in picked]
    return None


def as_multiple_choice(corpus: Corpus, cand: Candidate, seed: int) -> Candidate | None:
    """The multiple-choice form of an open who/what/where/when question, when it has one."""
    q = cand.question
    if not cand.mc_ok or not chosen(MC_SHARE, q.key):
        return None
    if cand.answer_kind == YEAR_KIND:
        if not cand.year_prompt:
            return None
        options = year_distractors(cand, seed)
        prompt, answer, accepted = cand.year_prompt, str(cand.answer_year), []
    else:
        options = entity_distractors(corpus, cand, seed)
        prompt, answer, accepted = q.prompt, q.answer, list(q.accepted)
    if not options:
        return None
    choices = [answer, *options]
    key = question_key(
        qt.MULTIPLE_CHOICE, corpus.passages[q.passage].text, q.fact_kind, answer, q.key
    )
    rng_for(seed, "shuffle", key).shuffle(choices)
    question = dataclasses.replace(
        q,
        type=qt.MULTIPLE_CHOICE,
        prompt=prompt,
        answer=answer,
        accepted=accepted,
        choices=choices,
        key=key,
        difficulty=round(max(q.difficulty - 0.2, 0.0), 2),
    )
    return dataclasses.replace(cand, question=question)
