"""Facts a question can be asked about, from passages, entities and the parse.

Kinds: dated events (one per distinct date in a passage), lifespans, quantities,
relations (kinship, succession, "capital of", "X Commander Y") and roles
(appositive titles such as "<Country> President <Name>").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from content.ingest.dates import DateMatch, find_dates
from content.ingest.names import PERSON_TITLES, normalize_key
from content.ingest.nlp import NlpResult
from content.ingest.relations import (
    PLACE_OFFICES,
    Relations,
    demonym_stem,
    main_person,
    place_for_demonym,
)
from content.ingest.types import (
    DATED_EVENT,
    EVENT,
    GROUP,
    LIFESPAN,
    ORGANIZATION,
    PERSON,
    PLACE,
    QUANTITY,
    RELATION,
    ROLE,
    Entity,
    Fact,
    Mention,
    ParsedDocument,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "hundred": 1e2}
APPROX = {"about", "approximately", "around", "some", "nearly", "almost", "roughly",
          "over", "more", "than", "less", "fewer", "least", "up", "to", "estimated", "c.",
          "circa", "at"}  # fmt: skip
# Counted nouns that are never a quantity answer ("two of them").
_NOT_UNITS = {"of", "and", "or", "to", "in", "the", "a", "an", "which", "who", "that"}
_ROLE_WORDS = sorted(
    [t for t in PERSON_TITLES if t not in ("the", "former", "u.s.", "sir", "mr", "mr.",
                                           "dr", "dr.", "prof.", "st.", "saint")],
    key=len, reverse=True,
)
_ROLE_RE = re.compile(r"(?:" + "|".join(re.escape(t) for t in _ROLE_WORDS) + r")",
                      re.IGNORECASE)


def _number_value(text: str) -> float | None:
    cleaned = text.replace(",", "").strip()
    try:
        return float(cleaned)
    except ValueError:
        return NUMBER_WORDS.get(cleaned.lower())


def _mentions_between(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if m.start >= start and m.end <= end]


class _Context:
    def __init__(self, parsed: ParsedDocument, nlp: NlpResult) -> None:
        self.parsed = parsed
        self.nlp = nlp
        self.entities = {e.key: e for e in nlp.entities}
        self.main_person = main_person(self.entities, nlp.by_passage)

    def kind(self, key: str | None) -> str | None:
        entity = self.entities.get(key or "")
        return entity.kind if entity else None

    def topic_person(self, index: int) -> str | None:
        topic = self.parsed.passages[index].topic
        if not topic:
            return None
        key = normalize_key(topic)
        for entity in self.nlp.entities:
            if entity.kind == PERSON and (
                entity.key == key or key in {normalize_key(a) for a in entity.aliases}
            ):
                return entity.key
        return None


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


def _main_subject(ctx: _Context, index: int, mentions: list[Mention], near: int) -> str | None:
    """The passage's main event, else its first person (or a pronoun's referent)."""
    events = [m for m in mentions if ctx.kind(m.entity) == EVENT]
    if events:
        return min(events, key=lambda m: abs(m.start - near)).entity
    people = [m for m in mentions if ctx.kind(m.entity) == PERSON]
    if people:
        return people[0].entity
    others = [m for m in mentions if ctx.kind(m.entity) in (ORGANIZATION, PLACE)]
    if others:
        return others[0].entity
    return ctx.topic_person(index)


def _lifespan_owner(text: str, date: DateMatch, mentions: list[Mention],
                    ctx: _Context) -> str | None:
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


def dated_facts(ctx: _Context, index: int, text: str, mentions: list[Mention]) -> list[Fact]:
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
        subject = _main_subject(ctx, index, mentions, date.start)
        confidence = 0.8 if subject else 0.55
        if value.precision == "decade":
            confidence -= 0.1
        facts.append(Fact(kind=DATED_EVENT, passage=index, subject=subject, answer=value.text,
                          date=value, span=(date.start, date.end),
                          context=_date_context(text, date), confidence=confidence))
    return facts


# --- quantities ------------------------------------------------------------


def _is_designation(doc: Doc, token: Token) -> bool:
    """'Type 92', 'Case 5', 'No. 5', 'I-16': a label, not an amount."""
    if token.i == 0:
        return False
    if re.search(r"(?:\bNo|\bNos|#|№)\.?\s*$", doc.text[max(0, token.idx - 5) : token.idx]):
        return True
    prev = doc[token.i - 1]
    if prev.text in ("No.", "#", "-", "–") or prev.text.lower() in ("no", "number"):
        return True
    return prev.text[:1].isupper() and prev.text.lower() not in APPROX and prev.pos_ in (
        "PROPN", "NOUN"
    )


def quantity_facts(ctx: _Context, index: int, doc: Doc, mentions: list[Mention],
                   date_spans: list[tuple[int, int]]) -> list[Fact]:
    facts: list[Fact] = []
    text = doc.text
    for token in doc:
        if not (token.like_num or token.lower_ in NUMBER_WORDS):
            continue
        if token.lower_ in ("one", "zero", "hundred") and token.dep_ != "nummod":
            continue
        if any(s <= token.idx < e for s, e in date_spans):
            continue
        if re.search(r"\d(?:st|nd|rd|th)$", token.text) or "-" in text[
            max(0, token.idx - 1) : token.idx
        ] or text[token.idx + len(token) : token.idx + len(token) + 1] in ("-", "‐"):
            continue  # ordinals and compounds ("eight-year-old", "I-16")
        if token.i + 1 < len(doc) and doc[token.i + 1].text in ("-", "–") and (
            token.i + 2 < len(doc) and doc[token.i + 2].like_num
        ):
            continue  # a score or range, handled elsewhere
        if _is_designation(doc, token):
            continue
        # A scale word belongs to the number before it ("3 million").
        if token.lower_ in SCALES and token.i > 0 and doc[token.i - 1].like_num:
            continue
        value = _number_value(token.text)
        if value is None:
            continue
        end_token = token
        if token.i + 1 < len(doc) and doc[token.i + 1].lower_ in SCALES:
            end_token = doc[token.i + 1]
            value *= SCALES[end_token.lower_]
        head = token.head if token.dep_ in ("nummod", "quantmod") else None
        if head is None or head.i <= token.i or head.pos_ not in ("NOUN", "PROPN"):
            nxt = doc[end_token.i + 1] if end_token.i + 1 < len(doc) else None
            if nxt is None or nxt.pos_ not in ("NOUN", "PROPN") or nxt.lower_ in _NOT_UNITS:
                continue
            head = nxt
        if head.i - end_token.i > 4 or head.lower_ in _NOT_UNITS or head.lower_ in (
            "year", "years"
        ) and token.text.isdigit() and len(token.text) == 4:
            continue
        unit = head.text if head.pos_ == "PROPN" else head.lemma_ if value == 1 else head.text
        if "-" in doc[end_token.i + 1 : head.i + 1].text and "year-old" in doc.text[
            token.idx : head.idx + len(head)
        ]:
            continue
        qualifier = " ".join(t.text for t in doc[max(0, token.i - 2) : token.i]
                             if t.lower_ in APPROX)
        answer = text[token.idx : end_token.idx + len(end_token)]
        subject = _main_subject(ctx, index, mentions, token.idx)
        facts.append(Fact(kind=QUANTITY, passage=index, subject=subject, answer=answer,
                          value=value, unit=unit,
                          span=(token.idx, end_token.idx + len(end_token)),
                          context=(qualifier + " " + answer + " " + unit).strip(),
                          confidence=0.75 if token.like_num else 0.6))
    unique: dict[tuple[float, str], Fact] = {}
    for fact in facts:
        unique.setdefault((fact.value or 0.0, fact.unit.casefold()), fact)
    facts = list(unique.values())
    # "Smith 106–105 Jones": a score for each side.
    for m in re.finditer(r"\b([A-Z][a-z]+)\s+(\d{1,3})\s?[–-]\s?(\d{1,3})\s+([A-Z][a-z]+)\b", text):
        for side, group in ((1, 2), (4, 3)):
            who = next((mm.entity for mm in mentions if mm.start == m.start(side)), None)
            facts.append(Fact(kind=QUANTITY, passage=index, subject=who, answer=m.group(group),
                              value=float(m.group(group)), unit="score",
                              span=m.span(group), context=m.group(0), confidence=0.5))
    return facts


# --- relations and roles ---------------------------------------------------


def _entity_at(mentions: list[Mention], start: int, end: int) -> Mention | None:
    for m in mentions:
        if m.start >= start and m.end <= end:
            return m
    return None


def _possessor(ctx: _Context, index: int, mentions: list[Mention], at: int,
               exclude: str | None) -> str | None:
    people = [m for m in mentions if m.end <= at and ctx.kind(m.entity) == PERSON
              and m.entity != exclude]
    if people:
        return people[-1].entity
    topic = ctx.topic_person(index) or ctx.main_person
    return topic if topic != exclude else None


def relation_facts(ctx: _Context, index: int, text: str, mentions: list[Mention],
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


def _title_owner(ctx: _Context, key: str, title: str) -> str | None:
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


def _role_facts(ctx: _Context, index: int, text: str, mentions: list[Mention]) -> list[Fact]:
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
    ctx = _Context(parsed, nlp)
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
