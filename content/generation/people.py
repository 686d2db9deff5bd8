"""Who and where questions: relations, offices, described people, where someone was."""

from __future__ import annotations

import re
from collections.abc import Iterator

from content.generation import types as qt
from content.generation.corpus import Candidate, Corpus, EntityUse, candidate
from content.generation.wording import (
    ANAPHORA,
    content_words,
    norm,
    past_forms,
    strip_parentheticals,
    tidy,
)
from content.ingest.dates import find_dates
from content.ingest.kinship import CORE_KIN
from content.ingest.types import DAY, GROUP, PERSON, RELATION, ROLE, DateValue, Entity

# Offices with one holder at a time, so "Who was the <office> in <date>?" has one answer.
OFFICES = {"president", "prime minister", "premier", "chancellor", "king", "queen",
           "emperor", "empress", "pope", "paramount leader", "chairman", "shah", "sultan",
           "tsar", "czar", "pharaoh", "commander-in-chief", "supreme leader", "dictator",
           "governor", "mayor", "head of state", "secretary-general", "general secretary",
           "regent", "viceroy", "caliph", "khan", "doge", "consul"}  # fmt: skip


def _person_answer(corpus: Corpus, key: str) -> tuple[str, list[str]]:
    e = corpus.entities[key]
    return e.name, corpus.accepted(key)


def _nameable(entity: Entity) -> bool:
    """ "the Confederate": a one-word adjective is no organisation to ask about."""
    return entity.kind == PERSON or len(entity.name.split()) > 1 or bool(entity.aliases)


def _other_holders(corpus: Corpus, index: int, obj: str, noun: str) -> list[int]:
    """Other passages that give the same office over ``obj`` to someone."""
    stem = noun.split()[-1][:5]
    if len(stem) < 4 or noun in CORE_KIN:
        return []
    found = []
    for i in corpus.passages_of.get(obj, ()):
        # The other holder may be unnamed by the extractor ("Grant commanded …"), so the
        # wording alone is enough to doubt that the question has one answer.
        if i != index and re.search(rf"\b{re.escape(stem)}", corpus.passages[i].text, re.I):
            found.append(i)
    return found


def _at(value: DateValue) -> str:
    """ " in 1921", " on 5 May 1921", " from 1920 to 1924"; nothing for a span of days."""
    if value.end_year and value.end_year != value.year:
        return f" from {value.year} to {value.end_year}"
    if value.end_month or value.end_day or value.end_year:
        return ""
    return f" on {value.text}" if value.precision == DAY else f" in {value.text}"


def _when_held(corpus: Corpus, index: int, others: list[int]) -> str:
    """ " from 1864 to 1865" when the passage has one date that no other holder's passage shares."""
    dates = corpus.dates(index)
    if len(dates) != 1:
        return ""
    value = dates[0].value
    years = set(range(value.year, (value.end_year or value.year) + 1))
    for i in others:
        for d in corpus.dates(i):
            if years & set(range(d.value.year, (d.value.end_year or d.value.year) + 1)):
                return ""
    text = corpus.passages[index].text[dates[0].start : dates[0].end]
    if value.end_year and value.end_year != value.year:
        return f" from {value.year} to {value.end_year}"
    if value.end_year or value.end_month or value.end_day:
        return ""  # "in 28 January to 25 May 1521" reads wrong; the question stands without
    return f" on {text}" if value.precision == DAY else f" in {text}"


def relation_questions(corpus: Corpus) -> Iterator[Candidate]:
    for fi, fact in enumerate(corpus.extraction.facts):
        if fact.kind != RELATION or not fact.subject or not fact.object or not fact.relation:
            continue
        subj = corpus.entities.get(fact.subject)
        obj = corpus.entities.get(fact.object)
        if subj is None or obj is None or subj.kind != PERSON or obj.kind == GROUP:
            continue
        if not _nameable(obj):
            continue
        rel = fact.relation.strip()
        noun = rel[:-3].strip() if rel.endswith(" of") else ""
        if not noun or not re.fullmatch(r"[a-z][a-z -]+", noun):
            continue
        when = ""
        others = _other_holders(corpus, fact.passage, obj.key, noun)
        if others:
            # Someone else held it too; the passage's own dates can still make
            # the question exact, if the other holders' passages do not share them.
            when = _when_held(corpus, fact.passage, others)
            if not when:
                continue
        obj_name = (
            obj.name if obj.kind == PERSON or obj.name.startswith("The ") else (f"the {obj.name}")
        )
        yield _who(corpus, f"Who was the {noun} of {obj_name}{when}?", fi, subj.key, score=0.9)
        shared = set(norm(subj.name).split()) & set(norm(obj.name).split())
        # "Whose wife was Mary Smith?" → "John Smith" is read off the surname.
        if noun in CORE_KIN and obj.kind == PERSON and not shared:
            answer, accepted = _person_answer(corpus, obj.key)
            yield candidate(
                corpus,
                qt.WHO,
                f"Whose {noun} was {subj.name}?",
                answer,
                fact.passage,
                fact=fi,
                fact_kind=fact.kind,
                accepted=accepted,
                difficulty=0.6,
                score=0.75,
                slot="inverse",
                answer_entity=obj.key,
                answer_kind=PERSON,
                mc_ok=True,
            )


