"""The generator on a real extraction: every question of a whole document passes the gates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from content.generation import generate
from content.generation import types as qt
from content.generation.wording import norm
from content.ingest.sensitivity import sensitivity_reason
from content.ingest.types import SENTENCE

DOC = Path(__file__).resolve().parents[2] / "bench" / "data" / "second_doc.txt"


@pytest.fixture(scope="module")
def extraction():
    from content.ingest.pipeline import extract

    return extract(DOC.read_text(encoding="utf-8"), DOC.name)


@pytest.fixture(scope="module")
def result(extraction):
    return generate(extraction, seed=7)


def test_it_generates_every_question_type_a_document_supports(result):
    types = {q.type for q in result.all_questions}
    assert {qt.YEAR, qt.WHO, qt.CLOZE, qt.TRUE_FALSE, qt.HOW_MANY} <= types


def test_every_question_holds_the_gates(result, extraction):
    keys = set()
    for q in result.all_questions:
        assert q.key not in keys
        keys.add(q.key)
        passage = extraction.passages[q.passage]
        assert not passage.sensitive
        assert not sensitivity_reason(" ".join([q.prompt, q.answer, *q.choices]), SENTENCE)
        assert q.prompt[:1].isupper() or q.prompt.startswith("____")
        assert q.prompt.endswith("?") or "____" in q.prompt
        assert "  " not in q.prompt and "[[" not in q.prompt and "{{" not in q.prompt
        if q.type != qt.ORDER:
            assert q.answer.casefold() not in q.prompt.casefold()
        if q.type == qt.MULTIPLE_CHOICE:
            assert len({norm(c) for c in q.choices}) == 4 and q.answer in q.choices
        if q.type == qt.TRUE_FALSE:
            assert q.choices == ["True", "False"]
        if q.type == qt.ORDER:
            assert sorted(q.answer.split(" → ")) == sorted(q.choices)
        if q.fact is not None:
            assert extraction.facts[q.fact].passage == q.passage or q.type == qt.ORDER


def test_prompts_are_unique_and_unambiguous(result):
    generic = {"who is shown in this photograph", "in what order did these events happen "
               "earliest first"}
    prompts = [norm(q.prompt) for q in result.all_questions if norm(q.prompt) not in generic]
    assert len(prompts) == len(set(prompts))


def test_it_is_deterministic_on_a_real_document(extraction, result):
    again = generate(extraction, seed=7)
    assert [(q.key, q.prompt, q.choices) for q in again.all_questions] == [
        (q.key, q.prompt, q.choices) for q in result.all_questions]
    assert all(re.fullmatch(r"[0-9a-f]{20}", q.key) for q in result.all_questions)
