"""Score every candidate that passed the gates, with features a teacher can check.

Each question gets a score in [0, 1] from named features:

* **grammar**: a statement, cloze or in-place question needs a passage with a
  finite verb (a caption label is no sentence); "six which landings" and
  "X and which war" are not questions;
* **self-containedness**: an unresolved pronoun ("it", "they", "this") or a
  bare definite ("the treaty", "the craft") leaves the question unanswerable;
* **importance**: an event, a person who acts, a date of an event beat a
  number or a photo detail; an answer the document names often matters more,
  but the document's own subject is a guess, not recall;
* **giveaway**: a blank that modifies the next noun ("The ____ government"),
  a blank followed by the place it lies in ("____, Ohio"), a very common word;
* **passage kind** and **length**.

These named features are what a teacher reads beside a draft. What decides
publishing (:mod:`content.generation.publishing`) is the fitted ranker
(:mod:`content.generation.ranker`), whose inputs include them; without its weights
file the hand score here decides, against :data:`PUBLISH_THRESHOLD`.
"""
from __future__ import annotations

import math
import re
from functools import cache

from content.generation import types as qt
from content.generation.corpus import YEAR_KIND, Candidate, Corpus
from content.generation.wording import BLANK, norm, statement_of
from content.ingest.types import CAPTION, EVENT, GROUP, ORGANIZATION, PERSON, PLACE

PUBLISH_THRESHOLD = 0.6

_PRIOR = {
    qt.YEAR: 0.72, qt.WHO: 0.72, qt.WHAT: 0.7, qt.WHERE: 0.7, qt.HOW_MANY: 0.64,
    qt.MULTIPLE_CHOICE: 0.72, qt.CLOZE: 0.6, qt.IMAGE: 0.58, qt.TRUE_FALSE: 0.64,
    qt.ORDER: 0.62,
}  # fmt: skip
_QUESTION_START = re.compile(
    r"^(?:Who|Whom|Whose|What|When|Where|Which|Why|How|In what|In which|On what|At what|"
    r"By whom|Is it correct|Put|Complete)\b"
)
_UNRESOLVED = re.compile(
    r"\b(?:it|its|they|them|their|this|these|those|he|she|him|his|her|we|our|"
    r"such|the former|the latter|here|there)\b",
    re.IGNORECASE,
)
# "the treaty …" opening a statement: which treaty?
_BARE_START = re.compile(r"^(?:The|This|That|These|Those)\s+([a-z][a-z-]+)\b(?!\s+(?:of|[A-Z]))")
_BARE_INSIDE = re.compile(
    r"\b(?:the|this|that)\s+(?:war|treaty|battle|craft|ship|city|country|king|queen|emperor|"
    r"army|government|president|company|party|agreement|conflict|siege|campaign|revolution|"
    r"empire|dynasty|state|region|island|mission|operation|attack|invasion|project|plan|"
    r"book|film|church|movement|man|woman|group|event|incident)\b(?!\s+(?:of|[A-Z]))")
# "this" first, as a literal the engine scans for fast (asked several times of every
# question); the look-behind is the word boundary before it.
ON_SCREEN = re.compile(r"this(?<!\wthis) (?:photograph|picture)\b")
_COMMON_REFERENTS = {"world", "north", "south", "east", "west", "coast", "sea", "moon", "sun",
                     "earth", "pope", "population", "majority", "first", "same"}  # fmt: skip
_BAD_WH = re.compile(r"\b(?:\d+|the|a|an|two|three|four|five|six|seven|eight|nine|ten|and|or|"
                     r"that)\s+"
                     r"(?:which|what|how many)\b", re.IGNORECASE)
_KIND_BONUS = {EVENT: 0.06, PERSON: 0.04, GROUP: 0.0, PLACE: 0.0, ORGANIZATION: 0.0,
               YEAR_KIND: 0.03}  # fmt: skip