def office_questions(corpus: Corpus) -> Iterator[Candidate]:
    """ "Japanese Prime Minister X … 2017" → "Who was the Japanese Prime Minister in 2017?"."""
    relations = {(f.passage, f.subject) for f in corpus.extraction.facts if f.kind == RELATION
                 and f.object in corpus.entities and _nameable(corpus.entities[f.object])}
    for fi, fact in enumerate(corpus.extraction.facts):
        if fact.kind != ROLE or not fact.subject or not fact.context:
            continue
        if fact.answer.casefold() not in OFFICES or (fact.passage, fact.subject) in relations:
            continue
        person = corpus.entities.get(fact.subject)
        if person is None or person.kind != PERSON:
            continue
        office = fact.context
        for name in sorted(corpus.names(person.key), key=len, reverse=True):
            if office.endswith(name):
                office = office[: -len(name)].strip()
                break
        else:
            continue
        if not office or not re.search(r"[A-Z]", office[0]):
            continue
        text = corpus.passages[fact.passage].text
        dates = find_dates(text)
        when = _at(dates[0].value) if len(dates) == 1 else ""
        if not when:
            continue  # without a date, "the President" has many holders
        if office.lower().startswith("former "):
            office = office[7:]
        article = "" if re.search(r"['’]s\b", office) else "the "
        yield _who(corpus, f"Who was {article}{office}{when}?", fi, person.key, score=0.7)


def _leading_person(corpus: Corpus, index: int) -> EntityUse | None:
    uses = corpus.uses(index)
    first = next((u for u in uses if u.mention.start == 0), None)
    if first is None or first.entity.kind != PERSON:
        return None
    return first


def described_person_questions(corpus: Corpus) -> Iterator[Candidate]:
    """ "X, founder of Y" → "Who was the founder of Y?"; "X, who moved to Y" → "Who moved to Y?"."""
    for index, passage in enumerate(corpus.passages):
        first = _leading_person(corpus, index)
        if first is None:
            continue
        text = passage.text
        rest = text[first.mention.end :]
        rest = re.sub(r"^\s*\([^()]*\)", "", rest)
        m = re.match(r"^\s*,\s+(.*)$", rest)
        if not m:
            continue
        desc = m.group(1)
        who_clause = desc.startswith("who ")
        if who_clause:
            desc = desc[4:]
            # Keep "…, but …" continuations, cut at the next clause.
            parts = re.split(r",\s+(?!but\b|and\b)", desc)
            desc = parts[0]
        else:
            desc = re.split(r",\s+|;\s+", desc)[0]
        desc = tidy(desc.rstrip("."))
        if (
            len(desc.split()) < 3
            or ANAPHORA.search(desc)
            or re.search(r"\b(?:his|her|their)\b", desc)
        ):
            continue
        has_name = any(u.mention.start > first.mention.end for u in corpus.uses(index))
        if not has_name and not re.search(r"\b(?:of|who|in|at)\b", desc):
            continue
        if who_clause:
            prompt = f"Who {desc}?"
        elif desc[:1].isupper() or desc.startswith(("the ", "a ", "an ")):
            prompt = f"Who was {desc}?"
        elif re.match(r"^[a-z]+ of\b", desc):
            prompt = f"Who was the {desc}?"
        else:
            continue
        if len(content_words(prompt)) < 3:
            continue
        answer, accepted = _person_answer(corpus, first.entity.key)
        yield candidate(
            corpus,
            qt.WHO,
            prompt,
            answer,
            index,
            difficulty=0.5,
            score=0.85,
            answer_entity=first.entity.key,
            answer_kind=PERSON,
            mc_ok=True,
            accepted=accepted,
        )


_LOCATIVE_VERBS = {"die", "move", "live", "settle", "return", "flee", "retire", "study",
                   "work", "travel", "emigrate", "escape", "arrive", "land", "serve", "teach",
                   "marry", "grow up", "be born", "be buried"}  # fmt: skip
