"""Relations between named entities, from generic English patterns.

Used by :mod:`content.ingest.facts`. Every pattern is plain English grammar, with
no names, events or places built in:

* kinship and succession: "X, the wife of Y", "Y's wife X", "Y and his wife X",
  "his son and successor X" (the pronoun resolved to an earlier person, the
  excerpt's topic or the document's main person);
* offices and command: "X, commander of Y", "Y under X", "X's <army>";
* verbs from the dependency parse: "X commanded Y", "Y was founded by X",
  "the actor who shot Y", "X surrendered to Y", "A, B and C met at ...";
* photo captions: "A with B", "A (left) and B (right)" -> "pictured with".

Each relation is a short phrase ("mother of", "commander of", "met"); a phrase
ending in "of" reads as "Who was the <noun> of <object>?", so only those that
name a single holder use that form.

The verb patterns are in :mod:`content.ingest.relation_verbs`, the passage's
lookups and the writer of a fact in :mod:`content.ingest.relation_finder`, the
kinship nouns in :mod:`content.ingest.kinship`.
"""

from __future__ import annotations

import re
from collections import Counter

from content.ingest.kinship import KIN
from content.ingest.names import normalize_key
from content.ingest.relation_verbs import VerbRelations
from content.ingest.types import (
    CAPTION,
    EVENT,
    GROUP,
    ORGANIZATION,
    PERSON,
    PLACE,
    Entity,
    Fact,
    Mention,
)

# Heads of military formations: "X's Army", "the Y Regiment under X" -> commander.
MILITARY_HEAD = re.compile(
    r"\b(?:Army|Armies|Corps|Division|Regiment|Brigade|Battalion|Fleet|Squadron|Legion|"
    r"Forces?|Company|Flotilla|Wing|Expeditionary|Infantry|Cavalry|Artillery|Navy)\b"
)
# Offices held by one person at a time, so "<title> of <place>" names one holder.
PLACE_OFFICES = {
    "president", "vice president", "prime minister", "premier", "chancellor", "king",
    "queen", "emperor", "empress", "paramount leader", "leader", "supreme leader",
    "chairman", "governor", "mayor", "ruler", "head of state", "dictator", "shah",
    "sultan", "tsar", "czar", "pharaoh", "regent", "viceroy", "president-elect",
}  # fmt: skip
# Appositive titles: "X, <title> of Y".
APPOSITIVE_TITLES = (
    r"founder|co-founder|commander|commander-in-chief|leader|head|president|vice president|"
    r"prime minister|chairman|chairwoman|director|editor|author|captain|governor|king|"
    r"queen|emperor|empress|ruler|member|owner|chancellor|premier|mayor|"
    r"secretary(?: of state)?|minister|ambassador|chief|general secretary|"
    r"secretary-general|superintendent|principal|dean|bishop|archbishop|abbot|"
    r"architect|designer|inventor|creator|publisher|composer|chief of staff|"
    r"chief executive|CEO|head coach|coach|manager|patron|namesake"
)

# "Soviet-funded Academy": the sponsor before the hyphen.
_SPONSORED = re.compile(r"-(funded|backed|led|sponsored|supported|financed)\s+(?:the\s+)?$")

# Lowercase words that may sit between two people in a caption ("A with the
# Japanese politician B"): connectors, articles and descriptors of a person.
_CAPTION_FILLER = {
    "the", "a", "an", "his", "her", "their", "fellow", "then", "future", "former", "later",
    "politician", "leader", "paramount", "general", "officer", "diplomat", "envoy",
    "minister", "president", "premier", "king", "queen", "emperor", "ambassador", "prime",
    "secretary", "commander", "governor", "senator", "admiral", "marshal", "colonel",
    "lieutenant", "captain", "major", "chairman", "writer", "poet", "journalist", "actor",
    "actress", "businessman", "missionary", "pilot", "scientist", "physicist", "chemist",
    "engineer", "inventor", "painter", "artist", "singer", "musician", "philosopher",
    "delegate", "aide", "adviser", "advisor", "official", "officials", "chief",
}  # fmt: skip
_CAPTION_LINK = re.compile(
    r"^(?:,\s*(?:and\s+)?|\s*and\s+|\s*(?:together\s+)?with\s+|\s*(?:meets?|meeting|greets?|"
    r"greeting|visits?|visiting)\s+(?:with\s+)?|\s*(?:and\s+)?[a-z]+ing\s+(?:[a-z]+\s+){0,2}"
    r"with\s+)"
)
_PAREN = re.compile(r"\s*\([^()]{0,20}\)")


