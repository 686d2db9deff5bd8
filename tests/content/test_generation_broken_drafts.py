"""What a teacher finds among the drafts: questions worth promoting, not wrapped exercises.

Labellers found "Is it correct that why did the war fail??" and "Is it correct that Osk:
king of Varnia?" among the drafts, and a statement opening "that Thousands of …". Every
sentence is invented.
"""

from __future__ import annotations

import pytest

from content.generation import generate
from content.generation.corpus import Corpus
from content.generation.true_false import true_false_questions
from content.generation.wording import TRUE_FALSE_LEAD

HANDOUT = """# The Varnian Succession

Read the text and answer the questions at the end.

## The crisis

In 1402 King Osk of Varnia died without an heir, and his cousin Ilsa Dren claimed the throne.
Thousands of Belmor's soldiers crossed the river in March 1403 to support her rival.
The Treaty of Kessel ended the war in 1409, and Ilsa Dren was crowned in Varn.

## Key people

- Osk: King of Varnia until 1402
- Ilsa Dren: Queen of Varnia from 1409

## Check your understanding

1. Why did the Varnian Succession begin in 1402?
2. Describe how Ilsa Dren won the throne in 1409.
"""


@pytest.fixture(scope="module")
def result():
    from content.ingest.pipeline import extract

    return generate(extract(HANDOUT, "succession.md"), seed=3)


def test_no_draft_wraps_a_review_question_an_instruction_or_a_list_line(result):
    for q in result.all_questions:
        assert "??" not in q.prompt and "?." not in q.prompt, q.prompt
        assert not q.prompt.startswith((f"{TRUE_FALSE_LEAD}why", f"{TRUE_FALSE_LEAD}describe",
                                        f"{TRUE_FALSE_LEAD}Osk:")), q.prompt
    reasons = {r.reason for r in result.rejections}
    assert "its source is itself a question" in reasons


@pytest.mark.parametrize(("sentence", "opening"), [
    ("Thousands of Osk's unarmed guards were killed in what is often called the Battle of "
     "Varn, and Osk was taken prisoner in 1402.", "thousands of Osk's"),
    ("Just after Christmas 1403, some 6,000 people in Belmor went on strike.", "just after"),
    ("Exhausted, Varnia and Belmor agreed the Truce of Kessel in April 1409.", "exhausted,"),
])
def test_a_statement_does_not_keep_the_capital_of_a_common_opening_word(sentence, opening):
    from content.ingest.pipeline import extract

    corpus = Corpus(extract(sentence, "varnia.txt"))
    statements = [c.question.prompt for c in true_false_questions(corpus, 3)]
    assert statements
    assert all(p.startswith(TRUE_FALSE_LEAD + opening) for p in statements), statements


def test_a_name_or_an_adjective_of_one_keeps_its_capital():
    from content.ingest.pipeline import extract

    corpus = Corpus(extract("British troops landed at Varn in 1402, and the British "
                            "garrison held it until 1409.", "varnia.txt"))
    statements = [c.question.prompt for c in true_false_questions(corpus, 3)]
    assert statements
    assert all(p.startswith(TRUE_FALSE_LEAD + "British troops") for p in statements), statements
