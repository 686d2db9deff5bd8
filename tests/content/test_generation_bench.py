"""The blind-judging helpers of bench/eval_questions.py: sample, verdicts, Wilson interval."""

from __future__ import annotations

from bench.eval_questions import judge_sample, read_verdicts, sample_rows, wilson
from content.generation import types as qt
from content.generation.types import GeneratedQuestion


def test_the_judging_sample_is_fixed_and_at_most_forty():
    qs = [GeneratedQuestion(qt.WHO, f"Who {i}?", f"A{i}", f"k{i}") for i in range(100)]
    first, again = judge_sample(qs), judge_sample(list(qs))
    assert len(first) == 40 and [q.key for q in first] == [q.key for q in again]
    assert len(judge_sample(qs[:7])) == 7
    rows = sample_rows(first)
    assert rows[0]["#"] == 1
    assert set(rows[0]) == {"#", "type", "prompt", "answer", "choices", "passage"}


def test_verdicts_are_read_from_a_markdown_table(tmp_path):
    table = tmp_path / "v.md"
    table.write_text(
        "| # | type | prompt | answer | choices | ok? | category | reason |\n"
        "|---|---|---|---|---|---|---|---|\n"
        "| 1 | who | Who led it? | A |  | yes |  |  |\n"
        "| 2 | cloze | The ____ fell. | B |  | no | giveaway | blank modifies |\n",
        encoding="utf-8",
    )
    verdicts = read_verdicts(table)
    assert verdicts == {1: (True, "", ""), 2: (False, "giveaway", "blank modifies")}


def test_wilson_interval():
    lo, hi = wilson(36, 40)
    assert 0.76 < lo < 0.78 and 0.96 < hi < 0.97
    assert wilson(0, 0) == (0.0, 0.0)
