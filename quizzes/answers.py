"""Lenient checking of typed answers: spelling slips pass, wrong facts do not."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_APOSTROPHES = "'\u2018\u2019\u02bc\u02bb`\u00b4"
_ARTICLES = ("the ", "a ", "an ")
# Accents live in these blocks; other scripts' marks (e.g. the kana voicing
# marks U+3099/U+309A) are part of the letter and must survive.
_DIACRITIC_BLOCKS = (
    (0x0300, 0x036F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)


@dataclass
class Match:
    correct: bool
    close: bool = False  # accepted only thanks to typo tolerance


def _is_diacritic(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _DIACRITIC_BLOCKS)


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # kana
        or 0x3400 <= code <= 0x9FFF  # CJK ideographs, extension A
        or 0xAC00 <= code <= 0xD7AF  # hangul
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
    )


def normalize(text: str) -> str:
    """Fold away what should not decide an answer: case, accents, punctuation, articles."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not _is_diacritic(c))
    # NFC puts back what NFKD split but we kept (hangul, kana with voicing marks).
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.replace("&", " and ")
    for dash in _DASHES:
        text = text.replace(dash, "-")
    text = re.sub(r"(?<=\d)-(?=\d)", " ", text)  # a range "1937-1945" is two numbers
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)  # thousands separator
    out = []
    for char in text:
        if char in _APOSTROPHES or char in ".-":
            # "Jean-Paul" = "JeanPaul", "O'Brien" = "OBrien", "U.S." = "US"
            continue
        category = unicodedata.category(char)
        if category == "Cf":
            continue  # invisible: zero-width spaces, soft hyphens, direction marks
        out.append(" " if category[0] in "PSZC" else char)
    text = " ".join("".join(out).split())
    for article in _ARTICLES:
        # Keep a lone "A": it may be a whole answer (a choice letter).
        if text.startswith(article):
            text = text[len(article) :]
            break
    return text


def _has_cjk(text: str) -> bool:
    return any(_is_cjk(c) for c in text)


def _allowed_edits(text: str) -> int:
    if _has_cjk(text):
        # One character of a Chinese name is a different name, not a typo.
        return 0
    length = len(text.replace(" ", ""))
    if length <= 4:
        return 0
    if length <= 8:
        return 1
    if length <= 15:
        return 2
    if length <= 24:
        return 3
    return 4


# -- years ------------------------------------------------------------------

_BC = re.compile(r"\b(bc|bce)\b")


def _year(text: str) -> int | None:
    """The single year in an answer like "1937", "in 1937", "1937 AD", "44 BC"."""
    norm = normalize(text)
    numbers = re.findall(r"\d+(?:st|nd|rd|th|s)?", norm)
    # "1930s" is a decade and "20th" a century, not a year.
    if len(numbers) != 1 or not numbers[0].isdigit() or len(numbers[0]) > 4:
        return None
    year = int(numbers[0])
    return -year if _BC.search(norm) else year


# -- numbers ----------------------------------------------------------------

_UNITS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    word: 10 * value
    for value, word in enumerate(
        "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2
    )
}
_SCALES = {
    "thousand": 1_000,
    "thousands": 1_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "billion": 1_000_000_000,
    "billions": 1_000_000_000,
}
# Abbreviations count only when stuck to digits: "650k", "3m"; a lone "m" is
# more likely metres or a stray letter.
_SUFFIXES = {"k": "thousand", "m": "million", "mn": "million", "bn": "billion"}
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _number_tokens(text: str) -> list[str]:
    text = (text or "").casefold()
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(?<=\d)[,\u00a0\u202f ](?=\d{3}(?!\d))", "", text)  # 650,000 / 650 000
    text = re.sub(r"(?<=\d)(k|m|mn|bn)\b", lambda m: " " + _SUFFIXES[m.group(1)], text)
    text = re.sub(r"[-\u2010-\u2015]", " ", text)  # twenty-one
    return re.findall(r"\d+(?:\.\d+)?|[a-z]+", text)


