"""Year and date questions: when an event took place, when a person was pictured, life dates."""

from __future__ import annotations

import re
from collections.abc import Iterator

from content.generation import types as qt
from content.generation.corpus import YEAR_KIND, Candidate, Corpus, EntityUse, candidate
from content.generation.wording import past_forms, strip_parentheticals, tidy
from content.ingest.types import (
    CAPTION,
    DATED_EVENT,
    DAY,
    EVENT,
    LIFESPAN,
    MONTH,
    PERSON,
    YEAR,
    DateValue,
    Fact,
)

# Nouns that name something that happens, so "take place" fits them.
HAPPENINGS = {
    "war", "wars", "battle", "incident", "massacre", "rebellion", "revolt", "revolution",
    "uprising", "conference", "congress", "summit", "campaign", "offensive", "crisis",
    "affair", "riot", "riots", "coup", "putsch", "flood", "famine", "earthquake", "blockade",
    "siege", "expedition", "raid", "invasion", "landing", "landings", "bombing",
    "bombardment", "assassination", "election", "coronation", "parade", "ceremony",
    "ceremonies", "celebrations", "celebration", "strike", "march", "operation", "airlift",
    "evacuation", "occupation", "surrender", "fire", "eruption", "epidemic", "plague",
    "trial", "mutiny", "insurrection", "crusade", "retreat", "attack", "assault",
    "disaster", "explosion", "purge", "movement", "reform", "reforms", "exhibition", "games",
    "olympics", "voyage", "mission", "launch", "referendum", "convention", "council",
    "incursion", "skirmish", "clash", "clashes", "protest", "protests", "demonstration",
    "strikes", "lockout", "withdrawal", "truce", "armistice", "ceasefire", "meeting",
}  # fmt: skip
_AFTER_EVENT = re.compile(
    r"^(?P<tail>\s+(?:at|in|near|with|against|between|on)\s+[^;()]{2,60}?)?"
    r"(?:\s+(?:took\s+place|occurred|happened|was\s+fought|was\s+held|was\s+signed)|"
    r",?\s+(?P<participle>[a-z]{3,}ed))?"
    r"(?:\s*,\s*(?:in\s+|on\s+)?|\s+(?:in|on|of|during|from)\s+|\s+)$"
)
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|being)\b")


# Documents are made, not held: "When was the Mutiny Act passed?", not "take place".
DOCUMENT_VERBS = {
    **dict.fromkeys(("act", "acts", "bill", "statute", "law", "laws"), "passed"),
    **dict.fromkeys(("ordinance", "edict", "decree", "proclamation", "rescript"), "issued"),
    **dict.fromkeys(("treaty", "agreement", "pact", "accord", "protocol", "concordat",
                     "armistice"), "signed"),
    **dict.fromkeys(("charter", "constitution"), "adopted"),
}


def head_noun(name: str) -> str:
    """The noun a name is a kind of: "Battle of X" → battle, "X Incident" → incident."""
    words = re.findall(r"[\w'’-]+", name)
    if not words:
        return ""
    if "of" in words[1:]:
        return words[words.index("of", 1) - 1].casefold()
    if words[-1].casefold() in DOCUMENT_VERBS:
        return words[-1].casefold()  # "Mutiny Act" is an act, not a mutiny
    if words[0].casefold() in HAPPENINGS and len(words) > 1:
        return words[0].casefold()
    return words[-1].casefold()


def date_answer(date: DateValue, text: str) -> tuple[str, list[str], str]:
    """(answer, accepted, interrogative) for a date as written."""
    answer = text
    if date.precision in (DAY, MONTH) and not date.end_year:
        return answer, [str(date.year)], "When"
    if date.end_year and date.end_year != date.year:
        return answer, [], "When"
    if date.end_year and date.precision in (DAY, MONTH):
        return answer, [str(date.year)], "When"
    return answer, [], "In what year"


def _true_years(date: DateValue) -> set[int]:
    return set(range(date.year, (date.end_year or date.year) + 1))


def _article(text: str, start: int, desc: str) -> str:
    """ "the " before an event's name, except names that never take one ("Operation X")."""
    if desc.casefold().startswith("the "):
        return ""
    first = desc.split(" ", 1)[0]
    if first[:1].isupper() and first.casefold() in _NO_ARTICLE and \
            not re.search(r"\b[Tt]he\s+$", text[:start]):
        return ""
    return "the "


