"""A person's short name in a question becomes their full name, when that is certain."""

from __future__ import annotations

import pytest

from content.generation import generate
from content.ingest.pipeline import extract

SUCCESSION = """# The Varnian Succession

King Edward Marlow of Varnia was born in 1312. Queen Ilsa Brandt ruled the southern provinces.
In 1340, Edward invaded the southern provinces with a large army.
Ilsa signed the Treaty of Kessel with Edward in 1348.
Fort Edward was built in 1350 by the engineers of the crown.
"""

TWO_EDWARDS = """# Two Edwards

Edward Marlow was born in 1312. Edward Tarrant was born in 1315.
In 1340, Edward invaded the southern provinces with a large army.
"""


@pytest.fixture(scope="module")
def prompts():
    result = generate(extract(SUCCESSION, "succession.md"))
    return {q.prompt for q in result.all_questions}


def test_a_short_name_introduced_earlier_becomes_the_full_name(prompts):
    assert "When did Edward Marlow invade the southern provinces with a large army?" in prompts
    assert "When did Edward invade the southern provinces with a large army?" not in prompts


def test_a_place_named_after_the_person_is_left_alone(prompts):
    assert "When was Fort Edward built by the engineers of the crown?" in prompts
    assert not any("Fort Edward Marlow" in p for p in prompts)


def test_a_title_before_the_short_name_is_not_doubled(prompts):
    assert not any("King King" in p or "Queen Queen" in p for p in prompts)


def test_two_people_who_share_the_word_leave_it_as_written():
    result = generate(extract(TWO_EDWARDS, "edwards.md"))
    prompts = {q.prompt for q in result.all_questions}
    assert any(p.startswith("When did Edward invade") for p in prompts)
    assert not any("Edward Marlow invade" in p or "Edward Tarrant invade" in p for p in prompts)


def test_a_name_the_parse_lower_cased_gets_its_capital_back():
    from content.generation.corpus import Corpus
    from content.generation.references import _names_capitalised

    ex = extract("# Belmor\n\nThe port was rebuilt by Cavour in 1860. The town grew, and "
                 "Cavour left it in 1861.\n", "belmor.md")
    corpus = Corpus(ex)
    assert _names_capitalised(corpus, "Is it correct that cavour left the town in 1861?") == (
        "Is it correct that Cavour left the town in 1861?")
    # A word the document also writes in lower case is left alone.
    assert _names_capitalised(corpus, "When was the port rebuilt?") == (
        "When was the port rebuilt?")


def test_a_one_word_name_that_two_people_share_is_never_published():
    result = generate(extract(TWO_EDWARDS, "edwards.md"))
    asked = [q for q in result.all_questions if "Edward invade" in q.prompt]
    assert asked and not any(q.published for q in asked)
    assert all("veto: 'Edward' could be more than one person" in q.features for q in asked)
