"""Captions without a finite verb ask nothing until a template supplies one.

"Varnian troops entering ____ during the Harbor Incident" is a label, not a
sentence. Asked as "A picture shows Varnian troops entering ____ during the
Harbor Incident." it is a full clause whose subject is the picture. Only
captions that describe a scene (a noun phrase followed by what it does or
where it is) get the template; a bare name with an apposition
("Field Marshal X, commander-in-chief of which army?") gets nothing.
"""

from __future__ import annotations

import dataclasses

from content.generation import types as qt
from content.generation.clauses import has_finite_verb
from content.generation.corpus import Candidate, Corpus

TEMPLATE = "A picture shows "
_IN_PLACE = (qt.CLOZE, qt.IMAGE, qt.WHAT, qt.WHO, qt.WHERE, qt.HOW_MANY)
_SCENE_DEPS = {"acl", "prep", "relcl"}


def _scene(doc) -> bool:  # noqa: ANN001
    """A noun phrase followed by a participle, a preposition or a relative clause."""
    sents = list(doc.sents)
    if len(sents) != 1:
        return False
    root = sents[0].root
    if root.pos_ not in ("NOUN", "PROPN") or doc[0].pos_ in ("ADP", "VERB", "SCONJ", "PUNCT"):
        return False
    if any(t.text in (":", ";") for t in doc):
        return False
    # "X, commander-in-chief of Y": a name and its title, not a scene.
    if any(c.dep_ == "appos" for c in root.children):
        return False
    return any(c.dep_ in _SCENE_DEPS for c in root.children)


def with_verb(corpus: Corpus, cand: Candidate) -> Candidate:
    """The candidate asked through "A picture shows …" when its caption has no finite verb."""
    q = cand.question
    if q.passage is None or not corpus.is_caption(q.passage) or q.type not in _IN_PLACE:
        return cand
    prompt = q.prompt
    if prompt.startswith(("Who ", "What ", "When ", "Where ", "Which ", "How ", "In what ",
                          "Complete ")):
        return cand  # a template question already
    doc = corpus.parse(q.passage)
    if doc is None or has_finite_verb(doc) or not _scene(doc):
        return cand
    first = prompt.split(" ", 1)[0]
    lower = first != "____" and (doc[0].pos_ == "DET" or (
        doc[0].pos_ != "PROPN" and not doc[0].ent_type_ and not first.isupper()))
    body = (first[:1].lower() + prompt[1:]) if lower else prompt
    new = dataclasses.replace(q, prompt=TEMPLATE + body)
    return dataclasses.replace(cand, question=new,
                               features={**cand.features, "template": 1.0, "caption": 1.0})
