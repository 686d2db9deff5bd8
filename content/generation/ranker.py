"""The publishing ranker: how likely a demanding teacher is to accept a question.

:mod:`content.generation.scoring` names what is wrong with a candidate ("unresolved
reference", "a picture's label", …) for the teacher to read. How much each of those
matters, next to the question's type, its passage and its answer, is not guessed
here: a logistic model is fitted to blind judges' verdicts on questions from the
*tune* documents only (``bench/fit_ranker.py``, which writes
``ranker_weights.json`` beside this module). Its probability is the score that
decides what students see.

The signals are plain numbers a reader can check against the question; a signal
the weights do not know counts for nothing, so adding one never breaks an old
weights file.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from pathlib import Path

from content.generation import types as qt

WEIGHTS = Path(__file__).with_name("ranker_weights.json")

# Named scoring features that carry a magnitude, not just a presence.
_GRADED = {"answer mentioned often": 0.08, "answer kind": 0.06}
_YEARISH = re.compile(r"^\D*\d{3,4}\D*$")


# Verbs of things done in history, against being, having and ranking: what a
# history question asks about. General English, not any document's vocabulary.
ACTION_VERBS = frozenset("""
abdicate abolish annex appoint arrest assassinate attack besiege build capture cede claim
command conquer convert crown declare defeat depose destroy discover elect establish
execute exile expand fight flee found govern grant invade kill lead liberate marry negotiate
occupy oppose order overthrow proclaim publish raid rebel recapture reform reign rule sack
seize sign succeed surrender unite win withdraw introduce launch abandon invent ban
""".split())
STATISTIC = re.compile(r"%|\bper ?cent\b|\bmillion\b|\bbillion\b|\bkm\b|\bsquare\b|"
                       r"\bGDP\b|\bpopulation\b|\brank(?:ed|ing|s)?\b|\baverage\b",
                       re.IGNORECASE)
_PICTURED = re.compile(r"\b(?:pictured|photographed|picture|photograph|shown|depicted)\b",
                       re.IGNORECASE)
# A year of the first millennium counts only after "in" ("in 754"); elsewhere it is a count.
_YEAR_WORD = r"\b(?:1\d{3}|20\d{2})\b|(?<=\b[Ii]n )[1-9]\d{2}\b"
_YEAR = re.compile(_YEAR_WORD)
_ANCHOR = re.compile(rf"(?<!^)(?<![.?!]\s)\b[A-Z][\w'’-]+|{_YEAR_WORD}")

_LEANING = re.compile(r"\b(?:later|still|again|also|other|others|another|then|remaining|former|"
                      r"latter|too|once more|by then|now)\b")


def sentence_signals(sentence, prompt: str, answer: str,  # noqa: ANN001
                     seen: dict | None = None) -> dict[str, float]:
    """What the source sentence's parse says: tense, kind of verb, statistics, anchors.

    ``seen`` keeps each sentence's part, for a caller that asks of one sentence again."""
    x: dict[str, float] = {}
    if sentence is not None and seen is not None and sentence in seen:
        x = dict(seen[sentence])
    elif sentence is not None:
        root = sentence.root
        tags = {root.tag_} | {c.tag_ for c in root.children if c.dep_ in ("aux", "auxpass")}
        if tags & {"VBD"} or (root.tag_ == "VBN" and "VBZ" not in tags and "VBP" not in tags):
            x["past tense"] = 1.0
        elif tags & {"VBZ", "VBP"}:
            x["present tense"] = 1.0
        if root.lemma_.casefold() in ACTION_VERBS:
            x["action verb"] = 1.0
        text = sentence.text
        if STATISTIC.search(text):
            x["statistic"] = 1.0
        if _YEAR.search(text):
            x["sentence has a year"] = 1.0
        if seen is not None:
            seen[sentence] = dict(x)
    # Words that point back into the text around the sentence: judged acceptable about a
    # third of the time against a half overall (bench/results/judging, 2026-12-02).
    leaning = len(_LEANING.findall(prompt))
    if leaning:
        x["words that lean on context"] = min(leaning, 2) / 2
    own = set(answer.casefold().split())
    anchors = [m.group(0) for m in _ANCHOR.finditer(prompt) if m.group(0).casefold() not in own]
    x["anchors in the prompt"] = min(len(anchors), 6) / 3
    return x


def signals(
    question: qt.GeneratedQuestion,
    *,
    named: dict[str, float],
    builder: float,
    answer_kind: str,
    wh: bool,
    on_screen: bool,
    caption: bool,
    passage_words: int,
    position: float,
    mentions: int,
    answer_zipf: float,
) -> dict[str, float]:
    """The model's inputs for one candidate; ``named`` are scoring's named features."""
    x: dict[str, float] = {
        f"type:{question.type}": 1.0,
        "builder": builder - 0.5,
        "prompt words": len(question.prompt.split()) / 10,
        "answer words": min(len(question.answer.split()), 8) / 4,
        "passage words": min(passage_words, 80) / 20,
        "early in the document": 1.0 - position,
        "answer mentions": math.log2(1 + mentions) / 4,
        "answer is common": answer_zipf / 7,
    }
    if answer_kind:
        x[f"kind:{answer_kind}"] = 1.0
    if wh:
        x["wh-question"] = 1.0
    if on_screen:
        x["picture on screen"] = 1.0
    if _PICTURED.search(question.prompt):
        x["asks about a picture"] = 1.0
    if caption:
        x["caption"] = 1.0
    if question.type == qt.TRUE_FALSE:
        x["false statement"] = 1.0 if question.answer == "False" else 0.0
    if _YEARISH.match(question.answer):
        x["answer is a year"] = 1.0
    for name, value in named.items():
        if name.startswith("veto: "):
            x["veto"] = x.get("veto", 0.0) + 1.0
        elif name in _GRADED:
            x[f"f:{name}"] = value / _GRADED[name]
        else:
            x[f"f:{name}"] = 1.0
    return x


@cache
def fitted() -> dict | None:
    """The shipped model (weights, bias, threshold), or None without a weights file."""
    if not WEIGHTS.exists():
        return None
    return json.loads(WEIGHTS.read_text(encoding="utf-8"))


def probability(x: dict[str, float], model: dict | None = None) -> float | None:
    """P(acceptable) under ``model`` (the shipped one by default), or None without one."""
    model = model if model is not None else fitted()
    if model is None:
        return None
    weights = model["weights"]
    z = model["bias"] + sum(weights.get(k, 0.0) * v for k, v in x.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
