"""Event names in a sentence: the shapes an event's name takes in English prose.

Each rule is (pattern, weight, group that holds the name). The examples are
invented; the head nouns are in :mod:`content.ingest.names`.

* "the Treaty of Oskar", "the Second Battle of Belmor", "the Declaration of the
  Rights of Varn and of the Citizen", "the Bill of Rights 1702";
* "the Varnian Revolution", "the Belmor Act of 1790", "the Osk Rebellion of 1657",
  "the Hundred Days", "the Varn Wars of Religion", "the Osk and Belmor Wars";
* named laws with "of the" or "and" inside: "the Sale of the Land Act 1910",
  "the Cat and Dog Act";
* "the Varnian crisis", "the Osk spring offensive" (a capitalised modifier before a
  lower-case event noun), "the revolutions of 1830 and 1848" (a year names it);
* "an operation code-named Tidewater", "Free Varn Day", "the Day of Ashes";
* "the Reformation", "the Restoration" in mid-sentence: the one the document is about.

A capitalised word that only qualifies a common noun ("the siege of the Varnian
capital") is not a name, nor is a possessor ("Ilsa Varn's invasion").
"""

from __future__ import annotations

import re

from content.ingest.names import (
    CAPSEQ,
    CAPW,
    EVENT_NOUNS_CAP,
    EVENT_NOUNS_LOW,
    EVENT_OF_HEADS,
    MONTHS,
    STANDALONE_EVENTS,
    WEEKDAY,
    YEAR,
)

ORDINAL = r"(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)"
# "of 1790", " 1702", "of 1877–1878": the year that tells two like-named events apart.
YEARS_TAIL = rf"(?:\s+(?:of\s+)?{YEAR}(?:\s*[–-]\s*(?:{YEAR}|\d{{2}}))?\b)"
_YEARS_AT_END = re.compile(rf"{YEARS_TAIL}$")
# Common nouns that a capitalised word before them only qualifies ("the Varnian capital").
_COMMON_NOUN = (
    r"(?:town|city|capital|village|port|fortress|army|armies|forces|troops|fleet|garrison|"
    r"rebels|positions|lines|quarter|coast|border|frontier|government|legations?|"
    r"settlements?|territory|province|camp|base|stronghold|navy|regime|region|island|"
    r"people|side|state|court|church)"
)
# A place named after an event is a place: "the Varn War Memorial Museum".
_MONUMENT = r"(?:Memorial|Museum|Hall|Center|Centre|Park|Cemetery|Monument)"
# A whole run of capitalised words (no backtracking) that is a name of its own.
_NAME_RUN = (rf"(?!(?:{CAPW}\s+)*{_MONUMENT}\b)(?>{CAPSEQ})"
             rf"(?!\s+(?:{_COMMON_NOUN}|{_MONUMENT})\b)")
# "of January 1790" is a date, but "the Edict of January" a name.
_NOT_A_DATE = rf"(?!{MONTHS}\s+\d|{WEEKDAY})"
_OF_TAIL = (rf"(?:the\s+)?{_NOT_A_DATE}{_NAME_RUN}"
            rf"(?:\s+(?:of|and\s+of)\s+(?:the\s+)?{_NOT_A_DATE}{_NAME_RUN})*")
# A word of a law's name; a possessor ("Ilsa Varn's Land Act") is not one.
_ACT_WORD = rf"(?![\w'’-]*['’]s?\s){CAPW}"
_OPENER = (r"(?:A|An|The|In|On|At|By|From|To|Then|Later|When|After|Before|During|Since|"
           r"Until|Of|For|And|But|As|With|While|Meanwhile|There|Here)")
# Lower-case event nouns that a year alone can name: "the uprising of 1790".
_DATED_LOW = (r"(?i:(?:(?:presidential|general|parliamentary|federal|great)\s+)?(?:revolutions?|"
              r"rebellions?|uprisings?|revolts?|risings?|wars?|elections?|crisis|famine|riots?|"
              r"strikes?|massacres?|mutiny|constitution))")