_WHO_VERB = re.compile(r"\b(?:who|and|but)\s+((?:was\s+)?[a-z]+)\s+(?:in|to|at)\s+$")


def where_questions(corpus: Corpus) -> Iterator[Candidate]:
    for index, passage in enumerate(corpus.passages):
        first = _leading_person(corpus, index)
        if first is None:
            continue
        text = passage.text
        for use in corpus.uses(index):
            if use.entity.kind != "place" or use.mention.start <= first.mention.end:
                continue
            before = text[first.mention.end : use.mention.start]
            m = _WHO_VERB.search(before)
            if m:
                verb = m.group(1)
                if verb.startswith("was "):
                    forms = ("be " + verb[4:], "")
                else:
                    forms = past_forms(verb)  # type: ignore[assignment]
                if not forms or forms[0] not in _LOCATIVE_VERBS:
                    continue
                base = forms[0]
                after = text[use.mention.end :]
                tail = re.match(r"^\s+(after|before|during)\s+([^,;.]+)", after)
                extra = f" {tail.group(1)} {tail.group(2)}" if tail else ""
                name = first.entity.name
                if base.startswith("be "):
                    prompt = f"Where was {name} {base[3:]}{extra}?"
                else:
                    prompt = f"Where did {name} {base}{extra}?"
                yield candidate(
                    corpus,
                    qt.WHERE,
                    prompt,
                    use.entity.name,
                    index,
                    difficulty=0.5,
                    score=0.8,
                    answer_entity=use.entity.key,
                    answer_kind="place",
                    mc_ok=True,
                    accepted=corpus.accepted(use.entity.key),
                )
                continue
            yield from _pictured_where(corpus, index, first, use)


def _pictured_where(
    corpus: Corpus, index: int, first: EntityUse, use: EntityUse
) -> Iterator[Candidate]:
    """A caption "X with Y in Cairo, Egypt, November 1943" → "Where was X pictured with Y …?"."""
    passage = corpus.passages[index]
    text = passage.text
    if passage.kind != "caption":
        return
    lead = text[first.mention.end : use.mention.start]
    if not re.search(r"\s(?:in|at)\s+$", lead) or re.search(r"\b(?:is|are|was|were)\b", lead):
        return
    people_span = lead[: re.search(r"\s(?:in|at)\s+$", lead).start()]  # type: ignore[union-attr]
    # Only names, "and", "with" and asides may stand between the person and the place.
    covered = set()
    for u in corpus.uses(index):
        covered.update(range(u.mention.start, u.mention.end))
    offset = first.mention.end
    leftovers = "".join(ch for i, ch in enumerate(people_span) if i + offset not in covered)
    leftovers = re.sub(r"\([^()]*\)", " ", leftovers)
    if re.sub(r"\b(?:with|and|his|her|wife|husband|son|daughter)\b|[\s,.]", "", leftovers):
        return
    answer = use.entity.name
    after = text[use.mention.end :]
    country = re.match(r"^,\s+([A-Z][\w .'-]+?)(?=,|$|\s+in\b|\s+on\b)", after)
    accepted = corpus.accepted(use.entity.key)
    if country and corpus.entity_by_text(country.group(1)) is not None:
        accepted = [*accepted, answer]
        answer = f"{answer}, {country.group(1)}"
    dates = find_dates(text)
    when = _at(dates[0].value) if len(dates) == 1 else ""
    plural = " and " in people_span or people_span.startswith(",")
    names = tidy(strip_parentheticals(first.entity.name + people_span))
    if not when and not re.search(r"\bwith\b", people_span):
        return
    verb = "were" if plural and not re.search(r"\bwith\b", people_span) else "was"
    prompt = f"Where {verb} {names} pictured{when}?"
    yield candidate(
        corpus,
        qt.WHERE,
        prompt,
        answer,
        index,
        difficulty=0.6,
        score=0.65,
        answer_entity=use.entity.key,
        answer_kind="place",
        mc_ok=not country,
        accepted=accepted,
    )


def _who(corpus: Corpus, prompt: str, fi: int, person_key: str, *, score: float) -> Candidate:
    """A "Who …?" candidate whose answer is a person of the corpus, offered as MC too."""
    fact = corpus.extraction.facts[fi]
    answer, accepted = _person_answer(corpus, person_key)
    return candidate(
        corpus,
        qt.WHO,
        prompt,
        answer,
        fact.passage,
        fact=fi,
        fact_kind=fact.kind,
        accepted=accepted,
        difficulty=0.5,
        score=score,
        answer_entity=person_key,
        answer_kind=PERSON,
        mc_ok=True,
    )