def _trimmed(shown: str, passage: str, seen: dict | None = None) -> bool:
    """The prompt keeps under three quarters of its sentence: a cut, often mid-thought.

    ``seen`` keeps each passage's sentence words, for a caller that asks again."""
    from content.ingest.sentences import split_sentences

    words = set(re.findall(r"\w+", shown.casefold()))
    best = 0.0
    sentences = seen.get(passage) if seen is not None else None
    if sentences is None:
        sentences = [re.findall(r"\w+", re.sub(r"\([^()]*\)", "", sentence).casefold())
                     for sentence in split_sentences(passage)]
        if seen is not None:
            seen[passage] = sentences
    for own in sentences:
        if own:
            best = max(best, sum(1 for w in own if w in words) / len(own))
    return best < 0.75


def warm_up() -> None:
    zipf("the")


@cache
def zipf(word: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # the generator still ranks without word frequencies
        return 0.0
    return zipf_frequency(word, "en")


def _finite(corpus: Corpus, index: int | None) -> bool:
    if index is None:
        return True
    cache = corpus.__dict__.setdefault("_finite", {})
    if index not in cache:
        doc = corpus.parse(index)
        if doc is None:
            return True
        from content.generation.clauses import has_finite_verb

        cache[index] = has_finite_verb(doc)
    return cache[index]


_BAD_ANSWER_START = re.compile(
    r"^(?:this|these|that|those|although|though|however|while|when|because|since|if|it|"
    r"they|his|her|its|their|such|both|another|other|some|during|in|on|at|after|before|by|"
    r"and|but|or|there|here)\b", re.IGNORECASE)
# A statement that is only a subordinate clause, or that leans on the sentence before.
_SUBORDINATE_START = re.compile(r"^(?:although|though|because|while|whereas|if|and|but|or|so|"
                                r"however|yet|nor)\b", re.IGNORECASE)


_NAME = r"(?:[A-Z][\w.’'-]*\s?(?:of\s|de\s|von\s)?){1,4}"
_LIST_AFTER = re.compile(re.escape(BLANK) + r",\s+" + _NAME + r"(?:,|\s+and\b)")
_LIST_BEFORE = re.compile(_NAME + r",\s+" + _NAME + r",?\s+(?:and\s+)?" + re.escape(BLANK))


def _in_a_list(prompt: str) -> bool:
    """The blank is one short item of a comma list ("A, B, General ____, C and D")."""
    if _LIST_AFTER.search(prompt) or _LIST_BEFORE.search(prompt):
        return True
    parts = [p.strip() for p in re.split(r",\s+|\s+and\s+", prompt)]
    hit = next((i for i, p in enumerate(parts) if BLANK in p), None)
    if hit is None or len(parts[hit].split()) > 4:
        return False
    short = [i for i, p in enumerate(parts) if i != hit and len(p.split()) <= 4
             and abs(i - hit) <= 2]
    return len(short) >= 2


def full_clause(corpus: Corpus, index: int | None, shown: str) -> bool:
    """The shown text keeps a main clause of its passage: the finite root verb and its subject."""
    if index is None:
        return True
    doc = corpus.parse(index)
    if doc is None:
        return True
    words = set(re.findall(r"[\w’'-]+", shown.casefold()))
    # Each passage's verb roots and their subjects, found once.
    clauses = corpus.__dict__.setdefault("_main_clauses", {})
    if index not in clauses:
        clauses[index] = [
            (sent.root.lower_, [(c.lower_, c.pos_) for c in sent.root.children
                                if c.dep_ in ("nsubj", "nsubjpass", "expl")])
            for sent in doc.sents if sent.root.pos_ in ("VERB", "AUX")
        ]
    for root, subj in clauses[index]:
        # A pronoun subject may have been replaced by the name it stands for.
        if root in words and (not subj or any(lower in words or pos == "PRON"
                                              for lower, pos in subj)):
            return True
    return False


def features(cand: Candidate, corpus: Corpus) -> dict[str, float]:
    """Named penalties and bonuses (added to the type's prior) for one candidate."""
    q = cand.question
    f: dict[str, float] = {}
    prompt = q.prompt
    passage = corpus.passages[q.passage] if q.passage is not None else None
    in_place = not _QUESTION_START.match(prompt) or prompt.startswith(("Is it correct",
                                                                       "Complete"))
    templated = bool(cand.features.get("template"))
    # Grammar.
    if in_place and not templated and not _finite(corpus, q.passage):
        if not (q.type == qt.IMAGE and prompt.startswith("Complete")):
            f["no finite verb"] = -1.0
    if q.type in (qt.CLOZE, qt.TRUE_FALSE) and not templated and not full_clause(
        corpus, q.passage,
        statement_of(prompt).replace(BLANK, q.answer if q.type == qt.CLOZE else ""),
    ):
        f["not a full clause"] = -1.0
    if _BAD_ANSWER_START.match(q.answer):
        f["answer is a fragment"] = -1.0
    if q.type in (qt.TRUE_FALSE, qt.CLOZE) or in_place:
        if _SUBORDINATE_START.match(statement_of(prompt)):
            f["a subordinate clause or a continuation"] = -0.5
    title = corpus.extraction.document.title
    if title and norm(q.answer) == norm(title) and q.type != qt.TRUE_FALSE:
        f["the document's title"] = -0.25
    if in_place and q.type in (qt.WHAT, qt.WHO, qt.HOW_MANY, qt.MULTIPLE_CHOICE):
        f["asked in place"] = -0.08 if len(prompt.split()) <= 22 else -0.18
    if q.type in (qt.CLOZE, qt.TRUE_FALSE, qt.WHAT, qt.HOW_MANY) and in_place and passage \
            is not None and not templated and _trimmed(
                statement_of(prompt), passage.text, corpus.__dict__.setdefault("_trimmed", {})):
        f["cut from a longer sentence"] = -0.2
    if in_place and re.match(r"(?:A\s+)?(?:Photo|Photograph|Picture|Image|Map|Poster|Stamp)\b",
                             prompt):
        f["a picture's label"] = -0.3
    if in_place and re.search(r",\s*(?:\w+\s+)?\d{3,4}\?$", prompt):
        f["a date left hanging"] = -0.2
    if _BAD_WH.search(prompt):
        f["wh-word inside a phrase"] = -1.0
    if q.type in (qt.WHAT, qt.HOW_MANY, qt.WHO) and in_place and "," in prompt.split("?")[0][:40] \
            and not _finite(corpus, q.passage):
        f["label, not a question"] = -1.0
    # Self-containedness.
    body = statement_of(prompt)
    shown = body.replace(BLANK, " ")
    unresolved = _UNRESOLVED.search(ON_SCREEN.sub("", shown))
    if q.type not in (qt.IMAGE, qt.ORDER) and unresolved:
        # "Ada Voss … her colleague" has its antecedent; "It was signed …" does not.
        before = shown[: unresolved.start()]
        antecedent = re.search(r"\b[A-Z][a-z]+", before[1:]) or (
            BLANK in prompt and prompt.index(BLANK) < unresolved.start())
        if antecedent and unresolved.group(0).casefold() in ("his", "her", "their", "its",
                                                            "them", "him"):
            f["pronoun with an antecedent"] = -0.06
        else:
            f["unresolved reference"] = -0.35
    bare = _BARE_START.match(body[:1].upper() + body[1:])
    if bare and bare.group(1).casefold() not in _COMMON_REFERENTS:
        f["bare definite at the start"] = -0.3
    if cand.features.get("bare_definite"):
        f["bare definite"] = -0.4
    elif not cand.features.get("wh") and _BARE_INSIDE.search(shown):
        f["bare definite"] = -0.15
    # Importance of the answer.
    key = cand.answer_entity
    if key:
        count = corpus.mention_count(key)
        f["answer mentioned often"] = round(min(0.08, 0.03 * math.log2(1 + count)), 3)
        # The document's own subject is the answer a student guesses anyway; less so among
        # the people of a "Who …?" question.
        who = prompt.startswith(("Who ", "Whom ")) and cand.answer_kind == PERSON
        if corpus.is_recurring(key) and q.type != qt.TRUE_FALSE:
            f["the document's own subject"] = -0.1 if who else -0.25
        topic = corpus.topic_entity(passage) if passage is not None else None
        if topic is not None and topic.key == key and q.type not in (qt.TRUE_FALSE,) and not who:
            f["the passage's topic"] = -0.15
    kind = cand.answer_kind or ""
    if kind in _KIND_BONUS:
        f["answer kind"] = _KIND_BONUS[kind]
    if q.type == qt.HOW_MANY or (q.type == qt.CLOZE and re.fullmatch(r"[\d.,]+", q.answer)
                                 and cand.answer_kind != YEAR_KIND):
        f["a number"] = -0.06
    # Giveaways around a blank.
    if BLANK in prompt:
        after = prompt.split(BLANK, 1)[1]
        if re.match(r"\s+[a-z]{3,}\b", after) and not re.match(
            r"\s+(?:was|were|is|are|had|has|have|and|or|in|on|at|of|to|for|by|with|from|as|"
            r"which|who|that|when|where|after|before|during|did|does|became|led|took|"
            r"[a-z]+ed)\b", after
        ):
            f["blank modifies the next word"] = -0.3
        if re.match(r",\s+[A-Z][a-z]+\b(?:[,.]|$)", after):
            f["blank followed by its region"] = -0.2
        b = re.escape(BLANK)
        if re.search(rf"\b(?:[A-Z][a-z]+,\s+){{2,}}{b}|{b}(?:,\s+[A-Z][a-z]+){{2,}}|"
                     rf"{b},?\s+and\b|,\s*{b}\s*,|\b(?:and|or|both)\s+(?:the\s+)?{b}", prompt):
            f["one name of a list"] = -0.3
        elif _in_a_list(prompt):
            f["one name of a list"] = -0.3
    # A blank on a very common name ("… of ____" → Africa) is a guess, not recall.
    words = q.answer.split()
    if len(words) == 1 and q.type not in (qt.TRUE_FALSE, qt.ORDER, qt.MULTIPLE_CHOICE) and \
            not q.answer[:1].isdigit():
        common = zipf(q.answer.casefold())
        if common >= 5.0 or (BLANK in prompt and common >= 4.5):
            f["a very common word"] = -0.15
    # Passage kind and length. With its picture on screen a caption is asked about what
    # the student sees, which is what the picture is there for.
    if passage is not None and passage.kind == CAPTION and not ON_SCREEN.search(prompt):
        f["caption"] = -0.08
    n = len(prompt.split())
    if n > 40:
        f["long"] = -0.25
    elif n > 30:
        f["long"] = -0.1
    elif n > 25:
        f["long"] = -0.04
    if q.type == qt.TRUE_FALSE and q.answer == "True" and (
        passage is not None and norm(passage.text) in norm(prompt)
    ):
        f["copies its sentence"] = -0.04
    return f


def score(cand: Candidate, corpus: Corpus) -> float:
    feats = features(cand, corpus)
    prior = _PRIOR.get(cand.question.type, 0.6)
    if cand.features.get("wh"):
        prior = 0.76
    elif ON_SCREEN.search(cand.question.prompt):
        prior = 0.68
    # The builder's own confidence still orders questions of one kind.
    builder = cand.question.score
    value = prior + 0.1 * (builder - 0.5) + sum(feats.values())
    cand.question.features = {k: round(v, 3) for k, v in feats.items() if v}
    return round(min(max(value, 0.0), 1.0), 3)
