"""Wh-questions keep the grammar of their source: voice, tense, auxiliaries, whole phrases.

Every sentence is invented; each group is one class of error blind judges failed.
"""

from __future__ import annotations

import re

import pytest

from content.generation.corpus import Corpus
from content.generation.wh import wh_questions


def _asked(*sentences: str) -> dict[str, str]:
    from content.ingest.pipeline import extract

    corpus = Corpus(extract(" ".join(sentences), "Varnia.txt"))
    return {c.question.prompt: c.question.answer for c in wh_questions(corpus)}


@pytest.fixture(scope="module")
def passive():
    return _asked(
        "The Battle of Varn was fought in 1402.",
        "The Charter of Oslen was promulgated in 1511.",
        "The Kessel Towers were built in 1388.",
        "The Treaty of Brek is signed in 1420 by Queen Ilsa Varn.",
        "The Battle of Oslen, fought in 1405, ended the War of the South.",
    )


def test_a_passive_clause_is_asked_in_the_passive(passive):
    assert passive.get("When was the Battle of Varn fought?") == "1402"
    assert passive.get("When was the Charter of Oslen promulgated?") == "1511"
    assert passive.get("When were the Kessel Towers built?") == "1388"
    assert passive.get("When was the Treaty of Brek signed by Queen Ilsa Varn?") == "1420"


def test_a_passive_participle_is_never_turned_active(passive):
    active = [p for p in passive if re.search(r"\bdid .* (?:fight|promulgate|build|sign)\?$", p)]
    assert active == []
    # "X, fought in 1405, ended …": the participle is no main verb of X.
    assert not any("Oslen" in p and "fight" in p for p in passive)


@pytest.fixture(scope="module")
def auxiliaries():
    return _asked(
        "By 1420 the duke had signed the Treaty of Brek.",
        "The Varnian army had crossed the Kessel River by the end of the war.",
        "The Varnian army had crossed the Oslen River in 1430.",
        "The Kessel Towers had been built in 1388.",
        "King Aldo Brek would found the city of Tarn in 1455.",
        "The fortress of Tarn could be taken in 1456.",
        "The Varnian army was crossing the Belmor River in 1431.",
    )


def test_the_pluperfect_is_asked_in_the_simple_past_or_not_at_all(auxiliaries):
    assert not any(p.split()[1] in ("had", "has") for p in auxiliaries)
    # The year belongs to the crossing: asked in the simple past.
    assert auxiliaries.get("When did the Varnian army cross the Oslen River?") == "1430"
    assert auxiliaries.get("When were the Kessel Towers built?") == "1388"
    # "by 1420", "by the end of the war" are reference points, not dates of the act.
    assert not any("Treaty of Brek" in p or "Kessel River" in p for p in auxiliaries)
    assert "Treaty of Brek" not in auxiliaries.values()


def test_modal_forms_are_not_asked_and_progressives_stay_grammatical(auxiliaries):
    assert not any(re.search(r"\b(?:would|could)\b", p) for p in auxiliaries)
    assert auxiliaries.get("When was the Varnian army crossing the Belmor River?") == "1431"


def test_the_historical_present_is_asked_in_the_past():
    asked = _asked(
        "In 1402 the Varnian army crosses the Kessel River.",
        "In 1470 King Aldo Brek is crowned in Belmor.",
        "In 1490 the Varnian diet elects Aldo Brek king of Varnia.",
    )
    assert asked.get("When did the Varnian army cross the Kessel River?") == "1402"
    assert asked.get("When was King Aldo Brek crowned in Belmor?") == "1470"
    assert asked.get("Where was King Aldo Brek crowned in 1470?") == "Belmor"
    assert not any(re.match(r"\w+ (?:do|does|is|are)\b", p) for p in asked)
    assert not any(re.search(r"\b(?:crosses|elects)\b", p) for p in asked)


