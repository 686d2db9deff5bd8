"""The parts a wh-question is made of: the entity a phrase names, the wh-word, the
clause turned round after it ("did the king sign …"), the answer's text, and the
checks that a question or an answer stands on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from content.generation.clauses import (
    NUMERIC_ENTS,
    Clause,
    fronted,
    join_words,
    span_ids,
    tidy_clause,
    token_text,
)
from content.generation.corpus import Corpus
from content.generation.wh_verbs import question_verb
from content.ingest.types import GROUP, PERSON

# Words that leave a question unanswerable out of context.
UNRESOLVED = {"it", "its", "they", "them", "their", "theirs", "this", "these", "those", "he",
               "she", "him", "his", "her", "hers", "we", "us", "our", "i", "me", "my", "you",
               "your", "itself", "themselves", "himself", "herself", "such", "former",
               "latter", "above", "below", "here", "there", "others", "other", "another",
               "some", "many", "both", "one", "ones", "either", "neither"}  # fmt: skip
# Definite nouns that name one thing in any history text.
_UNIQUE_NOUNS = {"world", "north", "south", "east", "west", "coast", "sea", "ocean", "moon",
                 "sun", "earth", "pope", "public", "population", "interior", "mainland",
                 "end", "beginning", "start", "rest", "majority", "minority", "first",
                 "following", "century", "past", "present", "future", "time", "equator",
                 "globe", "atlantic", "pacific"}  # fmt: skip
NAMED_ENTS = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW",
               "PRODUCT", "LANGUAGE"}
_DEFINING = {"first", "second", "third", "last", "main", "principal", "only", "chief",
             "official", "major", "leading", "capital", "largest", "oldest"}


def entity_at(corpus: Corpus, index: int, start: int, end: int, head=None):  # noqa: ANN001, ANN202
    """The entity whose mention covers most of [start, end), and its head word when given."""
    best = None
    for u in corpus.uses(index):
        s, e = u.mention.start, u.mention.end
        if head is not None and not (s <= head.idx < e):
            continue
        if s >= start - 4 and e <= end + 1 and (e - s) >= 0.5 * (end - start):
            if best is None or (e - s) > (best.mention.end - best.mention.start):
                best = u
    return best


def has_conj(tok) -> bool:  # noqa: ANN001
    """ "X and Y" as an answer: one of them alone would be marked wrong."""
    return any(t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN", "NUM") for t in tok.subtree)


def _resolve_subject(corpus: Corpus, index: int, subject) -> str | None:  # noqa: ANN001
    """The name a "he"/"she" subject stands for (:meth:`Corpus.pronoun_referent`)."""
    if subject.lower_ not in ("he", "she"):
        return None
    person = corpus.pronoun_referent(index)
    return person.name if person is not None else None


def bare_definite(tokens: list) -> bool:
    """ "the treaty", "this craft": a reference the reader cannot resolve out of context."""
    for t in tokens:
        if t.pos_ != "NOUN" or t.dep_ in ("compound", "poss"):
            continue
        dets = [c for c in t.children if c.dep_ == "det"]
        if not dets or dets[0].lower_ not in ("the", "this", "that", "these", "those"):
            continue
        if t.lower_ in _UNIQUE_NOUNS:
            continue
        if dets[0].lower_ != "the":
            return True
        # "the British army" names one; "the new political leader" does not.
        named = any(c.pos_ in ("PROPN", "NUM") or c.dep_ in ("prep", "acl", "relcl", "compound",
                                                             "poss")
                    or (c.dep_ == "amod" and c.text[:1].isupper())
                    for c in t.children)
        if not named:
            return True
    return False


def unresolved(text: str) -> bool:
    return any(w in UNRESOLVED for w in re.findall(r"[a-z]+", text.casefold()))


def defining(c: Clause) -> bool:
    """ "X is the largest / first / main Y …": the subject is what a definition asks for."""
    if c.root.lemma_ != "be" or c.subject.pos_ not in ("NOUN", "PROPN"):
        return False
    attr = next((ch for ch in c.root.children if ch.dep_ == "attr"), None)
    return attr is not None and any(
        t.tag_ in ("JJS", "RBS") or t.lower_ in _DEFINING for t in attr.children
    )


def _titled(use) -> bool:  # noqa: ANN001
    """ "Queen X", "General Y": a person whatever kind the extractor gave the name."""
    if use is None:
        return False
    from content.ingest.names import PERSON_TITLES

    first = use.mention.text.split(" ", 1)[0].rstrip(".").casefold()
    return len(use.mention.text.split()) > 1 and first in {
        t.rstrip(".").casefold() for t in PERSON_TITLES}


def wh_for(use, head=None) -> str:  # noqa: ANN001
    if _titled(use):
        return "Who"
    if head is not None and head.ent_type_ in ("ORG", "GPE", "LOC", "FAC", "EVENT", "LAW",
                                               "WORK_OF_ART", "PRODUCT"):
        return "What"  # the parse knows an empire or a company is no person
    if head is not None and head.ent_type_ == "PERSON" or _titled(use):
        return "Who"
    if use is None and head is not None and head.ent_type_ in ("PERSON", "NORP"):
        return "Who"
    if use is not None and use.entity.kind == PERSON and (head is None or head.pos_ == "PROPN"):
        return "Who"
    if use is not None and use.entity.kind == GROUP and head is not None and (
        head.tag_ in ("NNPS", "NNS") or head.ent_type_ == "NORP"
    ):
        return "Who"
    return "What"


def answer_from(tokens: list) -> str:
    text = token_text(tokens)
    return re.sub(r"^(?:the|The)\s+", "", text) if not re.match(r"^The\s+[A-Z]", text) else text


@dataclass
class Asked:
    prompt: str
    answer: str
    use: object | None
    slot: str
    extra: dict
    removed: frozenset = frozenset()  # token ids of the asked constituent


def inverted(corpus: Corpus, index: int, c: Clause, remove: set[int]) -> str | None:
    """The clause as a question body after the wh-word: "did the king sign …"."""
    root = c.root
    subj_ids = span_ids(c.subject)
    subj = [t for t in c.keep if t.i in subj_ids - remove]
    subject_text = token_text(subj)
    if c.subject.pos_ == "PRON":
        name = _resolve_subject(corpus, index, c.subject)
        if name is None:
            return None
        subject_text = name
    elif subj and (subj[0].pos_ == "DET" or subj[0].ent_type_ in NUMERIC_ENTS or (
        subj[0].pos_ != "PROPN" and not subj[0].ent_type_
        and not (subj[0].text.isupper() and len(subj[0].text) > 1)
    )):
        subject_text = subject_text[:1].lower() + subject_text[1:]
    front, _ = fronted(c, subj_ids)
    if front == [None]:
        return None
    front = [t for t in front if t.i not in remove]
    verb = question_verb(c)
    if verb is None:
        return None
    # "do Ada Voss rewrote": a tag at odds with a singular subject is a misparse.
    if verb.lead == "do" and (c.subject.tag_ in ("NN", "NNP") or c.subject.lower_ in ("he", "she")):
        return None
    skip = subj_ids | remove | {t.i for t in front} | verb.skip
    rest = [t for t in c.keep if t.i not in skip and t.i > min(subj_ids)]
    words = []
    for t in rest:
        text = verb.root_word if t.i == root.i and verb.root_word is not None else t.text
        words.append((t, text))
    body = f"{verb.lead} {subject_text} {tidy_clause(join_words(words))}"
    if front:
        body += " " + token_text(front, lower_first=True)
    return tidy_clause(body)


def specific(tokens: list) -> bool:
    """A common-noun answer specific enough to recall: "a humid tropical climate", not "a port"."""
    content = [t for t in tokens if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") and not t.is_stop]
    return len(content) >= 2 and not any(t.lower_ in UNRESOLVED for t in tokens)

