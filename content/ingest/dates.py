"""Find dates in prose and captions, with their precision.

Only what is written is recorded: "June 1960" has no day, "the 1930s" is a
decade. Numbers that merely look like years ("Type 92", "1,659 men",
"115th Division") are rejected by context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from content.ingest.types import DAY, DECADE, MONTH, YEAR, DateValue

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_YEAR = r"(?:1\d{3}|20\d{2})"
# A year of the first millennium ("754") is written like a count ("754 bishops"), so it is a
# year only where the words round it say so: after a month or a day ("11 March 843"), after
# "in"/"by"/"until"…, or in a span "from 775 to 780" / "(726–787)".
_YEAR3 = r"(?:[1-9]\d{2})"
_YEAR_ANY = rf"(?:{_YEAR}|{_YEAR3})"
_BEFORE3 = r"(?:in|In|by|By|until|Until|till|since|Since|after|After|before|Before|from|From)"
# What may follow a bare first-millennium year: punctuation, a name, or a closed-class word;
# a lower-case noun ("in 300 ships") makes it a count.
_AFTER3 = (r"(?=\s*(?:[,.;:)?!]|$|[A-Z]|(?:the|a|an|and|or|to|when|where|while|he|she|it|"
           r"they|his|her|its|their|as|at|in|on|by|with|but|after|before|until|was|were|"
           r"had|is)\b))")
_DASH = r"\s?[-–—‐‑]\s?"
_TO = r"(?:\s?[-–—‐‑]\s?|\s+to\s+|\s+until\s+|\s+through\s+)"
_QUAL = r"(?:(?:early|mid|late|the\s+early|the\s+late|the\s+mid)[\s-]+)"
_DAYN = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"

# Ordered: the first pattern that matches at a position wins, so longer
# forms come before their parts.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # July 1 to July 3, 1863; July 1–3, 1863; December 31, 1862 – January 2, 1863
    ("mdy_range", re.compile(rf"\b(?P<m1>{_MONTH})\s+(?P<d1>{_DAYN})(?:,?\s+(?P<y1>{_YEAR}))?"
                             rf"{_TO}(?:(?P<m2>{_MONTH})\s+)?(?P<d2>{_DAYN}),?\s+(?P<y2>{_YEAR})\b")),
    # 30 June to 3 July 1863; 30 June 1862 – 2 January 1863
    ("dmy_range", re.compile(rf"\b(?P<d1>{_DAYN})\s+(?P<m1>{_MONTH})(?:\s+(?P<y1>{_YEAR}))?"
                             rf"{_TO}(?P<d2>{_DAYN})\s+(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})\b")),
    # 10–12 July 1937
    ("day_range", re.compile(rf"\b(?P<d1>{_DAYN}){_DASH}(?P<d2>{_DAYN})\s+(?P<m>{_MONTH})"
                             rf",?\s+(?P<y>{_YEAR})\b")),
    # 10 July 1937
    ("dmy", re.compile(rf"\b(?P<d>{_DAYN})\s+(?:of\s+)?(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR_ANY})\b")),
    # December 13, 1937
    ("mdy", re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAYN}),?\s+(?P<y>{_YEAR_ANY})\b")),
    # March–April 1938
    ("month_range", re.compile(rf"\b(?P<m1>{_MONTH}){_TO}(?P<m2>{_MONTH})\s+(?P<y>{_YEAR})\b")),
    # June 1941 to May 1945
    ("month_year_range", re.compile(rf"\b(?P<m1>{_MONTH})\s+(?P<y1>{_YEAR}){_TO}"
                                    rf"(?P<m2>{_MONTH})\s+(?P<y2>{_YEAR})\b")),
    # June 1960
    ("my", re.compile(rf"\b(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR_ANY})\b")),
    # between 1861 and 1865 ("1861 and 1865" alone is two years, not a span)
    ("year_range", re.compile(rf"(?<=between )(?P<q1>{_QUAL})?(?P<y1>{_YEAR})\s+and\s+"
                              rf"(?P<q2>{_QUAL})?(?P<y2>{_YEAR})\b")),
    # late 1938 to early 1940; 1942 to 1945; 1979–2013; 1939–45
    ("year_range", re.compile(rf"(?<![\d,.])(?P<q1>{_QUAL})?(?P<y1>{_YEAR}){_TO}"
                              rf"(?P<q2>{_QUAL})?(?P<y2>{_YEAR}|\d{{2}})(?!\d|,\d|s\b)")),
    # from 775 to 780; (726–787); between 717 and 718
    ("year_range", re.compile(rf"(?<=\bfrom )(?:about )?(?P<y1>{_YEAR3})\s+to\s+(?:about )?"
                              rf"(?P<y2>{_YEAR3}){_AFTER3}")),
    ("year_range", re.compile(rf"(?<=\()(?P<y1>{_YEAR3}){_DASH}(?P<y2>{_YEAR3})(?=\))")),
    ("year_range", re.compile(rf"(?<=between )(?P<y1>{_YEAR3})\s+and\s+(?P<y2>{_YEAR3})"
                              rf"{_AFTER3}")),
    # in 754; in about 765; in 717 and 718 (two years)
    ("year", re.compile(rf"(?P<lead>\b{_BEFORE3} (?:about |around |c\. )?)(?P<y>{_YEAR3})"
                        rf"{_AFTER3}")),
    ("year", re.compile(rf"(?<=\d\d\d and )(?P<y>{_YEAR3}){_AFTER3}")),
    # the 760s
    ("decade", re.compile(r"(?<=\bthe )(?P<y>[1-9]\d0)s\b")),
    # the early 1920s
    ("decade", re.compile(rf"(?<![\d,.])(?P<q>{_QUAL})?(?P<y>1\d{{2}}0|20\d0)'?s\b")),
    # 44 BC, AD 476
    ("era", re.compile(r"\b(?:(?P<y>\d{1,4})\s?(?P<e>BC|BCE|AD|CE)"
                       r"|(?P<e2>AD)\s?(?P<y2>\d{1,4}))\b")),
    # 1943
    ("year", re.compile(rf"(?<![\d,.$£€])(?P<y>{_YEAR})(?!\d|,\d|\.\d|s\b|%)")),
]

# A capitalised label or a number word right before a 4-digit number makes it a
# designation ("Type 1943"?) rather than a year; the same when a count noun follows.
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:Type|Model|No\.?|Number|Case|Route|Article|Section|Chapter|Page|pp?\.|Flight|"
    r"Division|Regiment|Battalion|Brigade|Squadron|Unit|Room|Highway|Interstate|Mark|Mk\.?)"
    r"|[#№])\s*$"
)
_COUNT_AFTER = re.compile(
    r"^\s*(?:[a-z]+\s+)?(?:men|women|people|persons|soldiers|troops|civilians|victims|"
    r"prisoners|tons|tonnes|km|kilometres|kilometers|miles|metres|meters|feet|acres|"
    r"dollars|pounds|aircraft|planes|ships|tanks|guns|casualties|deaths|dead|killed|"
    r"wounded|children|students|workers|members|votes|copies|pages|words|units)\b"
)


@dataclass
class DateMatch:
    value: DateValue
    start: int
    end: int


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _is_year_context(text: str, start: int, end: int) -> bool:
    if _LABEL_BEFORE.search(text[max(0, start - 12) : start]):
        return False
    if _COUNT_AFTER.match(text[end : end + 30]):
        return False
    # Part of a score or reference like "1943/44" or "1943-A".
    after = text[end : end + 2]
    return not (after.startswith("/") or re.match(r"-[A-Za-z]", after))


def _build(kind: str, m: re.Match[str]) -> DateValue | None:
    g = m.groupdict()
    text = m.group(0).strip()
    if kind == "day_range":
        return DateValue(text, DAY, int(g["y"]), _month(g["m"]), _day(g["d1"]), int(g["y"]),
                         _month(g["m"]), _day(g["d2"]))
    if kind in ("mdy_range", "dmy_range"):
        y2 = int(g["y2"])
        y1 = int(g["y1"]) if g["y1"] else y2
        m1 = _month(g["m1"])
        m2 = _month(g["m2"]) if g["m2"] else m1
        start, end = (y1, m1, _day(g["d1"])), (y2, m2, _day(g["d2"]))
        if end <= start:
            return None  # not a span forwards in time: read the dates one by one
        return DateValue(text, DAY, *start, *end)
    if kind in ("dmy", "mdy"):
        return DateValue(text, DAY, int(g["y"]), _month(g["m"]), _day(g["d"]))
    if kind == "month_range":
        return DateValue(text, MONTH, int(g["y"]), _month(g["m1"]), None, int(g["y"]),
                         _month(g["m2"]))
    if kind == "month_year_range":
        return DateValue(text, MONTH, int(g["y1"]), _month(g["m1"]), None, int(g["y2"]),
                         _month(g["m2"]))
    if kind == "my":
        return DateValue(text, MONTH, int(g["y"]), _month(g["m"]))
    if kind == "year_range":
        y1 = int(g["y1"])
        raw2 = g["y2"]
        y2 = int(raw2) if len(raw2) >= 3 else (y1 // 100) * 100 + int(raw2)
        if y2 < y1 or y2 - y1 > 150:
            return None  # "1943 and 24" or a score, not a span of years
        return DateValue(text, YEAR, y1, end_year=y2)
    if kind == "decade":
        return DateValue(text, DECADE, int(g["y"]))
    if kind == "era":
        year = int(g["y"] or g["y2"])
        era = g["e"] or g["e2"]
        return DateValue(text, YEAR, -year if era in ("BC", "BCE") else year)
    if kind == "year":
        return DateValue(text, YEAR, int(g["y"]))
    return None


def find_dates(text: str) -> list[DateMatch]:
    """All dates in ``text``, left to right, without overlaps."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if "lead" in m.groupdict():
                start = m.end("lead")  # "in about 754": the date is "754"
            # Leading whitespace/"the" of qualifiers is not part of the date.
            while start < end and text[start].isspace():
                start += 1
            if any(start < e and s < end for s, e in taken):
                continue
            if kind in ("year", "year_range", "decade") and not _is_year_context(
                text, start, end
            ):
                continue
            value = _build(kind, m)
            if value is None:
                continue
            value.text = text[start:end]
            if value.text.lower().startswith("the "):
                start += 4
                value.text = text[start:end]
            found.append(DateMatch(value, start, end))
            taken.append((start, end))
    found.sort(key=lambda d: d.start)
    return found


_DAY_MONTH = re.compile(
    rf"\b(?:(?P<d>{_DAYN})\s+(?:of\s+)?(?P<m>{_MONTH})|(?P<m2>{_MONTH})\s+(?P<d2>{_DAYN}))\b"
    rf"(?!,?\s+\d)(?!\s*[–-]\s*\d)")


def find_day_months(text: str, dates: list[DateMatch] | None = None) -> list[DateMatch]:
    """Days written without their year ("On 14 June", "June 14"), left to right; the year
    is 0 until the caller finds it in the narrative (see ``Corpus.undated_days``).
    ``dates`` are ``find_dates(text)`` when the caller has them already."""
    taken = [(d.start, d.end) for d in (find_dates(text) if dates is None else dates)]
    found = []
    for m in _DAY_MONTH.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken) or re.search(
                r"\d\s*(?:and|to|[–-])\s*$", text[: m.start()]):
            continue  # "18 and 19 June" is two days, not the 19th
        day, month = (m.group("d"), m.group("m")) if m.group("d") else (m.group("d2"),
                                                                          m.group("m2"))
        found.append(DateMatch(DateValue(m.group(0), DAY, 0, _month(month), _day(day)),
                               m.start(), m.end()))
    return found
