"""Vetoes from the dev judges' reasons on prose (gen-2.2), each on invented sentences."""

from __future__ import annotations

import pytest

from content.generation import types as qt
from content.generation.corpus import Corpus, candidate
from content.generation.vetoes import vetoes
from content.ingest.types import (
    EVENT,
    PERSON,
    PLACE,
    SENTENCE,
    Entity,
    Extraction,
    Mention,
    ParsedDocument,
    Passage,
)

SENTENCES = [
    "Varnia signed the Treaty of Kessel in 1231.",
    "Queen Ilsa Varn ruled Varnia; her cousin Aldo Brek lived in Belmor.",
    "Rising tensions led Queen Ilsa Varn to close the border with Belmor.",
    "The President signed a Border Bill in 2014.",
]


NEW = (
    "names no place", "a vague or mental predicate", "ends on a word that points back",
    "indefinite", "sports", "an estimate", "the hour", "a plan or target", "family of",
    "a prompt word is built", "the answer leans", "a person's ailments", "a sentence's opening",
)


def _corpus(title: str) -> Corpus:
    passages = [
        Passage(text=t, raw=t, kind=SENTENCE, topic=None, order=i)
        for i, t in enumerate(SENTENCES)
    ]
    entities = [
        Entity(key="varnia", name="Varnia", kind=PLACE),
        Entity(key="belmor", name="Belmor", kind=PLACE),
        Entity(key="ilsa varn", name="Ilsa Varn", kind=PERSON),
        Entity(key="aldo brek", name="Aldo Brek", kind=PERSON),
        Entity(key="kessel revolt", name="Kessel Revolt", kind=EVENT),
    ]
    mentions = [
        Mention(0, "varnia", 0, 6, "Varnia"),
        Mention(1, "ilsa varn", 0, 15, "Queen Ilsa Varn"),
        Mention(1, "varnia", 22, 28, "Varnia"),
        Mention(1, "aldo brek", 41, 50, "Aldo Brek"),
        Mention(1, "belmor", 60, 66, "Belmor"),
        Mention(2, "ilsa varn", 21, 36, "Queen Ilsa Varn"),
        Mention(2, "belmor", 61, 67, "Belmor"),
    ]
    doc = ParsedDocument(title=title, layout="markdown", topics=[], passages=passages)
    return Corpus(Extraction(document=doc, entities=entities, mentions=mentions, facts=[]))


@pytest.fixture
def corpus():
    return _corpus("Varnia")


def _vetoes(corpus, prompt, answer="Ilsa Varn", qtype=qt.WHO, passage=0):
    return vetoes(candidate(corpus, qtype, prompt, answer, passage), corpus)


def test_a_place_titled_document_needs_a_place_in_the_prompt(corpus):
    reason = "names no place in a document about one"
    assert reason in _vetoes(corpus, "Who signed a Border Bill in 2014?", passage=3)
    assert reason in _vetoes(corpus, "Who signed a Border Bill in December 2014?", passage=3)
    assert reason not in _vetoes(corpus, "Who signed a Border Bill of Varnia in 2014?", passage=3)
    # The title's adjective names it too, and so does any other place.
    assert reason not in _vetoes(corpus, "Who signed the Varnian Border Bill in 2014?", passage=3)
    assert reason not in _vetoes(corpus, "Who closed the border with Belmor?", passage=2)
    # A name after a preposition of place, or a named event, places the question.
    assert reason not in _vetoes(corpus, "Who signed a Border Bill in Tarn in 2014?", passage=3)
    assert reason not in _vetoes(corpus, "When did the Kessel Revolt begin?", "1231", qt.YEAR,
                                 passage=3)
    # A document titled by a person is not held to it.
    other = _corpus("Ilsa Varn")
    assert reason not in _vetoes(other, "Who signed a Border Bill in 2014?", passage=3)


@pytest.mark.parametrize(
    "prompt, answer, qtype, reason",
    [
        ("Who was determined to close the border with Belmor?", "Ilsa Varn", qt.WHO,
         "a vague or mental predicate"),
        ("When did Queen Ilsa Varn deal largely with Belmor?", "1231", qt.YEAR,
         "a vague or mental predicate"),
        ("____ agreed that Varnia should close the border.", "Aldo Brek", qt.CLOZE,
         "a vague or mental predicate"),
        ("When did Queen Ilsa Varn close the border with Belmor as a consequence?", "1231",
         qt.YEAR, "ends on a word that points back"),
        ("What is a famous landmark in Varnia?", "Kessel Gate", qt.WHAT,
         "indefinite: one of many"),
        ("Who won the Belmor marathon in 1231?", "Aldo Brek", qt.WHO,
         "sports results and records"),
        ("Who estimates the silver reserves of Varnia?", "Aldo Brek", qt.WHO, "an estimate"),
        ("Is it correct that at 1 a.m. Queen Ilsa Varn awoke in Varnia?", "True",
         qt.TRUE_FALSE, "the hour of the day"),
        ("Is it correct that Varnia aims to build a canal by 2030?", "True", qt.TRUE_FALSE,
         "a plan or target, not an event"),
        ("Who was the mother of Aldo Brek?", "Mira Brek", qt.WHO,
         "family of someone the document only mentions"),
        ("Who was the member of the Belmor Guard?", "Aldo Brek", qt.WHO,
         "more than one person fits"),
        ("____ founded the Brekist movement in Belmor.", "Aldo Brek", qt.CLOZE,
         "a prompt word is built on the answer"),
        ("What do farmers make up in Varnia?", "most of the nation's residents", qt.WHAT,
         "the answer leans on context"),
        ("In ____, Queen Ilsa Varn began to suffer from gout in Belmor.", "1240", qt.CLOZE,
         "a person's ailments"),
    ],
)
def test_it_vetoes_what_dev_judges_refused(corpus, prompt, answer, qtype, reason):
    found = _vetoes(corpus, prompt, answer, qtype, passage=1)
    assert any(reason in r for r in found), found


def test_a_sentence_opening_capital_left_mid_question_is_ungrammatical(corpus):
    reason = "a sentence's opening capital in mid-question"
    bad = "When did Rising tensions lead Queen Ilsa Varn to close the border with Belmor?"
    good = "When did rising tensions lead Queen Ilsa Varn to close the border with Belmor?"
    assert reason in _vetoes(corpus, bad, "1231", qt.YEAR, passage=2)
    assert reason not in _vetoes(corpus, good, "1231", qt.YEAR, passage=2)


@pytest.mark.parametrize(
    "prompt, answer, qtype",
    [
        ("Who believed that Varnia needed the Treaty of Kessel?", "Ilsa Varn", qt.WHO),
        ("When did the Varnian League of Towns form?", "1231", qt.YEAR),
        ("What did Queen Ilsa Varn condemn in Varnia?", "the idea that the mass is a sacrifice",
         qt.WHAT),
        ("What was an empire that lasted from 1100 to 1231 beside Varnia?", "Belmor", qt.WHAT),
        ("Who signed the Treaty of Kessel for Varnia in 1231?", "Ilsa Varn", qt.WHO),
    ],
)
def test_the_new_vetoes_leave_sound_questions_alone(corpus, prompt, answer, qtype):
    found = _vetoes(corpus, prompt, answer, qtype, passage=1)
    assert not [r for r in found if r.startswith(NEW)], found


def test_the_family_of_the_person_the_document_is_about_is_asked(corpus):
    found = _vetoes(corpus, "Who was the mother of Ilsa Varn?", "Mira Varn", qt.WHO, passage=1)
    assert not [r for r in found if r.startswith("family of")], found
