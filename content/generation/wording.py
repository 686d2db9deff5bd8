"""English surface tools shared by the question builders: normalising, trimming, inflecting.

Everything here is generic English; nothing knows about a particular document.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

BLANK = "____"

# Words that may be lower-cased when a sentence is embedded after "that".
FUNCTION_WORDS = {
    "a", "an", "the", "in", "on", "at", "after", "before", "during", "following", "when",
    "while", "later", "by", "from", "with", "some", "many", "most", "about", "around", "over",
    "more", "less", "nearly", "approximately", "as", "under", "since", "until", "it", "its",
    "their", "there", "this", "these", "those", "one", "two", "three", "four", "five",
    "between", "throughout", "among", "across", "within", "towards", "toward", "along",
    "upon", "into", "near", "beyond", "against", "without", "amid", "for", "of", "to",
}  # fmt: skip
STOPWORDS = FUNCTION_WORDS | {
    "and", "or", "of", "to", "for", "was", "were", "is", "are", "be", "been", "his", "her",
    "he", "she", "they", "them", "who", "which", "that", "than", "into", "not", "but", "also",
    "has", "had", "have", "did", "does", "do", "photo", "photograph", "picture", "shown",
    "left", "right", "center", "centre",
}  # fmt: skip
# Sentence openers that only link to the previous sentence and can be dropped.
_CONNECTIVE = re.compile(
    r"^(?:However|Moreover|Meanwhile|Nevertheless|Nonetheless|Thus|Therefore|Consequently|"
    r"Furthermore|Further|First|Second|Third|Finally|Thereafter|Additionally|Also|Still|Today|Currently|Presently|Traditionally|Instead|Indeed|Eventually|Subsequently|Afterwards|Ultimately|"
    r"(?:Perhaps |Probably )?(?:Most|More) [a-z]+ly|Above all|After all|In the end|At first|"
    r"At last|For (?:example|instance)|In (?:short|general|particular|addition|fact)|"
    r"As a result|"
    r"[A-Z][a-z]+ly)\s*,\s+"
)
# A short time-linking phrase that only makes sense after the previous sentence.
_RELATIVE_TIME = re.compile(
    r"^(?:Later|Earlier|Soon|Shortly|Then)\b[^,]{0,30}\b(?:same|that|this|next|following|"
    r"previous)\b[^,]{0,15},\s+|^(?:Later|Then|Soon after),\s+"
)
# Wording that points back at an earlier sentence: a question built on it is unanswerable.
ANAPHORA = re.compile(
    r"^(?:It|They|Them|This|These|Those|Such|Its|Their|His|Her|Both|Another|The latter|"
    r"The former)\b|\bsuch\b|\b[Tt]he same (?:year|day|month|time)\b|\bthe latter\b|"
    r"\bthe former\b|\b(?:this|that) (?:year|day|month|time)\b",
)
_PRONOUN_START = re.compile(r"^(He|She)\b")
_PARENS = re.compile(r"\s*\([^()]*\)")
_MARKUP = re.compile(r"\[\[|\]\]|\{\{|\}\}|<ref|</ref|\[\d+\]|''|==")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:?!])")
_BRACKET = re.compile(r"[()\[\]{}]")


class _PunctuationToSpace(dict):
    """A ``str.translate`` table: every punctuation character (Unicode category P*) to a
    space. Filled as characters are met, so a text is mapped in C, not one call per
    character; only the first blocks are kept, so odd input cannot grow it without end."""

    def __missing__(self, code: int) -> int | str:
        value = " " if unicodedata.category(chr(code)).startswith("P") else code
        if code < 0x3000:
            self[code] = value
        return value


_PUNCTUATION_TO_SPACE = _PunctuationToSpace()


@lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """Case-folded, NFKC, punctuation-free, single-spaced, without a leading article."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_PUNCTUATION_TO_SPACE)
    text = " ".join(text.split())
    for article in ("the ", "a ", "an "):
        if text.startswith(article):
            return text[len(article) :]
    return text


def tidy(text: str) -> str:
    text = " ".join(text.split())
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    return text.strip(" ,;:")


def strip_parentheticals(text: str) -> str:
    """Drop "(…)" asides: native scripts, life dates and "(left)" only distract or give away."""
    previous = None
    while previous != text:
        previous = text
        text = _PARENS.sub("", text)
    return tidy(text)


def drop_connective(text: str) -> str:
    text = _CONNECTIVE.sub("", text)
    # "But Varn believed …": a coordinator opening a sentence only links it to the last one.
    text = re.sub(r"^(?:But|And|Yet|So)\s+(?=[A-Z])", "", text)
    text = _RELATIVE_TIME.sub("", text)
    return text[:1].upper() + text[1:] if text else text


def has_markup(text: str) -> bool:
    return bool(_MARKUP.search(text))


def balanced(text: str) -> bool:
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack: list[str] = []
    for ch in _BRACKET.findall(text):
        if ch in pairs:
            stack.append(pairs[ch])
        elif ch in pairs.values():
            if not stack or stack.pop() != ch:
                return False
    return not stack and text.count('"') % 2 == 0


