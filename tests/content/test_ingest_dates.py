"""Dates with their precision, and numbers that are not dates."""

import pytest

from content.ingest.dates import find_dates
from content.ingest.types import DAY, DECADE, MONTH, YEAR


def only(text):
    found = find_dates(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "written", "precision", "year", "month", "day", "end_year"),
    [
        ("Jenner vaccinated a boy in 1796.", "1796", YEAR, 1796, None, None, None),
        ("Salk's trial began in April 1954.", "April 1954", MONTH, 1954, 4, None, None),
        ("Fort Sumter fell on 13 April 1861.", "13 April 1861", DAY, 1861, 4, 13, None),
        (
            "Lincoln spoke on November 19, 1863, at the cemetery.",
            "November 19, 1863",
            DAY,
            1863,
            11,
            19,
            None,
        ),
        ("The war lasted from 1861 to 1865.", "1861 to 1865", YEAR, 1861, None, None, 1865),
        ("Apollo program (1961–1972)", "1961–1972", YEAR, 1961, None, None, 1972),
        ("Fighting in March–April 1862", "March–April 1862", MONTH, 1862, 3, None, 1862),
        (
            "camps from late 1862 to early 1864",
            "late 1862 to early 1864",
            YEAR,
            1862,
            None,
            None,
            1864,
        ),
        ("Curie in the early 1900s", "early 1900s", DECADE, 1900, None, None, None),
        ("the 1860s saw rapid change", "1860s", DECADE, 1860, None, None, None),
        ("Douglass (1818–1895), writer", "1818–1895", YEAR, 1818, None, None, 1895),
        ("served 1939–45 in the navy", "1939–45", YEAR, 1939, None, None, 1945),
        ("Caesar crossed the Rubicon in 49 BC", "49 BC", YEAR, -49, None, None, None),
    ],
)
def test_it_reads_dates_with_the_precision_written(
    text, written, precision, year, month, day, end_year
):
    match = only(text)
    assert match.value.text == written == text[match.start : match.end]
    assert (
        match.value.precision,
        match.value.year,
        match.value.month,
        match.value.day,
        match.value.end_year,
    ) == (precision, year, month, day, end_year)


@pytest.mark.parametrize(
    "text",
    [
        "Type 92 heavy machine guns",
        "the 115th Division crossed",
        "a cost of 1,659 men",
        "Model 24 grenades",
        "The garrison had 1500 soldiers",
        "No. 1862 was the serial",
        "the score was 106–105",
    ],
)
def test_it_does_not_mistake_numbers_for_dates(text):
    assert find_dates(text) == []


def test_it_finds_several_dates_left_to_right_without_overlap():
    found = find_dates("Born in 1809, elected in November 1860, shot on April 14, 1865.")
    assert [d.value.text for d in found] == ["1809", "November 1860", "April 14, 1865"]


def test_two_years_joined_by_and_are_a_range_only_after_between():
    assert only("between 1861 and 1865").value.end_year == 1865
    assert [d.value.year for d in find_dates("in 1861 and 1865")] == [1861, 1865]


@pytest.mark.parametrize(
    ("text", "written", "start", "end"),
    [
        (
            "The siege lasted from May 18 to July 4, 1863.",
            "May 18 to July 4, 1863",
            (1863, 5, 18),
            (1863, 7, 4),
        ),
        (
            "The congress met on June 2–5, 1848, in Prague.",
            "June 2–5, 1848",
            (1848, 6, 2),
            (1848, 6, 5),
        ),
        (
            "Talks ran from December 30, 1904 – January 3, 1905.",
            "December 30, 1904 – January 3, 1905",
            (1904, 12, 30),
            (1905, 1, 3),
        ),
        (
            "The offensive ran from 30 June to 3 July 1916.",
            "30 June to 3 July 1916",
            (1916, 6, 30),
            (1916, 7, 3),
        ),
    ],
)
def test_day_ranges_keep_both_ends(text, written, start, end):
    (found,) = find_dates(text)
    value = found.value
    assert value.text == written
    assert (value.year, value.month, value.day) == start
    assert (value.end_year, value.end_month, value.end_day) == end
    assert value.precision == DAY


def test_a_backwards_day_span_is_read_as_separate_dates():
    values = [d.value for d in find_dates("Not from July 9 to July 2, 1850, surely.")]
    assert all(v.end_year is None for v in values)
    assert (values[-1].month, values[-1].day) == (7, 2)
