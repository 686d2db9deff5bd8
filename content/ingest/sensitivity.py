"""Flag passages that describe graphic violence, so no question draws on them.

A lexicon of concrete, graphic wording (verbs of killing, sexual violence,
remains of the dead) matched on word boundaries with inflections. Abstract or
summarising words ("the war", "deaths", "atrocities", "mass murder" in a
definition) and event names ("the X Massacre") are deliberately not enough.
"""

from __future__ import annotations

import re

from content.ingest.types import CAPTION, Passage

# (category, pattern). Patterns are case-insensitive unless they start with (?-i).
_LEXICON: list[tuple[str, str]] = [
    ("graphic violence", r"\bbehead(?:ed|ing|s)?\b|\bdecapitat\w*|\bdismember\w*|"
                         r"\bdisembowel\w*|\bmutilat\w*|\bstabbed\b|\bstabbing\b|"
                         r"\bbayonet(?:ed|ted|ing)\b|\btortur(?:ed|ing|es)\b|\bimpaled?\b|"
                         r"\b(?:burned|burnt|buried|boiled|skinned)\s+alive\b|"
                         r"\bbutt\s+of\s+a\s+rifle\b|\bdisfigured\b|\bgassed\b|\blynch\w*"),
    ("sexual violence", r"\b(?:raped|raping|rapes|rapist|rapists)\b|(?-i:\brape\b)|"
                        r"\bsexual(?:ly)?\s+(?:assault\w*|abus\w*|violence|slaver\w*)|"
                        r"\bvagina\w*|\bprofaned\b|\bmolest\w*|\bcomfort\s+women\b"),
    ("killing", r"\bmurder(?:ed|ing|s)\b|\bmassacred\b|\bslaughter(?:ed|ing)?\b|"
                r"\bkill(?:ed|ing|ings)?\b|\bexecut(?:ed|ion|ions|ing)\b|\bshot\s+dead\b|"
                r"\bhanged\b|\bstarved\s+to\s+death\b|\bburned\s+to\s+death\b|"
                r"\bbeaten\s+to\s+death\b|\bcrucifi\w*"),
    ("human remains", r"\bcorpses?\b|\bbodies\b|\bskeletons?\b|\bskulls\b|\bmass\s+graves?\b|"
                      r"\bdead\s+(?:child|children|bod(?:y|ies)|man|men|woman|women|baby|"
                      r"babies|soldiers?|civilians?|girl|boy|prisoners?)\b|"
                      r"\b(?:awaiting|gathered\s+for|prepared\s+for|laid\s+out\s+for)\s+"
                      r"burial\b|\b(?:the|[A-Z][a-z]+)\s+dead\s+(?:lying|lie|lay|gathered|"
                      r"piled|strewn|buried|awaiting)\b|"
                      r"\bbody\s+of\s+(?:a|an|the)\s+(?:\w+\s+)?(?:woman|man|child|girl|boy|"
                      r"victim|prisoner|soldier|baby)\b"),
    ("war crime", r"\bwar\s+crimes?\b|\bcrimes?\s+against\s+humanity\b"),
]
_COMPILED = [(category, re.compile(pattern, re.IGNORECASE)) for category, pattern in _LEXICON]
# A caption whose subject is the dead or wounded shows them.
_DEPICTS_DEAD = re.compile(
    r"(?:^|[;:.]\s+|\)\s*)(?:The\s+|A\s+|An\s+)?(Victims|Casualties|Wounded|Dead|Remains)\b"
)
# "Killing" words that are not violence in context, and casualty statistics
# ("killed, wounded or missing") that count rather than describe.
_BENIGN = re.compile(r"\bkilled,?\s+(?:or\s+)?(?:wounded|missing|captured)\b|"
                     r"\bkill(?:ed|ing)?\s+(?:time|the\s+(?:bill|motion|proposal|engine))\b|"
                     r"\bexecut(?:ed|ion|ing)\s+(?:a|an|the|his|her|its|their)\s+(?:plan|"
                     r"order|contract|will|strategy|manoeuvre|maneuver|program|programme|"
                     r"policy|design|painting|work)\b", re.IGNORECASE)


def sensitivity_reason(text: str, kind: str = CAPTION) -> str:
    """A human reason like "graphic violence: beheaded", or "" when nothing is found."""
    benign = [m.span() for m in _BENIGN.finditer(text)]
    for category, pattern in _COMPILED:
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e in benign):
                continue
            return f"{category}: {m.group(0).lower()}"
    if kind == CAPTION:
        m = _DEPICTS_DEAD.search(text)
        if m:
            return f"depicts the dead or wounded: {m.group(1).lower()}"
    return ""


def flag_passages(passages: list[Passage]) -> int:
    """Set ``sensitive`` and ``sensitive_reason`` on each passage; return how many."""
    flagged = 0
    for passage in passages:
        reason = sensitivity_reason(passage.text, passage.kind)
        passage.sensitive = bool(reason)
        passage.sensitive_reason = reason
        flagged += bool(reason)
    return flagged