def _numbers(text: str) -> list[float]:
    """Every quantity written in ``text``, in digits, words or both ("3 million")."""
    found: list[float] = []
    total = current = 0.0
    last = ""  # kind of the previous number token; "" outside a number

    def flush() -> None:
        nonlocal total, current, last
        if last:
            found.append(total + current)
        total = current = 0.0
        last = ""

    previous = ""
    for token in _number_tokens(text):
        if _NUMBER.fullmatch(token):
            flush()
            current, last = float(token), "digits"
        elif token in _UNITS or token in _TENS:
            value = _UNITS.get(token) if token in _UNITS else _TENS[token]
            # "twenty one" and "a hundred and five" add up; "one two" is two numbers.
            joins = last in ("hundred", "scale", "and") or (last == "ten" and value < 10)
            if not joins:
                flush()
            current += value
            last = "unit" if token in _UNITS else "ten"
        elif token == "hundred" and (last in ("unit", "ten", "digits") or previous in ("a", "an")):
            current = (current or 1.0) * 100
            last = "hundred"
        elif token in _SCALES and (last or previous in ("a", "an")):
            total += (current or 1.0) * _SCALES[token]
            current, last = 0.0, "scale"
        elif token == "and" and last in ("hundred", "scale"):
            last = "and"
        else:
            flush()
        previous = token
    flush()
    return found


def _single_number(text: str) -> float | None:
    numbers = _numbers(text)
    return numbers[0] if len(numbers) == 1 else None


# -- checking ---------------------------------------------------------------


def _check_year(given: str, candidates: Iterable[str]) -> Match | None:
    targets = {y for y in map(_year, candidates) if y is not None}
    if not targets:
        return None
    year = _year(given)
    if year is None:
        return None  # no year typed: only a text alias can match it
    return Match(correct=year in targets)


def _check_number(given: str, candidates: Iterable[str], tolerance: float) -> Match | None:
    targets = [n for n in map(_single_number, candidates) if n is not None]
    if not targets:
        return None
    value = _single_number(given)
    if value is None:
        return None  # no number typed: only a text alias can match it
    for target in targets:
        if math.isclose(value, target, rel_tol=1e-9, abs_tol=1e-9):
            return Match(correct=True)
    for target in targets:
        if abs(value - target) <= abs(target) * max(tolerance, 0.0):
            return Match(correct=True)
    return Match(correct=False)


def _exact(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


def _check_text(given: str, candidates: list[str]) -> Match:
    norm = normalize(given)
    if not norm:
        # An answer of only punctuation or symbols ("?", "+", "§") folds to
        # nothing: only typing it exactly is right.
        return Match(correct=bool(_exact(given)) and _exact(given) in map(_exact, candidates))
    targets = [t for t in map(normalize, candidates) if t]
    compact = norm.replace(" ", "")
    for target in targets:
        if norm == target or compact == target.replace(" ", ""):
            return Match(correct=True)
    # A bare year among the aliases (the caller's way of accepting the year of
    # a full date) takes "in 1937" or "1937 AD" as well as "1937".
    bare_years = [t for t in targets if t.isdigit()]
    if bare_years and (year_match := _check_year(given, bare_years)) and year_match.correct:
        return Match(correct=True)
    digits = re.findall(r"\d+", norm)
    for target in targets:
        # Dates and numbers are facts, not spelling: "1938" is no typo of "1937".
        if re.findall(r"\d+", target) != digits:
            continue
        allowed = _allowed_edits(target)
        if allowed == 0:
            continue
        distance = min(
            Levenshtein.distance(norm, target, score_cutoff=allowed + 1),
            Levenshtein.distance(compact, target.replace(" ", ""), score_cutoff=allowed + 1),
        )
        if distance <= allowed:
            return Match(correct=True, close=True)
    return Match(correct=False)


def check_answer(
    given: str,
    answer: str,
    accepted: list[str] | tuple = (),
    *,
    kind: str = "text",
    tolerance: float = 0.0,
) -> Match:
    """Whether ``given`` is right for ``answer`` (or one of the ``accepted`` aliases).

    ``kind`` "year" wants the exact year; "number" accepts a relative
    ``tolerance`` (0.1 = within 10%); "text" forgives small typos on longer
    answers.
    """
    given = (given or "").strip()
    if not given:
        return Match(correct=False)
    # Aliases come from a JSON field, where a year may have been stored as a number.
    candidates = [
        str(c)
        for c in (answer, *(accepted or ()))
        if isinstance(c, str | int | float) and not isinstance(c, bool) and str(c).strip()
    ]
    if kind == "year":
        match = _check_year(given, candidates)
        if match is not None:
            return match
    elif kind == "number":
        match = _check_number(given, candidates, tolerance or 0.0)
        if match is not None:
            return match
    return _check_text(given, candidates)
