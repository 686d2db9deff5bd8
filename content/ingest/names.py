"""Names of entities: the key that identifies one, and the clean-up of a found name.

Lexicons are generic English (titles, head nouns of events, places and
organisations), with nothing document-specific.
"""

from __future__ import annotations

import re
import unicodedata

from content.ingest.types import EVENT, ORGANIZATION, PERSON, PLACE


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
TITLE_RE = re.compile(
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
    r"Schism|Genocide|Declaration|Edict|Talks|Intervention|Emergency|Sieges|"
    # laws and settlements ("the Varn Convention", "the Belmor Decrees", "the Osk Oath")
    r"Conventions?|Protocol|Resolution|Decrees?|Oath|Constitution|Settlement|Amendment|"
    r"Rescript|Ordinance|Statute|Bills|Truce|Capitulation|Assizes|"
    r"Conspiracy|Feud|Days|Killings|Demonstrations|Revolutions|Uprisings)"
)
EVENT_NOUNS_LOW = (
    r"(?:flood|floods|airlift|coup d'état|coup d’état|coup|celebrations?|parade|famine|"
    r"earthquake|riots?|uprising|massacre|bombing|bombings|raids?|offensive|campaign|"
    r"invasion|revolution|rebellion|insurrection|mutiny|blockade|evacuation|landings|"
    r"festival|ceremony|ceremonies|expedition|protests?|strike|epidemic|outbreak|pandemic|"
    r"crisis|killings|demonstrations|intervention|revolts?)"
)
EVENT_OF_HEADS = (
    r"(?:Battle|Battles|Siege|Treaty|Sack|Fall|Rape|Capture|Liberation|Congress|Council|"
    r"Peace|Edict|Massacre|Bombing|Partition|Assassination|Burning|Invasion|Occupation|"
    r"Relief|Storming|Defence|Defense|Evacuation|Surrender|Treaties|Conquest|Unification|"
    r"Diet|Colloquy|Synod|Revolt|Rebellion|Uprising|Expedition|Act|Mission|"
    r"Conference|Convention|Declaration|Proclamation|Campaign|"
    r"War|Wars|Charge|Day|Days|Night|Defenestration|Dissolution|Submission|Pilgrimage|"
    r"Rising|Conspiracy|Plan|Law|Ordinance|Statute|Constitution|Bill|Claim|Agreement|"
    r"Protocol|Armistice|Truce|"
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
YEAR = r"(?:1\d{3}|20\d{2})"
MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|"
          r"November|December)\b")
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# A capitalised (maybe hyphenated) word or initials; a full stop ends a word
# unless it is an initial ("D."), so "... of Paris. More" stops at "Paris".
CAPW = r"(?:(?:[A-Z]\.)+(?![a-z])|[A-Z][\w'’]*(?:[-–][\w'’]+)*)"
CAPSEQ = rf"{CAPW}(?:\s+{CAPW})*"
CAPSEQ_OF = rf"{CAPW}(?:\s+(?:of\s+|and\s+|for\s+|de\s+)?{CAPW})*"
# Bare names of an age's one upheaval, capitalised mid-sentence ("the Reformation").
STANDALONE_EVENTS = r"(?:Reformation|Restoration|Revolution|Partition)"
_BARE_DATE = re.compile(rf"\d{{1,2}}\s+{MONTHS}(?:\s+{YEAR})?|{MONTHS}\s+\d{{1,2}}(?:,?\s+{YEAR})?"
                        rf"|{MONTHS}\s+{YEAR}")
# Words that may open an event's name without being part of it ("In protest").
_EVENT_OPENER = re.compile(
    r"^(?:A|An|The|In|On|At|By|Its|His|Her|Their|This|That|Another|One|No)\s+"
)
# Chinese, Japanese or Korean script: a name written so is kept as an alias.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


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
KEPT_TITLE = re.compile(
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
    if kind == PERSON and KEPT_TITLE.match(name):
        return re.sub(r"\s+", " ", name)
    if kind == PERSON:
        # "Union General Jane Doe": drop everything up to the last title word.
        titled = re.match(r"^(?:[A-Z][\w.'’-]*\s+){1,3}?(?:" + "|".join(
            re.escape(t.title()) for t in PERSON_TITLES if len(t) > 3) + r")\s+(?=[A-Z])", name)
        if titled:
            name = name[titled.end() :]
        stripped = TITLE_RE.sub("", name).strip()
        if stripped and stripped[0].isupper():
            name = stripped
    if kind in (PLACE, ORGANIZATION):
        # "Soviet-funded X Academy": the sponsor is not part of the name.
        name = re.sub(r"^\S+-(?:funded|based|led|backed|owned|controlled|run|sponsored)\s+",
                      "", name)
    if kind in (EVENT, PLACE, ORGANIZATION) and re.match(rf"^{YEAR}\s+\S", name):
        name = name[5:]  # "1889 Johnstown flood" -> keep the year for the date stage
    return re.sub(r"\s+", " ", name)


def is_junk(name: str, kind: str) -> bool:
    key = normalize_key(name)
    if not key or len(key) < 2 or len(name) > 90:
        return True
    if key in JUNK_WORDS or not re.search(r"[^\W\d_]", name):
        return True
    if not (name[0].isupper() or name[0].isdigit() or CJK.match(name) or kind == EVENT):
        return True
    if kind == PERSON and (re.search(r"\d", name) or re.search(r"[\"“”]", name)):
        return True
    if kind == EVENT and _common_noun_phrase(name):
        return True  # "The invasion", "A revolution", "In protest": not a name
    words = name.split()
    if len(words) == 1 and re.fullmatch(f"{ORG_HEADS}|{PLACE_HEADS}|{EVENT_NOUNS_CAP}", name) and (
        kind != EVENT or not re.fullmatch(STANDALONE_EVENTS, name)
    ):
        return True  # a bare head noun ("Army") left after cutting a possessor
    if kind == PERSON and any(re.fullmatch(f"{ORG_HEADS}|{PLACE_HEADS}", w) for w in words):
        return True  # "X Union", "Y Park": not a person's name
    if words[0].casefold() in ("knight", "dame") or (
        len(words) == 1 or kind != PERSON
    ) and re.sub(r"^.*\s", "", key) in PERSON_TITLES + ["commanderinchief"]:
        return True  # a title or honour, not an entity
    # A bare date or number that the model tagged as a name.
    return bool(re.fullmatch(r"[\d\s,.–-]+(?:s)?", name) or _BARE_DATE.fullmatch(name))



def _common_noun_phrase(name: str) -> bool:
    """No capital and no year once an opening article is set aside; "a ..." opens none."""
    if re.match(r"an?\s", name):
        return True
    rest = _EVENT_OPENER.sub("", name)
    return not any(ch.isupper() or ch.isdigit() or CJK.match(ch) for ch in rest)
