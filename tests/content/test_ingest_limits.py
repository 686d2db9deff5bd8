"""Hostile runs of characters are bounded before spaCy sees them."""

from content.ingest.limits import MAX_RUN, bound_runs
from content.ingest.pipeline import extract


def test_it_cuts_a_run_of_symbols_to_three():
    assert bound_runs("Intro ********** end") == "Intro *** end"
    assert bound_runs("=-=-=-=-=-=-") == "=-="


def test_it_breaks_a_whitespace_free_run_longer_than_any_word():
    run = "ab" * 100
    pieces = bound_runs(run).split()
    assert "".join(pieces) == run
    assert max(len(p) for p in pieces) == MAX_RUN


def test_it_leaves_ordinary_prose_alone():
    text = "The Treaty of Example (1648) ended the war... \"Quoted\" -- and so on."
    assert bound_runs(text) == text


def test_the_pipeline_bounds_runs_before_parsing():
    # Unbounded, 25 KB of "*" kept the tokenizer busy for over a minute
    # (bench/hostile_input.py measures it).
    extraction = extract("The war began in 1914. " + "x*" * 12_500 + " It ended in 1918.\n")
    longest = max(len(word) for p in extraction.passages for word in p.text.split())
    assert longest <= MAX_RUN
