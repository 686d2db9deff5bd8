"""Candidate entities in one passage: the model's, and generic patterns it misses.

Patterns find event phrases (:mod:`content.ingest.event_patterns`),
facilities and organisations by their head noun, and people the small model
calls an organisation. The document-level vote on each name's kind is in
:mod:`content.ingest.kind_votes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from content.ingest.event_patterns import EVENT_RULES
from content.ingest.names import (
    CAPSEQ,
    CAPSEQ_OF,
    CAPW,
    CJK,
    EVENT_OF_HEADS,
    KEPT_TITLE,
    NOBLE,
    ORG_HEADS,
    PLACE_HEADS,
)
from content.ingest.types import EVENT, GROUP, ORGANIZATION, PERSON, PLACE

if TYPE_CHECKING:
    from spacy.tokens import Doc


_SPACY_KINDS = {
    "PERSON": PERSON,
    "GPE": PLACE,
    "LOC": PLACE,
    "FAC": PLACE,
    "ORG": ORGANIZATION,
    "NORP": GROUP,
    "EVENT": EVENT,
}

# Bodies whose full name goes on after the head ("Order of the Garter").
_ORG_OF = (r"(?:Army|Armies|Navy|Order|Tribunal|Academy|University|Society|Bank|Institute|"
           r"League|Association|"
           r"Council|Committee|Commission|Federation|Union|Division|Ministry|Department)")

# (pattern, kind, weight, group that holds the name); the event phrases come first.
_RULES: list[tuple[re.Pattern[str], str, int, int]] = [
    *((pattern, EVENT, weight, group) for pattern, weight, group in EVENT_RULES),
    # King Name II, Emperor Name: a sovereign's title before one name is a person
    (re.compile(rf"\b(?:Emperor|Empress|King|Queen|Pope|Tsar|Czar|Sultan|Shah|Pharaoh|Caliph|"
                rf"Kaiser|Emir)\s+[A-Z][a-zà-ÿā-ž'’-]+\b(?![’'-])(?:\s+[IVX]+\b)?(?!\s*['’]s\b)"
                rf"(?!\s+(?:of\b|{CAPW}))"), PERSON, 2, 0),
    # Embassy of France in Spain; the Soviet embassy in Paris
    (re.compile(rf"\b(?:[A-Z][a-z]+\s+)?[Ee]mbassy(?:\s+of\s+{CAPSEQ})?\s+in\s+{CAPSEQ}"),
     PLACE, 3, 0),
    # ... Memorial Hall, ... National Park, ... Strait
    (re.compile(rf"\b{CAPSEQ_OF}\s+{PLACE_HEADS}\b(?!\s+(?:{ORG_HEADS})\b)"), PLACE, 2, 0),
    # Fort X; the X farm
    (re.compile(rf"\bFort\s+{CAPW}|\b{CAPSEQ}\s+(?:farm|plantation|ranch|estate|castle)\b"),
     PLACE, 2, 0),
    # ... Air Force, ... Military Academy
    (re.compile(rf"\b(?:{_ORG_OF}\s+of\s+(?:the\s+)?)?{CAPSEQ}\s+{ORG_HEADS}\b"),
     ORGANIZATION, 2, 0),
    # Order of the Garter, Tribunal for the Far East
    (re.compile(rf"\b(?:{CAPSEQ}\s+)?{_ORG_OF}\s+(?:of|for)\s+(?:the\s+)?{CAPSEQ}"),
     ORGANIZATION, 2, 0),
    # the Varnian National Congress: an assembly of that name is a body, not a meeting
    (re.compile(rf"\b(?:{CAPSEQ}\s+)?National\s+(?:Congress|Convention)\b"), ORGANIZATION, 4, 0),
]
_SCORE = re.compile(r"\b([A-Z][a-z]+)\s+(\d{1,3})\s?[–-]\s?(\d{1,3})\s+([A-Z][a-z]+)\b")
_TITLE_BEFORE = re.compile(r"\b([A-Z][a-z]+\.?)\s+$")
_NOBLE_OF = re.compile(rf"\b{NOBLE}\s+of\s+$")
_ROMANISED_NAME = re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+-[a-z]+")
PERSON_CUE = re.compile(
    r"\b(?:(?:his|her|their)\s+(?:" + "|".join(["wife", "husband", "son", "daughter", "mother",
                                                 "father", "brother", "sister", "successor"])
    + r")|(?:painted|photographed|written|drawn|composed|taken|founded|sculpted|directed)"
    r"\s+by)\s+$"
)
_LOCATIVE_HEADS = {
    "in", "at", "near", "into", "to", "from", "across", "toward", "towards", "enter",
    "reach", "capture", "occupy", "invade", "bomb", "besiege", "leave", "visit", "outside",
}  # fmt: skip
_PLACE_NOUN_AFTER = re.compile(
    r"^\s+(?:castle|city|province|river|station|harbou?r|port|district|county|fortress|"
    r"region|area|village|town)\b"
)



@dataclass
class Candidate:
    start: int
    end: int
    text: str
    kind: str
    weight: int
    rule: bool


def find_candidates(text: str, doc: Doc) -> list[Candidate]:
    out: list[Candidate] = []
    for pattern, kind, weight, group in _RULES:
        for m in pattern.finditer(text):
            start, end = m.span(group)
            out.append(Candidate(start, end, text[start:end], kind, weight, True))
    for m in _SCORE.finditer(text):
        # "Smith 6–4 Jones": two named participants around a score.
        for group in (1, 4):
            out.append(Candidate(m.start(group), m.end(group), m.group(group), PERSON, 2, True))
    for cand in out:
        # "Someone's Army of X": the possessor is another entity. (Places keep it:
        # "Ford's Theatre" is a name.)
        if cand.kind in (ORGANIZATION, EVENT) and not cand.text.startswith(
            ("Battle", "Siege")
        ):
            cut = max(cand.text.rfind("'s "), cand.text.rfind("’s "))
            if cut > 0 and cand.kind == ORGANIZATION:
                cand.start += cut + 3
                cand.text = text[cand.start : cand.end]
    rule_spans = select_candidates([c for c in out])
    spacy_cands: list[Candidate] = []
    for ent in doc.ents:
        kind = _SPACY_KINDS.get(ent.label_)
        if kind is None:
            continue
        start, end = ent.start_char, ent.end_char
        following = text[end : end + 2]
        if following.startswith(":"):
            continue  # a language label: "(French: ...)"
        if kind == PERSON:
            before = text[max(0, start - 20) : start]
            noble = _NOBLE_OF.search(before)
            title = _TITLE_BEFORE.search(before)
            if noble:
                start = max(0, start - 20) + noble.start()
            elif title and KEPT_TITLE.match(f"{title.group(1)} {ent.text}"):
                start = max(0, start - 20) + title.start(1)  # "Emperor X": the title is kept
            elif len(ent) == 1 and (
                ent.root.head.lemma_.lower() in _LOCATIVE_HEADS
                or _PLACE_NOUN_AFTER.match(text[end : end + 20])
            ):
                kind = PLACE  # one word after "in"/"entering": a place, not a person
        if kind == PERSON:
            end = _name_tail_end(text, start, end, len(ent) == 1 and start == ent.start_char)
        if CJK.search(ent.text) and not re.search(r"[A-Za-z]", ent.text):
            continue  # a name in CJK script is kept as an alias of the name before it
        if kind in (PLACE, GROUP) and " of " in ent.text and ent.label_ in ("GPE", "LOC"):
            # "Gate of City": two places unless the head is generic ("Republic of X").
            head, _, tail = ent.text.partition(" of ")
            head = re.sub(r"^(?:the|The)\s+", "", head)
            if re.fullmatch(r"[A-Z][a-z]+", head) and not re.fullmatch(
                rf"(?:Republic|Kingdom|Empire|State|States|Union|Isle|Gulf|Bay|Sea|"
                rf"{PLACE_HEADS}|City|Province|Duchy|Principality|{EVENT_OF_HEADS})", head
            ):
                tail_start = ent.start_char + ent.text.index(" of ") + 4
                spacy_cands.append(Candidate(start, tail_start - 4, head, PLACE, 1, False))
                spacy_cands.append(Candidate(tail_start, end, text[tail_start:end], PLACE, 1,
                                             False))
                continue
        if kind == ORGANIZATION and (
            _ROMANISED_NAME.fullmatch(ent.text)
            or PERSON_CUE.search(text[max(0, start - 40) : start])
        ) and not re.search(rf"\b(?:{ORG_HEADS}|{PLACE_HEADS})\b", ent.text):
            # "Given Family-name" shapes, and names right after "his wife" or "painted
            # by", are people the small model often calls an ORG.
            kind = PERSON
        if kind == PERSON and _quoted(text, start, end):
            continue  # inside a quoted title or headline
        spacy_cands.append(Candidate(start, end, text[start:end], kind, 1, False))
    # Adjacent model entities with nothing between them are one name cut in two.
    merged: list[Candidate] = []
    for cand in sorted(spacy_cands, key=lambda c: c.start):
        prev = merged[-1] if merged else None
        if (
            prev
            and prev.kind not in (GROUP,)
            and cand.kind not in (GROUP,)
            and text[prev.end : cand.start] == " "
            and cand.text[:1].isupper()
            # "Jane Doe's Army": a possessor and what it owns are two entities.
            and not re.search(r"['’]s?$", prev.text)
        ):
            prev.end = cand.end
            prev.text = text[prev.start : prev.end]
            if PERSON in (prev.kind, cand.kind):
                prev.kind = PERSON
            elif cand.kind in (PLACE, EVENT):
                prev.kind = cand.kind
            continue
        merged.append(cand)
    chosen = list(rule_spans)
    for cand in merged:
        overlapping = [r for r in rule_spans if cand.start < r.end and r.start < cand.end]
        if not overlapping:
            chosen.append(cand)
        elif cand.kind == PLACE and all(
            r.kind == EVENT and r.start <= cand.start and cand.end <= r.end
            and " of " not in text[r.start : cand.start] for r in overlapping
        ):
            # A place that qualifies an event ("the X River flood") is a place too;
            # in "Battle of X" the place is only part of the event's name.
            chosen.append(cand)
    return chosen


_PARTICLE = r"(?:de|di|da|del|della|dei|von|van|der|den|du|dos|das)"
# The model stops a name at its particle: "Cosimo de" of "Cosimo de' Medici".
_AFTER_PARTICLE = re.compile(r"['’]?\s+[A-Z][\w'’-]+")
_PARTICLE_AND_NAME = re.compile(rf"\s+{_PARTICLE}['’]?\s+[A-Z][\w'’-]+")
# "John of Damascus": a one-word name and its epithet ("of" and one place word).
_EPITHET = re.compile(r"\s+of\s+[A-Z][a-z’'-]+(?![\w’'-]|\s+[A-Z])")


def _name_tail_end(text: str, start: int, end: int, one_word: bool) -> int:
    """Where a person's name really ends: after its particles and their family name, or
    after the epithet of a one-word name."""
    for _ in range(3):
        if re.search(rf"\s{_PARTICLE}['’]?$", text[start:end]) and (
                m := _AFTER_PARTICLE.match(text, end)):
            end = m.end()
        elif m := _PARTICLE_AND_NAME.match(text, end):
            end = m.end()
        else:
            break
    if one_word and end == start + len(text[start:end].split()[0]) and (
            m := _EPITHET.match(text, end)):
        end = m.end()
    return end


def _quoted(text: str, start: int, end: int) -> bool:
    inner = re.sub(r"['’]s?$", "", text[start:end])
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 2]
    return bool(
        re.search(r"[\"“”]", inner)
        or before in ("\"", "“", "‘", "'")
        or (after[:1] in ("\"", "”", "’", "'") and after[1:2] != "s")
    )


def select_candidates(cands: list[Candidate]) -> list[Candidate]:
    """Longest, heaviest rule matches first; no overlaps."""
    cands = sorted(cands, key=lambda c: (-(c.end - c.start), -c.weight, c.start))
    taken: list[Candidate] = []
    for cand in cands:
        # Leading "the" is not part of a name.
        if any(cand.start < t.end and t.start < cand.end for t in taken):
            continue
        taken.append(cand)
    return taken
