"""A sentence's main clause, from its dependency parse, and the verb forms a question needs.

:func:`simplify` keeps the main clause only, without parentheticals, appositions,
non-restrictive relative clauses, adverbial clauses or linking adverbs ("however",
"also"); its time and place phrases stay, because they make the answer unique.
Used by the wh-questions (:mod:`content.generation.wh`) and by the checks that a
sentence is a statement (:func:`has_finite_verb`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from content.generation.wording import tidy

# Dependents of the main verb that belong to another clause or only link sentences.
_DROP_DEPS = {"advcl", "parataxis", "intj", "discourse", "meta", "mark", "dep", "preconj",
              "csubj", "csubjpass"}  # fmt: skip
_LINKING = {"however", "also", "then", "later", "thus", "therefore", "eventually", "still",
            "subsequently", "meanwhile", "instead", "nevertheless", "nonetheless", "moreover",
            "furthermore", "consequently", "hence", "finally", "soon", "too", "again",
            "accordingly", "indeed", "afterwards", "further", "additionally", "likewise",
            "similarly", "first", "second", "now", "already", "previously", "ultimately",
            "alternatively", "otherwise", "in turn"}  # fmt: skip
# "As a result,", "In fact,", "In particular,": prepositional sentence adverbials.
_COMMENT_NOUNS = {"result", "consequence", "fact", "particular", "addition", "contrast",
                  "general", "short", "sum", "turn", "effect", "practice", "theory", "all",
                  "end", "example", "instance", "first", "last", "whole"}  # fmt: skip
MAX_WORDS = 30
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
NUMERIC_ENTS = {"CARDINAL", "PERCENT", "QUANTITY", "ORDINAL", "DATE", "MONEY", "TIME"}


def has_finite_verb(doc) -> bool:  # noqa: ANN001
    """A sentence whose main verb is finite: a statement, not a label.

    "Yao, who came to Taiwan" has a finite verb only inside a relative clause."""
    for sent in doc.sents:
        root = sent.root
        if root.pos_ not in ("VERB", "AUX"):
            continue
        if root.tag_ in FINITE_TAGS or "Fin" in root.morph.get("VerbForm") or any(
            c.dep_ in ("aux", "auxpass") and (c.tag_ in FINITE_TAGS
                                              or "Fin" in c.morph.get("VerbForm"))
            for c in root.children
        ):
            return True
        # "X waived …" tagged as a participle, but with its subject: a past tense.
        if root.tag_ == "VBN" and any(c.dep_ == "nsubj" for c in root.children):
            return True
    for t in doc:
        if t.tag_ in ("VBD", "VBZ", "VBP") and not any(
            a.dep_ in ("relcl", "acl") for a in [t, *t.ancestors]
        ):
            return True
    return False


@dataclass
class Clause:
    root: object
    keep: list  # tokens of the simplified clause, in order
    subject: object | None  # head token of the subject
    passive: bool


def _paren_ids(sent) -> set[int]:  # noqa: ANN001
    out, depth = set(), 0
    for t in sent:
        if t.text in "([":
            depth += 1
        if depth:
            out.add(t.i)
        if t.text in ")]" and depth:
            depth -= 1
    return out


def _drop_subtree(tok, drop: set[int]) -> None:  # noqa: ANN001
    drop.update(t.i for t in tok.subtree)


def _sentence_adverbial(tok) -> bool:  # noqa: ANN001
    """ "Notably, …", "As a result, …": a comment on the sentence, not part of its fact.

    Kept, a question would move it to its end ("… with 133,000 members notably?").
    """
    following = tok.doc[tok.right_edge.i + 1] if tok.right_edge.i + 1 < len(tok.doc) else None
    if tok.i > tok.head.i or following is None or following.text != ",":
        return False
    # "Notably,", and with its own modifiers "Most famously," / "Perhaps most importantly,".
    if tok.dep_ == "advmod" and tok.pos_ == "ADV" and tok.right_edge.i - tok.left_edge.i <= 2 \
            and all(t.pos_ == "ADV" for t in tok.subtree):
        return tok.lower_.endswith("ly") or tok.lower_ in _LINKING
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    return tok.dep_ == "prep" and tok.lower_ in ("as", "in", "above", "after", "for", "at") \
        and pobj is not None and pobj.lemma_ in _COMMENT_NOUNS \
        and tok.right_edge.i - tok.left_edge.i <= 2


def _after_title(tok) -> bool:  # noqa: ANN001
    """An apposition to "the Archbishop of Belmor": the name says which one."""
    head = tok.head
    while head.dep_ == "pobj" and head.head.dep_ == "prep":
        head = head.head.head
    return any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)


def _keep_hyphenated_whole(sent, drop: set[int]) -> None:  # noqa: ANN001
    """ "Lons-le-Saunier" is one word in four tokens: keep all of it or none."""
    group: list[int] = []
    for t in sent:
        group.append(t.i)
        joined = not t.whitespace_ and t.i + 1 < sent.end and (
            t.text == "-" or t.doc[t.i + 1].text == "-")
        if joined:
            continue
        if len(group) > 1 and any(i not in drop for i in group):
            drop.difference_update(group)
        group = []


def simplify(sent) -> Clause | None:  # noqa: ANN001
    root = sent.root
    if root.pos_ not in ("VERB", "AUX") or not (
        root.tag_ in FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS
                                        for c in root.children)
    ):
        return None
    if any(c.dep_ == "neg" for c in root.children):
        return None  # "did not …" questions invite a quibble
    drop = _paren_ids(sent)
    for tok in sent:
        if tok.i in drop:
            continue
        if tok.dep_ == "appos":
            # "the new leader Ada Voss": the apposition is the name that identifies; it stays.
            # So does one glued to its head with no comma: the rest of a name ("von der Saale").
            # So does a name after a title: "the Archbishop of Belmor, Oskar Varn,".
            if not (tok.pos_ == "PROPN" and (
                    tok.head.pos_ == "NOUN" or tok.left_edge.i == tok.head.i + 1
                    or _after_title(tok))):
                _drop_subtree(tok, drop)
        elif tok.dep_ == "relcl" and tok.left_edge.i > sent.start and \
                tok.doc[tok.left_edge.i - 1].text == ",":
            _drop_subtree(tok, drop)  # ", who …," adds, it does not identify
        elif tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in tok.children
        ):
            _drop_subtree(tok, drop)
            drop.update(c.i for c in tok.head.children if c.dep_ in ("cc", "punct")
                        and c.i < tok.i and c.i > tok.head.i)
        elif tok.dep_ == "acl" and tok.left_edge.i > sent.start and \
                tok.doc[tok.left_edge.i - 1].text == ",":
            _drop_subtree(tok, drop)
    for child in root.children:
        if child.dep_ in _DROP_DEPS:
            _drop_subtree(child, drop)
        elif child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
            _drop_subtree(child, drop)
            drop.update(c.i for c in root.children if c.dep_ in ("cc", "preconj")
                        or (c.dep_ == "punct" and c.i > root.i and c.i < child.i))
        elif child.dep_ in ("advmod", "npadvmod") and child.lower_ in _LINKING:
            _drop_subtree(child, drop)
        elif child.dep_ == "prep" and child.lower_ in ("despite", "although", "according"):
            _drop_subtree(child, drop)
        elif _sentence_adverbial(child):
            _drop_subtree(child, drop)
    # "Perhaps most importantly,": the first word modifies the verb, the rest the comment.
    first = sent[0]
    if first.i not in drop and first.dep_ == "advmod" and first.head.i == root.i and \
            first.i + 1 in drop:
        drop.add(first.i)
    _keep_hyphenated_whole(sent, drop)
    keep = [t for t in sent if t.i not in drop and not t.is_space]
    # Commas left at the edges or doubled by the drops.
    while keep and keep[-1].is_punct:
        keep.pop()
    while keep and keep[0].is_punct:
        keep.pop(0)
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")
                    and c.i not in drop), None)
    # Another clause left in (a subject not of the main verb nor of a clause inside it).
    for t in keep:
        if t.dep_ in ("nsubj", "nsubjpass", "expl") and t.head.i != root.i and \
                t.head.dep_ not in ("relcl", "acl", "ccomp", "xcomp", "pcomp", "advcl"):
            return None
        if t.dep_ in ("cc", "conj") and t.head.i == root.i:
            return None
    if subject is None or len(keep) > MAX_WORDS + 16 or len(keep) < 3:
        return None
    passive = subject.dep_ == "nsubjpass"
    return Clause(root, keep, subject, passive)


# Words that open a subordinate clause: a clause they open is no sentence on its own.
SUBORDINATORS = frozenset({"although", "though", "while", "whereas", "because", "if", "unless",
                           "when", "since", "after", "before", "once"})


def addressed_to_reader(sentence) -> bool:  # noqa: ANN001
    """A handout's instruction ("Explain how …", "As you read, note …"): no history to ask.

    An imperative main verb (a base form with no subject) or a word for "you"."""
    if sentence is None:
        return False
    if any(t.lower_ in ("you", "your", "yours", "yourself") for t in sentence):
        return True
    root = sentence.root
    return root.tag_ == "VB" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in root.children)


def subordinate_only(sentence) -> bool:  # noqa: ANN001
    """The parse's main clause is itself subordinate ("Although by 1000, X was complete."):
    no main clause is left, only a fragment."""
    return sentence is not None and any(
        c.dep_ == "mark" and c.lower_ in SUBORDINATORS for c in sentence.root.children)


def join_words(pairs: list) -> str:
    """Tokens' texts (possibly re-inflected) with the spaces between them.

    A token dropped from the middle ("rose up, with help": the comma) took its
    space with it; the words on either side still need one.
    """
    out = []
    for n, (t, text) in enumerate(pairs):
        space = t.whitespace_
        if not space and n + 1 < len(pairs) and pairs[n + 1][0].i != t.i + 1 \
                and pairs[n + 1][1][:1].isalnum():
            space = " "
        out.append(text + space)
    return "".join(out)


def token_text(tokens: list, lower_first: bool = False) -> str:
    pairs = []
    for n, t in enumerate(tokens):
        text = t.text
        if n == 0 and lower_first and (t.pos_ == "DET" or t.ent_type_ in NUMERIC_ENTS or (
                t.pos_ != "PROPN" and not text.isupper() and not t.ent_type_)):
            text = text[:1].lower() + text[1:]
        pairs.append((t, text))
    return tidy_clause(join_words(pairs))


def tidy_clause(text: str) -> str:
    text = re.sub(r"\s*,(\s*,)+", ",", text)
    text = re.sub(r"\s+([,.;:?!%])", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    text = re.sub(r"\s*[,;:–—-]\s*$", "", text)
    return tidy(text).rstrip(" ,;:.")


def span_ids(tok) -> set[int]:  # noqa: ANN001
    return {t.i for t in tok.subtree}


def base_form(root) -> str | None:  # noqa: ANN001
    """The verb's base form, checked both ways: inflecting it again must give the word back."""
    try:
        from lemminflect import getAllInflections, getLemma
    except ImportError:
        return root.lemma_ or None
    lemmas = getLemma(root.lower_, upos="VERB") or (root.lemma_,)
    for lemma in lemmas:
        forms = {f for fs in getAllInflections(lemma, upos="VERB").values() for f in fs}
        if root.lower_ in forms or root.lower_ == lemma:
            return lemma
    return None


def warm_up() -> None:
    try:
        from lemminflect import getInflection, getLemma

        getInflection("found", tag="VBD")
        getLemma("founded", upos="VERB")
    except ImportError:
        pass


def active_past(root) -> str | None:  # noqa: ANN001
    from lemminflect import getInflection

    base = base_form(root)
    if base is None:
        return None
    forms = getInflection(base, tag="VBD")
    return forms[0] if forms else None


def fronted(clause: Clause, subject_ids: set[int]) -> tuple[list, list]:
    """Tokens before the subject (a fronted phrase) and the rest."""
    first = min(subject_ids)
    front = [t for t in clause.keep if t.i < first]
    rest = [t for t in clause.keep if t.i >= first]
    while front and front[-1].is_punct:
        front.pop()
    if any(t.pos_ in ("VERB", "AUX") and (t.tag_ in FINITE_TAGS) for t in front):
        front = [None]  # a whole clause before the subject: the caller gives up
    return front, rest