def contains_words(haystack: str, needle: str) -> bool:
    """Whether ``needle`` occurs in ``haystack`` as whole words, ignoring case and punctuation."""
    n = norm(needle)
    if not n:
        return False
    h = (
        " "
        + " ".join(
            unicodedata.normalize("NFKC", haystack).casefold()
            .translate(_PUNCTUATION_TO_SPACE).split()
        )
        + " "
    )
    return f" {n} " in h


def content_words(text: str) -> list[str]:
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return [w for w in words if len(w) > 2 and w.casefold() not in STOPWORDS]


# How every true/false statement is asked; the one place that spells it.
TRUE_FALSE_LEAD = "Is it correct that "


def statement_of(prompt: str) -> str:
    """A prompt without the true/false lead: the statement itself."""
    return prompt.removeprefix(TRUE_FALSE_LEAD)


def lower_first(text: str) -> str:
    """Lower-case an opening function word so the sentence can follow "that"."""
    first = text.split(" ", 1)[0]
    if first.casefold() in FUNCTION_WORDS:
        return first.casefold() + text[len(first) :]
    return text


def sentence_body(text: str) -> str:
    return text.rstrip().rstrip(".!;:").rstrip()


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def resolve_pronoun(text: str, person_name: str | None) -> str | None:
    """Replace the first "he"/"she" by ``person_name``; None when there is none to use.

    Who "he" is, is decided by :meth:`Corpus.pronoun_referent`.
    """
    m = re.search(r"\b([Hh]e|[Ss]he)\b", text)
    if not m:
        return text
    if not person_name:
        return None
    return text[: m.start()] + person_name + text[m.end() :]


def resolve_definite(text: str, topic_name: str | None) -> str:
    """ "The war began …" in an article about a war: name it, so the sentence stands alone."""
    if not topic_name:
        return text
    m = re.match(r"^The ([a-z]+)\b", text)
    if not m:
        return text
    head = m.group(1).casefold()
    words = [w.casefold() for w in re.findall(r"[\w-]+", topic_name)]
    if head in words and len(words) > 1:
        name = topic_name if topic_name.casefold().startswith("the ") else "the " + topic_name
        return capitalise(name) + text[m.end() :]
    return text


def clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the comma- or semicolon-separated segments of a sentence."""
    spans, start = [], 0
    for m in re.finditer(r"[;,]\s+", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


# Irregular past tenses → (base form, past participle).
_IRREGULAR = {
    "was": ("be", "been"), "were": ("be", "been"), "began": ("begin", "begun"),
    "became": ("become", "become"), "came": ("come", "come"), "went": ("go", "gone"),
    "fought": ("fight", "fought"), "took": ("take", "taken"), "gave": ("give", "given"),
    "met": ("meet", "met"), "led": ("lead", "led"), "won": ("win", "won"),
    "made": ("make", "made"), "wrote": ("write", "written"), "held": ("hold", "held"),
    "left": ("leave", "left"), "sent": ("send", "sent"), "built": ("build", "built"),
    "brought": ("bring", "brought"), "found": ("find", "found"), "saw": ("see", "seen"),
    "fled": ("flee", "fled"), "fell": ("fall", "fallen"), "rose": ("rise", "risen"),
    "taught": ("teach", "taught"), "spent": ("spend", "spent"), "lost": ("lose", "lost"),
    "sold": ("sell", "sold"), "bought": ("buy", "bought"), "grew": ("grow", "grown"),
    "drew": ("draw", "drawn"), "flew": ("fly", "flown"), "chose": ("choose", "chosen"),
    "spoke": ("speak", "spoken"), "broke": ("break", "broken"), "stood": ("stand", "stood"),
    "ran": ("run", "run"), "sat": ("sit", "sat"), "set": ("set", "set"), "put": ("put", "put"),
    "struck": ("strike", "struck"), "swore": ("swear", "sworn"), "bore": ("bear", "borne"),
    "shot": ("shoot", "shot"), "hid": ("hide", "hidden"), "knew": ("know", "known"),
}  # fmt: skip
_KEEP_E = re.compile(r"(?:[^aeiou][aeiou][vzcsg]|ur|ir|ud|iz|ys|at|ut|ag|eg|ng|rc|rg|ns|ps)$")


def past_forms(word: str) -> tuple[str, str] | None:
    """(base form, past participle) of a past-tense verb, or None when unsure."""
    w = word.casefold()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if not w.endswith("ed") or len(w) < 5:
        return None
    if w in ("died", "lied", "tied"):
        return w[:-1], w
    if w.endswith("ied"):
        return w[:-3] + "y", w
    stem = w[:-2]
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] in "bdgmnprt":
        return stem[:-1], w
    if stem.endswith("e"):  # "agreed", "freed"
        return stem, w
    if _KEEP_E.search(stem) and not re.search(r"(?:ea|ai|oi|ee|oa)[tdn]$|ss$|rs$", stem):
        return stem + "e", w
    return stem, w
