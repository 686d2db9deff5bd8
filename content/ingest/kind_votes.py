"""The document-level vote on what kind of thing a name is.

Around each mention, :func:`note_usage` counts cues that show a name used as an
organisation ("the X government", "member of the X") or as a person (a lifespan,
"who", "born", "he" after it). :func:`check_organisations` then keeps an
organisation only when it looks like one or is used as one.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from content.ingest.candidates import PERSON_CUE
from content.ingest.names import CAPW, ORG_HEADS, TITLE_RE
from content.ingest.types import EVENT, ORGANIZATION, PERSON, PLACE

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from content.ingest.candidates import Candidate


# What an organisation's name looks like: a head noun or an acronym.
_ORG_LOOK = re.compile(
    rf"\b(?:{ORG_HEADS}|Rifles|Guards|Legion|Board|Cabinet|Synod|Front|Trust|Fund|Consultants|"
    r"Inc|Ltd|Co|Airlines|Airways|Railways?|Railroad|Team|Confederation|Commonwealth|Mission|"
    r"Secretariat|Chamber|Junta|Regime|Brotherhood|Institution|Journal|Tribune|News|Chronicle|"
    r"Review|Daily|Movement|Congress|Diet|FC)\b|\b(?:government|army|navy|party|magazine|newspaper|"
    r"forces|troops|company|council|league|ministry|church|university|committee|commission)\b"
)
_STATE = re.compile(r"\b(?:Empire|Kingdom|Republic|Caliphate|Sultanate|Khanate|Shogunate|"
                    r"Federation|Principality|Duchy|Emirate)\b")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}(?:-[A-Z0-9]{1,3})?|(?:[A-Z]\.){2,6}")
# Context that shows a name used as an organisation: "the X government", "X
# Commander", "member of the X", "joined the X".
_ORG_AFTER = re.compile(
    r"^\s+(?:policy|policies|government|troops|forces|members?|leaders?|leadership|officials?|"
    r"delegation|delegates|regime|headquarters|commanders?|chairman|president|founder|magazine|"
    r"newspaper|journal|soldiers|army|party|spokesman|spokeswoman|representatives|officers|"
    r"pilots|agents|branch|offices?|cadres|militia|fighters|guerrillas|units?|ranks|manifesto|"
    r"ideology|rule|control|membership|congress|conference|volunteers|aircraft)\b",
    re.IGNORECASE,
)
_ORG_BEFORE = re.compile(
    r"\b(?:(?:member|members|leader|leaders|head|chairman|founder|founders|president|director|"
    r"spokesman|ranks|leadership|membership)\s+of|joined|founded|formed|dissolved|banned|"
    r"outlawed)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Context that shows a name used as a person: a lifespan, "who", "born", a
# possessive of kin or of a life, "by X of the Y" (a member of Y).
_PERSON_AFTER = re.compile(
    r"^(?:\s*\([^()]*\b\d{3,4}\s*[–-]\s*\d{2,4}\)|\s*,?\s*(?:who|whom|whose)\b|"
    r"\s+(?:was\s+)?(?:born|died)\b|\s*\((?:born|b\.|died|d\.)\s|"
    r"['’]s\s+(?:wife|husband|son|daughter|father|mother|brother|sister|death|birth|life|"
    r"childhood|marriage|funeral|grave|tomb|biography|successor|followers|disciples)\b)"
)
# Where a person never stands: "the church of X", "held in X", "at X" (not "in X's reign").
_PLACE_BEFORE = re.compile(
    r"\b(?:(?:church|cathedral|basilica|monastery|abbey|chapel|mosque|temple|shrine|convent|"
    r"priory|apse|nave|dome|altar|crypt|courtyard|walls|gates|ruins)\s+of|in|at|inside|into)"
    r"\s+$", re.IGNORECASE)
_BY_MEMBER = re.compile(r"\bby\s+$")
_OF_THE_ORG = re.compile(rf"^\s+of\s+the\s+(?:{CAPW}\s+)*?{CAPW}\s+{ORG_HEADS}\b")
# Verbs whose subject is a person (an organisation rarely "dies" or "marries").
_HUMAN_VERBS = {
    "die", "marry", "bear", "study", "preach", "believe", "think", "feel", "live", "wed",
    "baptize", "baptise", "graduate", "retire", "resign", "pray", "confess", "weep", "love",
}  # fmt: skip
_PERSON_PRONOUN_AFTER = re.compile(r"^[^.;]{0,60}?\b(?:he|she|his|her|him)\b")


def note_usage(counts: Counter[str], text: str, doc: Doc, cand: Candidate) -> None:
    """Count the cues around one mention that show it is used as an organisation or a person."""
    before, after = text[max(0, cand.start - 60) : cand.start], text[cand.end : cand.end + 80]
    counts["mention"] += 1
    if _PLACE_BEFORE.search(before) and not re.match(r"['’]s?\b", after):
        counts["place"] += 1
    if _ORG_AFTER.match(after) or _ORG_BEFORE.search(before):
        counts["org"] += 1
    if (_PERSON_AFTER.match(after) or PERSON_CUE.search(before)
            or _BY_MEMBER.search(before) and _OF_THE_ORG.match(after)):
        counts["person"] += 1
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None:
        return
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass"):
        counts["subject"] += 1
        if root.head.lemma_.lower() in _HUMAN_VERBS:
            counts["person"] += 1
        # "X ... he/his": a pronoun after a subject in the same clause refers to it.
        if root.dep_ == "nsubj" and _PERSON_PRONOUN_AFTER.match(after) and not any(
            t.ent_type_ == "PERSON" for t in doc if t.idx >= cand.end and t.idx < cand.end + 60
        ):
            counts["pronoun"] += 1


def check_organisations(kind_of: dict[str, Any], votes: dict[str, Counter[str]],
                         usage: dict[str, Counter[str]], display: dict[str, str],
                         surnames: set[str]) -> None:
    """An organisation must look like one, or be used as one; people and places are retyped.

    In order: a name the document uses as a person (a PERSON reading anywhere, a person
    title, a lifespan, "who", "born", "he" after it) is a person; a name with an
    organisation head noun or an acronym stays; a name read as a place anywhere is a
    place; a name used as an organisation ("the X government", "member of the X") or
    as the subject of two sentences stays; anything else is a fragment and is dropped
    (``None``).
    """
    for key, kind in kind_of.items():
        if kind != ORGANIZATION:
            continue
        name, cues = display[key], usage[key]
        looks = bool(_ORG_LOOK.search(name) or _ACRONYM.fullmatch(name))
        personal = (votes[key][PERSON] or cues["person"] or cues["pronoun"]
                    or " " not in key and key in surnames and not votes[key][PLACE]
                    or TITLE_RE.match(name) and not looks
                    or re.fullmatch(r"[A-Z][\w'’-]+ the [A-Z][a-z]+", name))
        if _STATE.search(name):
            kind_of[key] = PLACE  # a state is a place: "X Empire", "Republic of X"
        elif personal and not looks:
            kind_of[key] = PERSON
        elif looks:
            continue
        elif votes[key][PLACE]:
            kind_of[key] = PLACE
        elif votes[key][EVENT]:
            kind_of[key] = EVENT
        elif cues["org"] or cues["subject"] >= 2:
            continue
        else:
            kind_of[key] = None



# Head nouns no person's name ends in: "Belmor Railway" cut out of "the Osk and Belmor
# Railway" is a railway, whatever the vote said.
_THING_HEADS = (
    (ORGANIZATION, re.compile(r"\b(?:Railways?|Railroad|Company|Corporation|Ministry|Committee|"
                              r"Commission|Council|Parliament|Army|Navy|Regiment|University|"
                              r"Academy|Society|Association|Union|Party|Government|Bank)$")),
    (PLACE, re.compile(r"\b(?:Canal|Museum|Cathedral|Mosque|Palace|Street|Road|Avenue|Square|"
                       r"River|Lake|Island|Islands|Province|Prefecture|District|Strait|Bay|Gulf|"
                       r"Sea|Ocean|Mill|Mills|Works|Colliery|Mine)$")),
    (EVENT, re.compile(r"\b(?:Act|Treaty|Conference|Revolution|War|Rebellion|Uprising)$")),
)


def thing_kind(name: str) -> str | None:
    """The kind a name voted a person has by its head noun, when no person's name ends so."""
    if len(name.split()) < 2:
        return None
    return next((kind for kind, head in _THING_HEADS if head.search(name)), None)


def used_as_place(cues: Counter[str]) -> bool:
    """Half its mentions where people never stand ("the church of X", "held in X"), and
    never the subject of a verb."""
    return bool(cues["place"]) and cues["place"] * 2 >= cues["mention"] and not cues["subject"]


def check_people(kind_of: dict[str, Any], usage: dict[str, Counter[str]]) -> None:
    """A "person" the document puts where people never stand ("the church of
    Hagia X", "a synod held in Hagia X") is a place, a building named like a saint."""
    for key, kind in kind_of.items():
        cues = usage[key]
        if kind == PERSON and used_as_place(cues) and not (cues["person"] or cues["pronoun"]):
            kind_of[key] = PLACE