def test_a_present_perfect_since_a_date_keeps_its_tense():
    asked = _asked("Queen Ilsa Varn has ruled Varnia since 1460.")
    assert asked.get("What has Queen Ilsa Varn ruled since 1460?") == "Varnia"


def test_no_question_is_built_on_a_cut_or_moved_fragment():
    asked = _asked(
        "The War of the South of (Upper Varnia) took place between 1501 and 1503.",
        "In 1430 the duke surrendered the fortress of Tarn, Aldo Brek during the siege.",
        "King Aldo Brek, who ruled Varnia, signed the Treaty of Oslen in 1420.",
    )
    for prompt, answer in asked.items():
        assert not re.search(r"\b(?:of|in|by|to|at)\s+(?:take|during|\?)|\bof\?$", prompt)
        assert not answer.endswith(" of")
        assert not re.search(r",\s*(?:during|in|at|on)\b", prompt), prompt
    # A relative clause between commas closes up cleanly: that sentence is still asked.
    assert asked.get("When did King Aldo Brek sign the Treaty of Oslen?") == "1420"


def test_the_generator_never_changes_a_word_of_its_source():
    sentences = (
        "The duke formerly ruled the town of Tarn in 1433.",
        "In 1402 the Varnian army crosses the Kessel River.",
        "The Charter of Oslen was promulgated in 1511.",
    )
    asked = _asked(*sentences)
    assert asked
    source = {w.casefold() for w in re.findall(r"[\w']+", " ".join(sentences))}
    question_words = {"when", "where", "who", "whom", "what", "did", "does", "do", "was", "were",
                      "cross", "rule"}  # the verb forms do-support asks for
    for prompt in asked:
        words = {w.casefold() for w in re.findall(r"[\w']+", prompt)}
        assert words <= source | question_words, prompt
    assert any("formerly" in p for p in asked)


def test_a_sentence_adverbial_is_dropped_not_moved_to_the_end():
    asked = _asked(
        "Notably, Varnia has the largest number of Kessel monks in the region, with 1,300 members.",
        "As a result, in 1440 the duke married a second wife, Ada von der Brek, in Belmor.",
    )
    assert asked
    assert not any(re.search(r"\b(?:notably|as a result)\?$", p, re.I) for p in asked)
    # A name glued to its head without a comma is one name: it is not cut to "Ada von der".
    assert not any(re.search(r"von der[,?]", p) for p in asked), asked
    assert any("Ada von der Brek" in p for p in asked), asked


def test_a_subordinate_opener_is_never_taken_for_a_defined_subject():
    from content.generation.echo import definition_questions
    from content.ingest.pipeline import extract

    corpus = Corpus(extract(
        "Although Varnia is the most densely settled country in the Kessel region, farming "
        "still accounts for only 14% of its trade. There is a large salt mining industry. "
        "The Kessel Charter was the first written law code of the Varnian kingdom.",
        "Varnia.txt"))
    answers = {c.question.answer for c in definition_questions(corpus)}
    assert "Kessel Charter" in answers
    assert not any(a.split()[0] in ("Although", "There") for a in answers)


def test_a_participle_or_quotation_cut_short_gives_no_question():
    asked = _asked(
        'In 1420 King Aldo Brek issued a decree stating: "The salt tax of Varnia is abolished."',
        "In 1421 King Aldo Brek sent a letter to the Pope of Varnia.",
    )
    assert asked.get("When did King Aldo Brek send a letter to the Pope of Varnia?") == "1421"
    for prompt in asked:
        assert not re.search(r"\bstating\b|:|\"", prompt), prompt


def test_a_dropped_comma_leaves_its_space_between_the_words():
    from content.generation.clauses import join_words
    from content.ingest.nlp import get_nlp

    doc = get_nlp()("The north rose up, with help from a fleet.")
    kept = [t for t in doc if t.text != ","]
    assert join_words([(t, t.text) for t in kept]) == "The north rose up with help from a fleet."
