"""Readable text from wiki markup: references, templates, tags and link syntax removed.

Readers clean every paragraph here before :mod:`content.ingest.parse` splits it.
"""

from __future__ import annotations

import re
from functools import lru_cache

_REF = re.compile(r"<ref\b[^>/]*/>|<ref\b[^>]*>.*?</ref>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")
_EXTLINK = re.compile(r"\[https?://\S+\s+([^\]]*)\]")
# Markdown emphasis: "**Bill of Rights**", "*de facto*", "__x__", "_x_" (never a "____").
_STRONG = re.compile(r"(\*\*|__)(?=[^\s*_])(.+?)(?<=[^\s*_])\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=[^\s*_])([^*_\n]+?)(?<=[^\s*_])\1(?![\w*])")
# Reference debris copied from a rendered wiki page: "[12]", "[a]", "[note 3]",
# "[citation needed]", "[when?]", "[dubious – discuss]".
_DEBRIS = re.compile(
    r"\[(?:\d{1,3}|[a-z]|[ivx]{1,4}|(?:note|nb|n)\s*\d{1,3}|"
    r"[a-z][a-z ,'’–-]{0,40}(?:needed|\?|discuss|given|unreliable|source|verify|verified|"
    r"specify|clarify|failed|vague|broken|obsolete|dead link|sic))\]",
    re.IGNORECASE,
)


def _strip_templates(text: str) -> str:
    # Templates nest ({{cite|title={{lang|..}}}}), which a regex cannot count.
    if "{{" not in text:
        return text
    out: list[str] = []
    depth = 0
    i = 0
    while i < len(text):
        if text.startswith("{{", i):
            depth += 1
            i += 2
        elif depth and text.startswith("}}", i):
            depth -= 1
            i += 2
        else:
            if not depth:
                out.append(text[i])
            i += 1
    return "".join(out)


@lru_cache(maxsize=4096)
def clean_markup(text: str) -> str:
    """Readable text: references, templates, tags and link syntax removed."""
    text = _REF.sub("", text)
    text = _strip_templates(text)
    text = _TAG.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _EXTLINK.sub(r"\1", text)
    text = _DEBRIS.sub("", text)
    text = text.replace("'''", "").replace("''", "")
    text = _EMPHASIS.sub(r"\2", _STRONG.sub(r"\2", text))
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\s+([,.;:)\]])", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    return text.strip()


def has_words(text: str) -> bool:
    """True when ``text`` holds at least one word of two or more letters."""
    return bool(re.search(r"[^\W\d_]{2,}", text))