def demonym_stem(word: str) -> str:
    """ "Japanese" -> "japan", "Korean" -> "kore", "Confederate" -> "confeder"."""
    word = word.casefold()
    for suffix in ("ese", "ian", "ean", "ish", "ate", "an", "ic", "i"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


class Relations(VerbRelations):
    """Relation facts for one passage: the text patterns here, the verbs inherited."""

    def run(self) -> list[Fact]:
        self.kinship()
        self.appositive_titles()
        self.places()
        self.military()
        self.sponsors()
        self.parts()
        if self.doc is not None:
            self.verbs()
        if self.passage_kind == CAPTION:
            self.caption_company()
        return self.facts

    def kinship(self) -> None:
        text = self.text
        people = self.people()
        # "X ... is/was the mother of Y" (also "... of his son Y", handled below too)
        for m in re.finditer(rf"\b(?:is|was)\s+(?:the|a|an)\s+(?:\w+\s+)?({KIN})\s+of\s+",
                             text):
            subj = next((p for p in reversed(people) if p.end <= m.start()), None)
            obj = next((p for p in people if p.start >= m.end() and p.start - m.end() < 40),
                       None)
            if subj and obj:
                self.add(subj, f"{m.group(1).lower()} of", obj, subj, 0.75)
        # "X, the wife of Y", "X, eldest son of Y"
        for m in re.finditer(rf",\s+(?:the\s+|a\s+|an\s+)?(?:[a-z]+\s+)?({KIN})\s+of\s+", text):
            subj = self.ending_before(m.start(), (PERSON,), " ")
            obj = self.starting_at(m.end(), (PERSON,))
            if subj and obj:
                self.add(subj, f"{m.group(1).lower()} of", obj, subj, 0.75)
        # "Y's wife X", "Y's eldest son, X"
        for m in re.finditer(rf"['’]s\s+(?:[a-z]+\s+)?((?:{KIN})(?:\s+and\s+(?:{KIN}))?),?\s+",
                             text):
            owner = self.ending_before(m.start() + 2, (PERSON,), "'’s")
            obj = self.starting_at(m.end(), (PERSON,))
            if owner and obj:
                for kin in re.split(r"\s+and\s+", m.group(1)):
                    self.add(obj, f"{kin.lower()} of", owner, obj, 0.7)
        # "his son and successor Y", "Y and his wife X", "her husband X"
        for m in re.finditer(rf"\b([Hh]is|[Hh]er|[Tt]heir)\s+(?:(?:eldest|elder|younger|youngest|"
                             rf"only|first|second|third|late|future|adopted)\s+)?"
                             rf"((?:{KIN})(?:\s+and\s+(?:{KIN}))?),?\s+", text):
            obj = self.starting_at(m.end(), (PERSON,))
            if obj is None:
                continue
            exclude = None
            # "X is the mother of his son Y": "his" is not X.
            if re.search(r"\b(?:is|was)\s+(?:the|a)\s+\w+\s+of\s+$", text[: m.start()]):
                first = next((p for p in people if p.end <= m.start()), None)
                exclude = first.entity if first else None
            owner = self.owner_of_pronoun(m.start(), exclude)
            for kin in re.split(r"\s+and\s+", m.group(2)):
                self.add(obj, f"{kin.lower()} of", owner, obj, 0.7)
        # "X, who ..., is arguably his most famous wife"
        for m in re.finditer(rf"\b(?:is|was)\s+(?:\w+\s+)?(his|her)\s+(?:[a-z]+\s+){{0,3}}?"
                             rf"({KIN})\b(?!\s+(?:and|of)\b)(?!\s+[A-Z])", text):
            subj = people[0] if people and people[0].start < m.start() else None
            if subj is None:
                continue
            owner = self.owner_of_pronoun(m.start(), subj.entity)
            self.add(subj, f"{m.group(2).lower()} of", owner, subj, 0.6)

    def appositive_titles(self) -> None:
        # "X, founder of the Y", "X, the commander of Y"
        for m in re.finditer(rf",\s+(?:the\s+|then\s+|later\s+|first\s+){{0,2}}"
                             rf"((?:{APPOSITIVE_TITLES})(?:-in-chief)?)\s+of\s+", self.text,
                             re.IGNORECASE):
            subj = self.ending_before(m.start(), (PERSON,), " ")
            obj = self.starting_at(m.end(), (ORGANIZATION, PLACE, EVENT))
            if subj and obj:
                title = m.group(1).lower()
                if self.kind(obj.entity) == PLACE and title not in PLACE_OFFICES | {
                    "founder", "co-founder", "architect", "designer", "owner"
                }:
                    continue
                self.add(subj, f"{title} of", obj, subj, 0.75)

    def places(self) -> None:
        # "Paris, the capital of France"
        for m in re.finditer(r",\s+(?:the\s+|then\s+|its\s+){0,2}(capital|largest city|seat)"
                             r"\s+of\s+", self.text):
            place = self.ending_before(m.start(), (PLACE,), " ")
            obj = self.starting_at(m.end(), (PLACE, ORGANIZATION))
            if place and obj:
                self.add(place, f"{m.group(1)} of", obj, place, 0.75)

    def sponsors(self) -> None:
        # "the Soviet-funded Academy", "a French-backed government"
        for org in self.mentions:
            if self.kind(org.entity) not in (ORGANIZATION, PLACE):
                continue
            m = _SPONSORED.search(self.text[max(0, org.start - 20) : org.start])
            sponsor: Mention | str | None = None
            if m:
                hyphen = max(0, org.start - 20) + m.start()
                sponsor = next((x for x in self.mentions if x.end == hyphen and x is not org
                                and self.kind(x.entity) in (PLACE, GROUP, ORGANIZATION,
                                                            PERSON)), None)
                verb = m.group(1)
            else:
                # The sponsor written inside the mention: "Soviet-funded X Academy".
                inner = re.match(r"([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)-(funded|backed|led|"
                                 r"sponsored|supported|financed)\s", org.text)
                if not inner:
                    continue
                verb = inner.group(2)
                sponsor = self.key_for(inner.group(1))
            if sponsor:
                self.add(org, f"{verb} by", sponsor, org, 0.6)

    def parts(self) -> None:
        # "the 3rd Air Unit of the Imperial Navy": a unit of a larger body.
        # "Jane Doe of the 3rd Air Unit": a member of it.
        for m in self.mentions:
            kind = self.kind(m.entity)
            if kind not in (ORGANIZATION, PERSON):
                continue
            pattern = (r"\s+of\s+(?:the\s+)?" if kind == ORGANIZATION
                       else r"\s+of\s+the\s+(?:\d+(?:st|nd|rd|th)\s+)?")
            after = re.match(pattern, self.text[m.end :])
            if after:
                whole = self.starting_at(m.end + after.end(), (ORGANIZATION,))
                if whole:
                    self.add(m, "part of" if kind == ORGANIZATION else "member of", whole, m, 0.6)

    def military(self) -> None:
        text = self.text
        for org in self.mentions:
            if self.kind(org.entity) != ORGANIZATION or not MILITARY_HEAD.search(org.text):
                continue
            # "Jane Doe's Army of the West" -> commander of
            person = self.ending_before(org.start, (PERSON,), " '’s")
            if person and re.search(r"['’]s?\s+(?:the\s+)?$", text[person.start : org.start]):
                self.add(person, "commander of", org, person, 0.7)
            # "the 5th Regiment under Colonel Doe"
            after = re.match(r"(?:,?\s+(?:in|at|near)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)?"
                             r",?\s+(?:led\s+by|commanded\s+by|under(?:\s+the\s+command\s+of)?)"
                             r"\s+(?:(?:[A-Z][\w.]*\s+){0,3}(?=[A-Z]))?", text[org.end :])
            if after:
                who = self.starting_at(org.end + after.end(), (PERSON,)) or next(
                    (p for p in self.people() if p.start >= org.end + after.start()
                     and p.start <= org.end + after.end() + 2), None)
                if who:
                    self.add(who, "commander of", org, who, 0.7)

    # -- captions -------------------------------------------------------------

    def caption_company(self) -> None:
        """ "A with B", "A (left) and B (right) meet": people pictured together."""
        people = self.people()
        if len(people) < 2:
            return
        first = people[0]
        lead = self.text[: first.start]
        if re.search(r"[a-z]", re.sub(r"[A-Z][\w.'’-]*|\b(?:the|former)\b", "", lead)) or (
            len(lead) > 50
        ):
            return  # the caption does not open with the person
        prev = first
        for person in people[1:]:
            between = self.text[prev.end : person.start]
            prev = person
            if person.entity == first.entity or (first.entity, person.entity) in self.pairs():
                continue
            if re.search(rf"\b(?:{KIN})s?\b", between, re.IGNORECASE):
                continue
            link = _CAPTION_LINK.match(_PAREN.sub("", between, count=1))
            if not link:
                continue
            rest = _PAREN.sub("", between)[link.end() :]
            rest = re.sub(r"(?:[A-Z][\w.'’-]*|['’]s\b)", " ", rest)
            words = [w for w in re.split(r"[\s,]+", rest.casefold()) if w]
            if any(w not in _CAPTION_FILLER for w in words):
                continue
            verb = re.search(r"\b(?:mee?t|greet|visit)", between + self.text[person.end :])
            # "A and B in 1945" may be two pictures side by side; "A with B", "A (left)
            # and B (right)" or "A and B meet" shows them together.
            if not (re.search(r"\bwith\b", between) or verb or _PAREN.match(between)):
                continue
            self.add(first, "met" if verb else "pictured with", person, first, 0.6)


def main_person(entities: dict[str, Entity], mentions: dict[int, list[Mention]]
                ) -> str | None:
    """The person the document is mostly about, when one clearly dominates."""
    count: Counter[str] = Counter(
        m.entity for ms in mentions.values() for m in ms
        if (e := entities.get(m.entity)) is not None and e.kind == PERSON
    )
    top = count.most_common(2)
    if not top:
        return None
    if len(top) == 1 or top[0][1] >= 2 * top[1][1]:
        return top[0][0]
    return None


def place_for_demonym(entities: dict[str, Entity], key: str) -> str | None:
    """ "Japanese" -> the document's "Japan" entity, if it has one."""
    entity = entities.get(key)
    if entity is None:
        return None
    words = entity.name.split()
    stem = " ".join([*(w.casefold() for w in words[:-1]), demonym_stem(words[-1])])
    if stem == normalize_key(entity.name) and not entity.name.endswith(("an", "ese", "ish")):
        return None
    best = None
    for other in entities.values():
        if other.kind != PLACE:
            continue
        for name in (other.name, *other.aliases):
            k = normalize_key(name)
            if k.startswith(stem) and len(k) - len(stem) <= 3 and len(k.split()) == len(words):
                if best is None or len(k) < len(normalize_key(entities[best].name)):
                    best = other.key
    return best
