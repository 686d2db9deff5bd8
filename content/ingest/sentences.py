"""Split prose into sentences without a model (the NLP pass comes later)."""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "capt", "sgt", "maj", "adm", "rev",
    "prof", "sr", "jr", "vs", "etc", "no", "vol", "fig", "mt", "ft", "co", "corp", "inc",
    "ltd", "approx", "ca", "c", "u.s", "u.k", "u.n", "e.g", "i.e", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gov", "sen", "rep",
    "fl", "r", "b", "d", "pp", "p", "cf", "al", "viz", "sts", "ste", "messrs", "hon", "pres",
    "ed", "eds", "trans", "ch", "sec", "esp", "abt", "bros", "dept", "univ", "ave",
}  # fmt: skip
# Abbreviations that often end a sentence too ("… moved to the U.S. The war …").
_MAY_END = {"u.s", "u.k", "u.n", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "a.d", "b.c",
            "b.c.e", "c.e", "bros"}  # fmt: skip
# Words that start a new sentence far more often than they continue a name.
_STARTERS = {
    "the", "a", "an", "in", "on", "at", "after", "before", "during", "he", "she", "it", "they",
    "this", "these", "those", "his", "her", "its", "their", "there", "however", "when", "while",
    "as", "by", "from", "for", "with", "since", "although", "though", "following", "we", "i",
    "some", "many", "most", "one", "both", "but", "and", "also", "today",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def _no_break(token: str, next_word: str) -> bool:
    """True when the full stop after ``token`` belongs to an abbreviation or an initial."""
    if token in _MAY_END or re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
        return next_word.casefold() not in _STARTERS
    if token in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token):
        return True
    return False


def split_sentences(paragraph: str) -> list[str]:
    """Split prose into sentences without a model (the NLP pass comes later).

    A full stop ends a sentence unless it ends an abbreviation ("St.", "c.",
    "Dr."), an initial ("J. R. Smith") or a dotted acronym followed by a word
    that continues the sentence ("the U.S. Army"); a stop inside a quotation
    ends the sentence only when the quotation closes.
    """
    sentences: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(paragraph):
        if paragraph[m.start()] == "." or paragraph[m.start()] in "!?":
            before = paragraph[start : m.start() + 1]
            word = re.search(r"(\S+)[.!?]$", before)
            if word and paragraph[m.start()] == ".":
                token = word.group(1).lower().lstrip("(\"'“‘[")
                following = re.match(r"[\"'“‘(\[]?([\w’']+)", paragraph[m.end() :])
                if _no_break(token, following.group(1) if following else ""):
                    continue
            # "… said "Go home!" to …": a quotation still open keeps the sentence going.
            if _open_quote(paragraph[start : m.end()]):
                continue
        sentence = paragraph[start : m.end()].strip()
        if sentence:
            sentences.append(sentence)
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _open_quote(text: str) -> bool:
    if text.count("“") > text.count("”"):
        return True
    return text.count('"') % 2 == 1
