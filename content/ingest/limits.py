"""Bound the work that hostile or broken text can cause before NLP sees it.

spaCy's tokenizer splits prefixes and suffixes off a whitespace-free run one
character at a time, so its cost grows with the square of the run's length:
25 KB of "*" took more than a minute of worker CPU. Real prose never has such
runs, so shortening them changes nothing a reader would miss.
"""

from __future__ import annotations

import re

# A run of punctuation or symbols longer than this is decoration ("*****",
# "=-=-=-=") and is cut to its first few characters.
_SYMBOL_RUN = re.compile(r"[^\w\s]{4,}")
# No word in a history text is this long; a longer run is broken with spaces.
MAX_RUN = 60
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def _break(match: re.Match[str]) -> str:
    run = match.group(0)
    return " ".join(run[i : i + MAX_RUN] for i in range(0, len(run), MAX_RUN))


def bound_runs(text: str) -> str:
    """Shorten symbol runs to three characters and break any run over MAX_RUN."""
    text = _SYMBOL_RUN.sub(lambda m: m.group(0)[:3], text)
    return _LONG_RUN.sub(_break, text)
