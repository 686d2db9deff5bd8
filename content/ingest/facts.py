"""Facts a question can be asked about, from passages, entities and the parse.

Kinds: dated events (one per distinct date in a passage), lifespans, quantities,
relations (kinship, succession, "capital of", "X Commander Y") and roles
(appositive titles such as "<Country> President <Name>").

Quantities are read in :mod:`content.ingest.quantities`, relations found by
:mod:`content.ingest.relations`; this module runs them all over each passage.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from content.ingest.dates import DateMatch, find_dates
from content.ingest.fact_context import FactContext, main_subject
from content.ingest.names import PERSON_TITLES
from content.ingest.nlp import NlpResult
from content.ingest.quantities import quantity_facts
from content.ingest.relations import (
    PLACE_OFFICES,
    Relations,
    demonym_stem,
    place_for_demonym,
)
from content.ingest.types import (
    DATED_EVENT,
    GROUP,
    LIFESPAN,
    ORGANIZATION,
    PERSON,
    PLACE,
    RELATION,
    ROLE,
    Entity,
    Fact,
    Mention,
    ParsedDocument,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

_ROLE_WORDS = sorted(
    [t for t in PERSON_TITLES if t not in ("the", "former", "u.s.", "sir", "mr", "mr.",
                                           "dr", "dr.", "prof.", "st.", "saint")],
    key=len, reverse=True,
)
_ROLE_RE = re.compile(r"(?:" + "|".join(re.escape(t) for t in _ROLE_WORDS) + r")",
                      re.IGNORECASE)



def _mentions_between(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if m.start >= start and m.end <= end]


# --- dates -----------------------------------------------------------------

_DATE_GLUE = re.compile(r"(?:,?\s*(?:\b(?:in|on|of|from|during|since|by|until|around|circa|"
                        r"c\.|between|the)\s+)*)$", re.IGNORECASE)


def _date_context(text: str, date: DateMatch) -> str:
    """The clause around a date, without the date: what happened then."""
    stops = [text.rfind(sep, 0, date.start) for sep in (". ", "; ")]
    start = max((i + 2 for i in stops if i >= 0), default=0)
    end_candidates = [i for i in (text.find(". ", date.end), text.find("; ", date.end)) if i > 0]
    end = min(end_candidates) if end_candidates else len(text)
    before = _DATE_GLUE.sub("", text[start : date.start]).rstrip(" ,(–-")
    after = text[date.end : end].strip(" .,)")
    # Keep what follows only when it continues the clause ("..., three days after X").
    if after and not re.match(r"^(?:\(|,?\s*(?:and|but)\b)", after) and len(before) < 12:
        return (before + " " + after).strip(" ,.")
    if after and text[date.end : date.end + 1] == ",":
        tail = after.lstrip(", ")
        if tail[:1].islower() and len(before) < 40:
            return (before + ", " + tail).strip(" ,.")
    return before.strip(" ,.") or after.strip(" ,.")


def _lifespan_owner(text: str, date: DateMatch, mentions: list[Mention],
                    ctx: FactContext) -> str | None:
    # "Name (alias, 1850–1920)": the date closes a parenthesis opened after a person.
    open_paren = text.rfind("(", 0, date.start)
    if open_paren < 0 or ")" in text[open_paren : date.start]:
        return None
    if not re.match(r"^\s*\)", text[date.end :]):
        return None
    people = [m for m in mentions if m.end <= open_paren and ctx.kind(m.entity) == PERSON]
    if people and not text[people[-1].end : open_paren].strip(" ,'’s"):
        return people[-1].entity
    return None


def dated_facts(ctx: FactContext, index: int, text: str, mentions: list[Mention]) -> list[Fact]:
    facts: list[Fact] = []
    seen: set[tuple[int, int | None, str]] = set()
    for date in find_dates(text):
        value = date.value
        ident = (value.year, value.end_year, value.text)
        if ident in seen:
            continue
        seen.add(ident)
        owner = _lifespan_owner(text, date, mentions, ctx) if value.end_year else None
        if owner:
            facts.append(Fact(kind=LIFESPAN, passage=index, subject=owner, answer=value.text,
                              date=value, span=(date.start, date.end),
                              context=f"life of {ctx.entities[owner].name}", confidence=0.9))
            continue
        subject = main_subject(ctx, index, mentions, date.start)
        confidence = 0.8 if subject else 0.55
        if value.precision == "decade":
            confidence -= 0.1
        facts.append(Fact(kind=DATED_EVENT, passage=index, subject=subject, answer=value.text,
                          date=value, span=(date.start, date.end),
                          context=_date_context(text, date), confidence=confidence))
    return facts


# --- relations and roles ---------------------------------------------------


def _entity_at(mentions: list[Mention], start: int, end: int) -> Mention | None:
    for m in mentions:
        if m.start >= start and m.end <= end:
            return m
    return None


def _possessor(ctx: FactContext, index: int, mentions: list[Mention], at: int,
               exclude: str | None) -> str | None:
    people = [m for m in mentions if m.end <= at and ctx.kind(m.entity) == PERSON
              and m.entity != exclude]
    if people:
        return people[-1].entity
    topic = ctx.topic_person(index) or ctx.main_person
    return topic if topic != exclude else None


def relation_facts(ctx: FactContext, index: int, text: str, mentions: list[Mention],
                   doc: Doc | None = None) -> list[Fact]:
    """Kinship, succession, office, command and meeting relations, then roles."""
    passage = ctx.parsed.passages[index]

    def owner_of_pronoun(at: int, exclude: str | None) -> str | None:
        return _possessor(ctx, index, mentions, at, exclude)

    facts = Relations(ctx.entities, index, text, doc, mentions, passage.kind,
                      owner_of_pronoun, ctx.topic_person(index)).run()
    facts.extend(_role_facts(ctx, index, text, mentions))
    return facts


_RANKS = re.compile(r"(?:(?:vice|rear|lieutenant|major|brigadier|second|first)\s+)?"
                    r"(?:general|colonel|major|captain|lieutenant|sergeant|corporal|private|"
                    r"admiral|commodore|marshal|field marshal|generalissimo)", re.IGNORECASE)


def _title_owner(ctx: FactContext, key: str, title: str) -> str | None:
    """What a title before a name belongs to, as an entity key, or None.

    "Japanese Prime Minister" -> the document's Japan; "Muslim General" or
    "Confederate General" -> nothing: an adjective of side or faith is no
    office-holder's organisation, and a rank is not an office of a country.
    """
    entity = ctx.entities.get(key)
    if entity is None:
        return None
    word = title.lower().removeprefix("former ").strip()
    single_adjective = (len(entity.name.split()) == 1 and not entity.name.isupper()
                        and demonym_stem(entity.name) != entity.name.casefold())
    if entity.kind in (GROUP, ORGANIZATION) and (entity.kind == GROUP or single_adjective):
        place = place_for_demonym(ctx.entities, key)
        if place is None:
            # "South Korean President X": the people's office, when there is no place
            # to name; a side ("Confederate") tagged as an organisation is dropped.
            return key if entity.kind == GROUP and word in PLACE_OFFICES else None
        key, entity = place, ctx.entities[place]
    if entity.kind == PLACE and word not in PLACE_OFFICES:
        return None  # "U.S. Lieutenant General X": a nationality, not an office
    if entity.kind == ORGANIZATION and _RANKS.fullmatch(word) and len(entity.name.split()) < 2:
        return None
    return key


def _role_facts(ctx: FactContext, index: int, text: str, mentions: list[Mention]) -> list[Fact]:
    """'<Org|Country> <Title> <Person>' and '<Person>, <Title> of/in ...'."""
    facts: list[Fact] = []
    for person in (m for m in mentions if ctx.kind(m.entity) == PERSON):
        before = text[max(0, person.start - 60) : person.start]
        # Title words right before the name as written (the mention may include them).
        written = text[person.start : person.end]
        inner = _ROLE_RE.match(written)
        title_match = re.search(
            r"(?<![\w-])((?:" + _ROLE_RE.pattern + r")(?:\s+(?:" + _ROLE_RE.pattern
            + r"))*)\s*$", before, re.IGNORECASE
        ) or re.search(r"(?<![\w-])([a-z]+(?: [a-z]+)?)\s*$", before)
        title = ""
        title_start = person.start
        if inner and inner.end() < len(written) and written[inner.end()] == " ":
            title = written[: inner.end()]
        elif title_match and _ROLE_RE.fullmatch(title_match.group(1).split()[-1] or "") and (
            title_match.group(1)[:1].isupper()
        ):
            title = title_match.group(1).strip()
            title_start = person.start - len(before) + title_match.start(1)
        elif title_match and re.fullmatch(r"politician|leader|diplomat|general|commander|"
                                          r"officer|minister|president|ruler|king|queen|"
                                          r"paramount leader|emperor|envoy|writer|poet|"
                                          r"journalist|missionary|businessman|pilot",
                                          title_match.group(1).strip().lower()):
            title = title_match.group(1).strip()
            title_start = person.start - len(before) + title_match.start(1)
        if not title:
            # Appositive after the name: "X, Allied Commander-in-Chief in ..."
            after = re.match(r",\s+((?:[A-Z][\w-]*\s+){0,3}(?:" + _ROLE_RE.pattern
                             + r")(?:-in-[Cc]hief)?(?:\s+(?:of|in)\s+(?:the\s+)?"
                             r"[A-Z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2})?)", text[person.end:])
            if after:
                facts.append(Fact(kind=ROLE, passage=index, subject=person.entity,
                                  answer=after.group(1), relation="role",
                                  span=(person.end + after.start(1), person.end + after.end(1)),
                                  context=after.group(1), confidence=0.6))
            continue
        if title.lower() in ("former", "the"):
            continue
        # The organisation or country the title belongs to, written just before it.
        owner = next((m for m in mentions if m.end <= title_start
                      and not text[m.end : title_start].strip(" '’s")
                      and ctx.kind(m.entity) in (ORGANIZATION, PLACE, GROUP)), None)
        owner_key = _title_owner(ctx, owner.entity, title) if owner else None
        relation = f"{title.lower()} of" if owner_key else "role"
        facts.append(Fact(kind=ROLE, passage=index, subject=person.entity, answer=title,
                          relation=relation, object=owner_key,
                          span=(title_start, person.start + len(written)),
                          context=text[(owner.start if owner else title_start) : person.end],
                          confidence=0.7 if owner_key else 0.6))
        if owner and owner_key == owner.entity and ctx.kind(owner.entity) == ORGANIZATION:
            facts.append(Fact(kind=RELATION, passage=index, subject=person.entity,
                              answer=text[person.start : person.end],
                              relation=f"{title.lower()} of",
                              object=owner.entity, span=(person.start, person.end),
                              context=text[owner.start : person.end], confidence=0.7))
    return facts


def extract_facts(parsed: ParsedDocument, nlp: NlpResult) -> list[Fact]:
    ctx = FactContext(parsed, nlp)
    facts: list[Fact] = []
    for index, passage in enumerate(parsed.passages):
        mentions = nlp.by_passage.get(index, [])
        text = passage.text
        dated = dated_facts(ctx, index, text, mentions)
        facts.extend(dated)
        spans = [f.span for f in dated if f.span]
        facts.extend(quantity_facts(ctx, index, nlp.docs[index], mentions, spans))
        facts.extend(relation_facts(ctx, index, text, mentions, nlp.docs[index]))
    return facts


def entity_name(entities: dict[str, Entity], key: str | None) -> str | None:
    entity = entities.get(key or "")
    return entity.name if entity else None
