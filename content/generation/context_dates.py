"""A month without its year takes the year the narrative is in.

"In September Ilsa Varn landed at Belmor." follows "… died on 5 January 1203.":
a student shown the question alone cannot tell which September, so the prompt
says "September 1203", as a teacher reading the passage would. The year is
added only when it is certain: the passage itself has no year, one of the two
passages before it (and not a caption: captions are not narrative) names
exactly one year, and that date does not lie later in the year than the
month named (a later month could belong to the year after).
"""

from __future__ import annotations

import dataclasses
import re

from content.generation import types as qt
from content.generation.corpus import Candidate, Corpus
from content.ingest.dates import MONTHS

LOOK_BACK = 2
_MONTH_NAMES = {name.capitalize(): number for name, number in MONTHS.items()
                if len(name) > 3}
# "September" or "14 October" not followed by a year (or by "of 1203").
_BARE_MONTH = re.compile(
    r"\b(?P<month>" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\b"
    r"(?!,?\s+(?:of\s+)?\d{3,4}\b)(?!\s+\d{1,2},?\s+\d{3,4})"
)
_YEAR = re.compile(r"\b\d{3,4}\b")


def with_year(corpus: Corpus, cand: Candidate) -> Candidate:
    q = cand.question
    if q.passage is None or q.type == qt.ORDER or corpus.is_caption(q.passage):
        return cand
    if _YEAR.search(corpus.passages[q.passage].text):
        return cand
    found = _BARE_MONTH.search(q.prompt)
    if found is None:
        return cand
    year = _narrative_year(corpus, q.passage, _MONTH_NAMES[found.group("month")])
    if year is None:
        return cand
    prompt = q.prompt[: found.end()] + f" {year}" + q.prompt[found.end():]
    return dataclasses.replace(cand, question=dataclasses.replace(q, prompt=prompt))


def _narrative_year(corpus: Corpus, index: int, month: int) -> int | None:
    for back in range(index - 1, max(-1, index - 1 - LOOK_BACK), -1):
        if corpus.is_caption(back):
            return None
        dates = corpus.dates(back)
        if not dates:
            continue
        years = {d.value.year for d in dates} | {d.value.end_year for d in dates
                                                    if d.value.end_year}
        last = dates[-1].value
        if len(years) != 1 or (last.month is not None and last.month > month):
            return None
        return last.year
    return None