_NO_ARTICLE = {"operation", "project", "plan", "exercise"}


def _event_phrase(corpus: Corpus, index: int, fact: Fact) -> tuple[EntityUse, str, str] | None:
    """The event the date belongs to, its description, and the verb acting on it (if any)."""
    text = corpus.passages[index].text
    ds, de = fact.span or (-1, -1)
    if ds < 0:
        return None
    for use in corpus.uses(index):
        if use.entity.kind != EVENT:
            continue
        m = use.mention
        if m.end <= ds:
            between = text[m.end : ds]
            hit = _AFTER_EVENT.match(between)
            if not hit:
                continue
            desc = text[m.start : m.end] + (hit.group("tail") or "")
            if hit.group("participle"):
                desc = tidy(strip_parentheticals(desc)).rstrip(",")
                if desc.startswith("The "):
                    desc = "t" + desc[1:]
                article = _article(text, m.start, desc)
                return use, article + desc, hit.group("participle")
        elif m.start >= de and not text[de : m.start].strip():
            desc = text[m.start : m.end]
            if not re.search(r"\bthe\s+$", text[:ds]):
                continue
        else:
            continue
        desc = tidy(strip_parentheticals(desc)).rstrip(",")
        before = text[: min(m.start, ds)].rstrip()
        if re.search(r"\b(?:the|The)$", before):
            before = before[:-3].rstrip()
        verb = ""
        prev = re.search(r"([a-z]+)$", before)
        if (
            prev
            and past_forms(prev.group(1))
            and (
                prev.group(1).endswith("ed") or prev.group(1) in ("held", "fought", "signed", "won")
            )
        ):
            verb = past_forms(prev.group(1))[1]  # type: ignore[index]
        if desc.startswith("The "):
            desc = "t" + desc[1:]
        article = _article(text, m.start, desc)
        return use, article + desc, verb
    return None


def dated_events(corpus: Corpus) -> Iterator[tuple[int, Fact, EntityUse, str, str]]:
    """(fact index, fact, event use, description, verb) of each dated event fact that
    names its event in words a question can reuse."""
    for fi, fact in enumerate(corpus.extraction.facts):
        if fact.kind != DATED_EVENT or not fact.date or not fact.span:
            continue
        found = _event_phrase(corpus, fact.passage, fact)
        if found:
            yield (fi, fact, *found)


# Happenings that last: a single year said of them is a moment inside them, not their date.
DURATIVE = {"war", "wars", "revolution", "crusade", "dynasty", "reign", "occupation",
            "campaign", "era", "movement", "rebellion", "period", "empire", "uprising",
            "insurgency", "emergency", "depression", "famine", "siege", "blockade",
            "conquest", "expansion", "migration", "colonisation", "colonization",
            "reformation", "renaissance", "mission", "program", "programme"}  # fmt: skip
_BEGINS = re.compile(r"\b(?:began|begun|begins|broke out|started|outbreak|launched|"
                     r"declared|opened)\b", re.IGNORECASE)


def event_year_questions(corpus: Corpus) -> Iterator[Candidate]:
    for fi, fact, use, desc, verb in dated_events(corpus):
        answer, accepted, wh = date_answer(
            fact.date, corpus.passages[fact.passage].text[fact.span[0] : fact.span[1]]
        )
        durative = head_noun(use.entity.name) in DURATIVE and not fact.date.end_year
        if durative:
            # "In what year did the war take place?" → a year from inside it. Only its start.
            if not _BEGINS.search(corpus.passages[fact.passage].text):
                continue
            prompt = f"{wh} did {desc} begin?"
            year_prompt = f"In what year did {desc} begin?"
        elif verb:
            prompt = f"{wh} was {desc} {verb}?"
            year_prompt = f"In what year was {desc} {verb}?"
        elif head_noun(use.entity.name) in DOCUMENT_VERBS:
            made = DOCUMENT_VERBS[head_noun(use.entity.name)]
            prompt = f"{wh} was {desc} {made}?"
            year_prompt = f"In what year was {desc} {made}?"
        elif head_noun(use.entity.name) in HAPPENINGS:
            prompt = f"{wh} did {desc} take place?"
            year_prompt = f"In what year did {desc} take place?"
        else:
            continue
        yield candidate(
            corpus,
            qt.YEAR,
            prompt,
            answer,
            fact.passage,
            fact=fi,
            fact_kind=fact.kind,
            accepted=accepted,
            difficulty=0.55 if wh == "When" else 0.45,
            score=0.8 + 0.1 * fact.confidence,
            answer_kind=YEAR_KIND,
            answer_year=fact.date.year,
            true_years=_true_years(fact.date),
            year_prompt=year_prompt if not fact.date.end_year else "",
            features={"template": 1.0},
            mc_ok=not fact.date.end_year,
        )


