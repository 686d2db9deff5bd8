"""The verb group of a clause as a question needs it: which word goes before the
subject ("did", "was", "were", "has"), which auxiliaries drop out, and the form the
main verb takes.

A question keeps the voice and the time of its source, but not every form of it:

* a passive stays passive ("was fought" asks "When was the battle fought?");
* the pluperfect ("had signed") only places an event before a reference point;
  asked without that point ("When had the duke signed …?") it reads wrong, so it
  is asked in the simple past, and not at all when the clause is bounded by one
  ("by 1420", "by the end of the war");
* a historical present ("In 1402 the army crosses the river") is asked in the
  past, and a present perfect with a past date ("has signed … in 1420") too;
* a modal ("would found", "could be taken") says what was possible or to come,
  not what happened: no question.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from content.generation.clauses import Clause, base_form

_BOUND_PREPS = {"by", "until", "till", "before"}
# Nouns that make "by the end of …" a reference point like a date.
_TIME_NOUNS = {"end", "time", "close", "death", "middle", "start", "beginning", "year", "century",
               "decade", "day", "month", "outbreak", "turn"}  # fmt: skip
_DO_FORMS = {"did", "does", "do"}


@dataclass(frozen=True)
class Verb:
    lead: str  # the word before the subject in an inverted question
    skip: frozenset  # ids of auxiliaries the question drops
    root_word: str | None  # the main verb's form in an inverted question; None keeps it
    finite: str  # the main verb's form after a subject ("Who signed …"), when lead is do-support


def past_dated(c: Clause) -> bool:
    """The clause is dated in the past: a year before this one, or a century."""
    this_year = datetime.date.today().year
    for t in c.keep:
        if t.ent_type_ != "DATE":
            continue
        if t.lower_ in ("century", "centuries", "millennium"):
            return True
        m = re.fullmatch(r"(\d{3,4})s?", t.text)
        if m and int(m.group(1)) < this_year:
            return True
    return False


def _bounded(c: Clause) -> bool:
    """ "by 1420", "by the end of the war": a reference point the pluperfect is relative to."""
    keep = {t.i for t in c.keep}
    for t in c.keep:
        if t.dep_ != "prep" or t.lower_ not in _BOUND_PREPS or t.head.i != c.root.i:
            continue
        pobj = next((g for g in t.children if g.dep_ == "pobj" and g.i in keep), None)
        if pobj is not None and (pobj.ent_type_ == "DATE" or pobj.lemma_ in _TIME_NOUNS):
            return True
    return False


def _since(c: Clause) -> bool:
    return any(t.lower_ == "since" and t.head.i == c.root.i for t in c.keep)


def _plural(c: Clause) -> bool:
    s = c.subject
    return s.tag_ in ("NNS", "NNPS") or "Plur" in s.morph.get("Number") or s.lower_ in (
        "they", "we") or any(ch.dep_ == "conj" for ch in s.children)


def _past_of(tok) -> str | None:  # noqa: ANN001
    from lemminflect import getInflection

    base = base_form(tok)
    if base is None:
        return None
    if base == "be":
        return None  # "was"/"were" depend on the subject; callers handle "be" apart
    forms = getInflection(base, tag="VBD")
    return forms[0] if forms else None


def _simple_past(c: Clause, auxes: list) -> Verb | None:
    """ "had signed" / "has signed (in 1420)" → "did … sign"; "had been built" → "was … built"."""
    root = c.root
    skip = frozenset(a.i for a in auxes)
    rest = auxes[1:]
    if not rest:
        base, past = base_form(root), _past_of(root)
        if root.tag_ != "VBN" or not base or not past:
            return None
        return Verb("did", skip, base, past)
    if len(rest) == 1 and rest[0].lower_ == "been" and root.tag_ in ("VBN", "VBG"):
        be = "were" if _plural(c) else "was"
        return Verb(be, skip, root.text, root.text)
    return None


def _reduced_relative(c: Clause) -> bool:
    """ "The Battle of X, fought in 1405, ended the war" parsed with "fought" as the main
    verb: asked, it would turn the passive participle active ("When did the battle fight?").
    """
    root = c.root
    if root.tag_ not in ("VBD", "VBN") or root.i < 2 or root.doc[root.i - 1].text != ",":
        return False
    if root.i - 1 <= c.subject.i:
        return False
    from lemminflect import getInflection

    base = base_form(root)
    participles = set(getInflection(base, tag="VBN")) if base else set()
    return root.lower_ in participles and any(
        ch.dep_ == "conj" and ch.pos_ in ("VERB", "AUX")
        and not any(g.dep_ in ("nsubj", "nsubjpass") for g in ch.children)
        for ch in root.children)


def question_verb(c: Clause) -> Verb | None:
    """How the clause's verb is asked, or None when no question reads right."""
    root = c.root
    if _reduced_relative(c):
        return None
    auxes = [ch for ch in root.children if ch.dep_ in ("aux", "auxpass") and ch.i < root.i]
    if any(a.tag_ == "MD" for a in auxes):
        return None
    past = past_dated(c)
    if not auxes:
        if root.lemma_ == "be":
            word = root.lower_
            if past and root.tag_ in ("VBZ", "VBP"):
                word = "were" if root.lower_ == "are" else "was"
            return Verb(word, frozenset({root.i}), "", word)
        do = {"VBD": "did", "VBZ": "does", "VBP": "do"}.get(root.tag_, "")
        base = base_form(root)
        if not do or base is None:
            return None
        if past and do != "did":
            finite = _past_of(root)
            if finite is None:
                return None
            return Verb("did", frozenset(), base, finite)
        return Verb(do, frozenset(), base, root.text)
    first = auxes[0].lower_
    if first == "had":
        return None if _bounded(c) else _simple_past(c, auxes)
    if first in ("has", "have") and past and not _since(c):
        return None if _bounded(c) else _simple_past(c, auxes)
    if past and first in ("is", "are", "am"):
        word = "were" if first == "are" else "was"
        return Verb(word, frozenset({auxes[0].i}), None, word)
    if past and first in ("does", "do"):
        return Verb("did", frozenset({auxes[0].i}), None, "did")
    return Verb(first, frozenset({auxes[0].i}), None, first)


def do_support(v: Verb) -> bool:
    return v.lead in _DO_FORMS
