"""Quantity facts: "some 30,000 soldiers", "3 million people", "Smith 106–105 Jones".

Counted from the parse: a number (digits or words, with its scale) and the noun
it counts. Dates, ordinals, ranges and labels ("Type 92") are not quantities.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from content.ingest.fact_context import FactContext, main_subject
from content.ingest.types import QUANTITY, Fact, Mention

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


def _number_value(text: str) -> float | None:
    cleaned = text.replace(",", "").strip()
    try:
        return float(cleaned)
    except ValueError:
        return NUMBER_WORDS.get(cleaned.lower())



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


def quantity_facts(ctx: FactContext, index: int, doc: Doc, mentions: list[Mention],
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
        subject = main_subject(ctx, index, mentions, token.idx)
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