EVENT_RULES: list[tuple[re.Pattern[str], int, int]] = [
    # Operation Tidewater
    (re.compile(rf"\bOperation\s+{CAPSEQ}"), 3, 0),
    # an operation code-named Tidewater: the code name is the event's name
    (re.compile(rf"\b(?i:operation|offensive|plan|invasion|attack|campaign)\s+(?:was\s+)?"
                rf"(?:code-?named|codenamed)\s+({CAPSEQ})"), 3, 1),
    # Battle of the Somme, Treaty of Oskar, the Second Battle of Belmor, the bombing of Varn
    (re.compile(rf"\b(?:{ORDINAL}\s+)?{EVENT_OF_HEADS}\s+of\s+{_OF_TAIL}{YEARS_TAIL}?"), 3, 0),
    # the Varn Wars of Religion, the Hundred Days of Osk
    (re.compile(rf"\b{CAPSEQ}\s+(?:Wars?|Days)\s+of\s+{_OF_TAIL}"), 3, 0),
    # the Osk and Belmor Wars
    (re.compile(rf"\b{CAPSEQ}\s+and\s+{CAPSEQ}\s+Wars\b"), 3, 0),
    # the Varnian Revolution, World War II, the Belmor Act of 1790
    (re.compile(rf"(?:\b{CAPSEQ}\s+)?{CAPSEQ}\s+{EVENT_NOUNS_CAP}(?:\s+(?:I|II|III|IV)|"
                rf"\s+to\s+the\s+{CAPW})?\b(?!['’]){YEARS_TAIL}?"
                rf"(?!\s+{_MONUMENT})"), 3, 0),
    # the Sale of the Land Act 1910, the Cat and Dog Act
    (re.compile(rf"\b{_ACT_WORD}(?:\s+(?:of\s+the|of|and)\s+{_ACT_WORD}|\s+{_ACT_WORD})+"
                rf"\s+Acts?\b{YEARS_TAIL}?"), 3, 0),
    # the Four Power Agreement on Varn, the Imperial Rescript on Schooling
    (re.compile(rf"\b(?:{CAPSEQ}\s+)?(?:Agreement|Conference|Rescript|Convention|Treaty|"
                rf"Declaration|Edict)\s+on\s+(?:the\s+)?{_NOT_A_DATE}{_NAME_RUN}"
                rf"{YEARS_TAIL}?"), 3, 0),
    # the 1889 Varn flood, the Osk airlift, the Belmor spring offensive
    (re.compile(rf"(?<![\w-])(?:{YEAR}\s+)?{CAPSEQ}(?<!['’]s)(?:\s+(?:victory|peace|military|"
                rf"naval|air|general|student|national|draft|race|food|labou?r|spring|summer|"
                rf"autumn|winter))?\s+{EVENT_NOUNS_LOW}\b(?!\s+of\s+(?!{MONTHS})[A-Z])"), 2, 0),
    # the revolutions of 1830 and 1848, the presidential election of 1910
    (re.compile(rf"\b{_DATED_LOW}\s+of\s+{YEAR}(?:\s*(?:–|-|and)\s*{YEAR})?\b"), 2, 0),
    # Free Varn Day (one capitalised word before "Day" is often a given name, and so
    # is the second after a sentence's opening word: "Later Peter Day wrote")
    (re.compile(rf"\b(?!{_OPENER}\s)(?:{CAPW}\s+)+{CAPW}\s+Day\b(?!['’])"), 2, 0),
    # Black Tuesday, Bloody Sunday
    (re.compile(rf"\b[A-Z][a-z]+\s+{WEEKDAY}\b"), 2, 0),
    # the "Race to the Sea": a quoted name that starts with an event noun
    (re.compile(r"(?<=[\"“])(?:Contest|Race|March|Battle|Campaign|Competition|Trial|Siege)"
                r"\b[^\"”]{2,60}(?=[\"”])"), 3, 0),
    # "... kept the Revolution alive": a bare upheaval named mid-sentence
    (re.compile(rf"(?<=\bthe\s){STANDALONE_EVENTS}\b(?!\s+(?:of\b|{CAPW}))"), 2, 0),
]


def name_end(text: str) -> int:
    """Where an event's name ends before a closing year ("Belmor Act| of 1790").

    The year stays when it is what names the event ("the Constitution of 1790", "the
    revolutions of 1830 and 1848"): without it only a head noun is left.
    """
    year = _YEARS_AT_END.search(text)
    if year is None:
        return len(text)
    words = re.sub(r"^(?:the|The)\s+", "", text[: year.start()]).split()
    if len(words) < 2 or not any(word[:1].isupper() for word in words):
        return len(text)
    return year.start()
