"""Years of the first millennium ("in 754") are dates, and numbers like them are counts.

Blind judges saw "In how many Constantine called the council?" → 754: a medieval year read
as a count. Every sentence is invented.
"""

from __future__ import annotations

import pytest

from content.generation.corpus import Corpus
from content.generation.wh import wh_questions
from content.ingest.dates import find_dates
from content.ingest.types import DECADE, YEAR


@pytest.mark.parametrize(
    ("text", "written", "year", "end_year"),
    [
        ("In 754 Osk called the Council of Belmor.", "754", 754, None),
        ("The monk died in about 765 and was honoured.", "765", 765, None),
        ("Osk reigned from 775 to 780 and was mild.", "775 to 780", 775, 780),
        ("The Quarrel of the Images (726–787)", "726–787", 726, 787),
        ("The fleet besieged Varn in 717 and 718 before it withdrew.", "717", 717, None),
        ("By 800, the Varnians ruled the coast.", "800", 800, None),
    ],
)
def test_a_first_millennium_year_is_read_where_the_words_round_it_say_so(
        text, written, year, end_year):
    first = find_dates(text)[0]
    assert (first.value.text, first.value.year, first.value.end_year) == (written, year,
                                                                          end_year)
    assert first.value.precision == YEAR


def test_both_years_of_a_pair_and_a_month_and_a_decade_are_dates():
    assert [d.value.year for d in find_dates("in 717 and 718 before")] == [717, 718]
    day = find_dates("on 11 March 843, the first Sunday")[0]
    assert (day.value.year, day.value.month, day.value.day) == (843, 3, 11)
    decade = find_dates("In the 760s Osk turned on the monks.")[0]
    assert (decade.value.year, decade.value.precision) == (760, DECADE)


@pytest.mark.parametrize("text", [
    "Osk sailed in 300 ships to Belmor.",
    "It was attended by 338 bishops.",
    "Osk led a force of 300.",
    "After 200 years the walls fell.",
    "The march took 120 days in all.",
    "Room 101 held the archive.",
])
def test_a_count_is_not_a_year(text):
    assert find_dates(text) == []


def test_a_bare_medieval_year_gives_a_when_question_without_the_year_in_the_subject():
    from content.ingest.pipeline import extract

    corpus = Corpus(extract(
        "In 754 Osk called the Council of Belmor, held in a palace on the shore.", "Varnia.txt"))
    asked = {c.question.prompt: c.question.answer for c in wh_questions(corpus)}
    assert asked.get("When did Osk call the Council of Belmor?") == "754"
    assert not any("754 Osk" in prompt for prompt in asked)


def test_a_day_without_its_year_is_asked_with_the_narratives_year():
    """ "On 14 June …" in a day-by-day account: the year is the narrative's, found across
    the undated days before it, and the answer writes it out."""
    from content.ingest.pipeline import extract

    corpus = Corpus(extract(
        "On 30 May 1402 a collector named Aldo Brek came to Kessel in Varnia. "
        "The villagers drove him out. "
        "On 6 June rebels in Belmor captured Osk Castle. "
        "The rebels then marched towards the capital. "
        "On 12 June the rebels of Belmor reached the walls of Varn.", "varnia.txt"))
    asked = {c.question.prompt: c.question.answer for c in wh_questions(corpus)}
    assert asked.get("When did rebels in Belmor capture Osk Castle?") == "6 June 1402", asked
    assert "12 June 1402" in asked.values()


def test_a_day_out_of_order_or_of_two_days_gets_no_year():
    from content.ingest.dates import find_day_months

    corpus = Corpus(extract_text(
        "On 15 July 1402 Aldo Brek was executed at Varn. "
        "On 28 June royal troops defeated the last rebels near Kessel."))
    assert corpus.undated_days(1) == []  # June after July: which year?
    assert [d.value.day for d in find_day_months("fought on 18 and 19 June at Osk")] == []


def extract_text(text):
    from content.ingest.pipeline import extract

    return extract(text, "varnia.txt")


def test_a_date_split_by_the_parser_is_asked_whole_or_not_at_all():
    """ "On 24 March 1603 Emperor X appointed …": the parser gave "24" to "On" and "March
    1603" to the subject; a judge would have seen "What did march 1603 Emperor X appoint on
    24?"."""
    from content.ingest.pipeline import extract

    corpus = Corpus(extract("On 24 March 1603 Emperor Osk Varn appointed Ilsa Dren regent.",
                            "varnia.txt"))
    asked = {c.question.prompt: c.question.answer for c in wh_questions(corpus)}
    assert asked.get("When did Emperor Osk Varn appoint Ilsa Dren regent?") == "24 March 1603", \
        asked
    assert all("24 March 1603" in p for p in asked if "march" in p.casefold()), asked
    from content.generation.wh import _cuts_a_date

    assert _cuts_a_date(corpus, 0, "What did march 1603 Emperor Osk Varn appoint on 24?")
    assert not _cuts_a_date(corpus, 0, "Who appointed Ilsa Dren regent on 24 March 1603?")


def test_a_year_said_in_passing_decades_on_does_not_date_the_narrative():
    """A judge saw "When did Pearson's column win the Battle of Nyezane? → 22 January 1907":
    the nearest year was an aside ("awarded the Victoria Cross in 1907"); the day belongs to
    the dated narrative's year. A year or two on moves the narrative on instead."""
    corpus = Corpus(extract_text(
        "Osk crossed into Belmor on 11 January 1402 with 7,000 men. "
        "On 20 January the column camped below Kessel. "
        "Two officers died carrying the banner; they were given a medal in 1507. "
        "Aldo Brek's column won the Battle of Varn on 22 January."))
    assert [d.value.year for d in corpus.undated_days(3)] == [1402]
    moving_on = Corpus(extract_text(
        "Osk died on 18 September 1598 at Varn. In 1600 Ilsa Dren marched east with 7,000 men. "
        "On the night of 20 October Aldo Brek led the western army out of Kessel."))
    assert [d.value.year for d in moving_on.undated_days(2)] == [1600]
    plain = Corpus(extract_text("Ilsa Dren became queen of Varnia in 1402. "
                                "On 5 September she crowned her son at Kessel."))
    assert [d.value.year for d in plain.undated_days(1)] == [1402]