_SCENE = re.compile(r"\s(?:(?:together\s+)?with|at|during|in|on|near|as|over|"
                    r"[a-z]{3,}ing)\b")
_DANGLING = re.compile(r"(?:[\s,]+(?:in|on|at|of|the|early|late|mid|during|from|by))+\s*$")


def pictured_questions(corpus: Corpus) -> Iterator[Candidate]:
    """A dated photo caption opening with a person: "When was X pictured with Y?"."""
    for fi, fact in enumerate(corpus.extraction.facts):
        if fact.kind != DATED_EVENT or not fact.date or not fact.span:
            continue
        index = fact.passage
        passage = corpus.passages[index]
        if passage.kind != CAPTION:
            continue
        first = next((u for u in corpus.uses(index) if u.mention.start == 0), None)
        if first is None or first.entity.kind != PERSON:
            continue
        text = passage.text
        # The date closes the caption (a place may follow); otherwise it dates something else.
        if not re.fullmatch(r"(?:,\s*[A-Z][\w .'-]*)?\.?\s*", text[fact.span[1] :]):
            continue
        rest = _DANGLING.sub("", text[first.mention.end : fact.span[0]])
        rest = tidy(strip_parentheticals(rest)) if rest.strip() else ""
        if rest.startswith(","):
            continue
        if _FINITE.search(rest) or re.match(r"^\w+s\b", rest):
            continue  # "Lee surrenders to …": a sentence, not a picture caption
        scene = _SCENE.search(" " + rest)
        names = rest[: scene.start()].strip() if scene else rest
        remainder = rest[scene.start() :].strip() if scene else ""
        if names and not names.startswith("and "):
            continue
        plural = bool(names)
        if not remainder and not plural:
            continue
        who = f"{first.entity.name} {names}".strip()
        answer, accepted, wh = date_answer(fact.date, text[fact.span[0] : fact.span[1]])
        verb = "were" if plural else "was"
        tail = f" {remainder}" if remainder else " together"
        prompt = f"{wh} {verb} {who} pictured{tail}?"
        year_prompt = prompt.replace("When ", "In what year ", 1)
        yield candidate(
            corpus, qt.YEAR, prompt, answer, index, fact=fi, fact_kind=fact.kind,
            accepted=accepted, difficulty=0.6, score=0.6, answer_kind=YEAR_KIND,
            answer_year=fact.date.year, true_years=_true_years(fact.date),
            year_prompt=year_prompt if not fact.date.end_year else "",
            features={"template": 1.0},
            mc_ok=not fact.date.end_year,
        )


def lifespan_questions(corpus: Corpus) -> Iterator[Candidate]:
    for fi, fact in enumerate(corpus.extraction.facts):
        if fact.kind != LIFESPAN or not fact.date or fact.date.precision != YEAR:
            continue
        person = corpus.entities.get(fact.subject or "")
        if person is None or person.kind != PERSON or not fact.date.end_year:
            continue
        born, died = fact.date.year, fact.date.end_year
        # "(1862–1890)" after a name in prose is as often a term of office as a life.
        if not 30 <= died - born <= 105:
            continue
        text = corpus.passages[fact.passage].text
        if corpus.passages[fact.passage].kind != CAPTION and not re.search(
                r"\b(?:born|died|b\.|d\.)\b", text):
            continue
        for slot, prompt, year, score in (
            ("born", f"In what year was {person.name} born?", born, 0.6),
            ("died", f"In what year did {person.name} die?", died, 0.5),
        ):
            yield candidate(
                corpus,
                qt.YEAR,
                prompt,
                str(year),
                fact.passage,
                fact=fi,
                fact_kind=fact.kind,
                difficulty=0.7,
                score=score,
                slot=slot,
                answer_kind=YEAR_KIND,
                answer_year=year,
                true_years={year},
                year_prompt=prompt,
                mc_ok=True,
            )
