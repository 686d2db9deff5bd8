"""The format modules on their own: GIFT, Moodle XML, CSV and TSV, no database."""

import csv
import io
from pathlib import Path

import pytest

from quizzes.interop import gift, moodle_xml, tabular
from quizzes.interop.cards import CardData, DeckData, FormatError

FIXTURES = Path(__file__).parent / "fixtures"


def sample_cards() -> list[CardData]:
    return [
        CardData("q-year", "year", "In what year was the Peace of Westphalia signed?", "1648",
                 passage_text="The Peace of Westphalia was signed in 1648.",
                 topic="Thirty Years' War"),
        CardData("q-count", "how_many", "How many soldiers marched?", "20000", tolerance=0.1),
        CardData("q-cloze", "cloze", "The Peace of ____ ended the war.", "Westphalia",
                 accepted=["Münster and Osnabrück"]),
        CardData("q-who", "who", "Who led Sweden into the war?", "Gustavus Adolphus",
                 choices=["Wallenstein", "Gustavus Adolphus", "Tilly", "Richelieu"]),
        CardData("q-tf", "true_false", "Sweden fought on the Catholic side.", "False",
                 choices=["True", "False"]),
        CardData("q-what", "what", "What did the treaty {really} settle: land = power?",
                 "Sovereignty ~ of states", accepted=["State sovereignty"],
                 passage_text="Text with a # hash,\nand a second line."),
    ]


def deck() -> DeckData:
    return DeckData("Thirty Years' War", "recall-deck-7", sample_cards())


# GIFT --------------------------------------------------------------------------


def test_gift_escapes_every_special_character_with_a_backslash():
    assert gift.escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    assert gift.escape("two\nlines") == "two\\nlines"


def test_gift_writes_each_kind_in_moodle_notation():
    text, skipped = gift.export_gift(deck())
    assert skipped == 0
    assert "::q-year::In what year was the Peace of Westphalia signed?{#1648\\:0 " not in text
    assert "{#1648:0 ####The Peace of Westphalia was signed in 1648.}" in text
    assert "{#20000:2000}" in text  # 10% of 20000, as Moodle's absolute tolerance
    assert "::q-cloze::The Peace of {=Westphalia =Münster and Osnabrück} ended the war." in text
    assert "{~Wallenstein =Gustavus Adolphus ~Tilly ~Richelieu}" in text
    assert "::q-tf::Sweden fought on the Catholic side.{F}" in text
    assert "What did the treaty \\{really\\} settle\\: land \\= power?" in text
    assert "{=Sovereignty \\~ of states =State sovereignty" in text


def test_gift_read_back_by_the_importer_gives_the_same_questions():
    original = sample_cards()
    text, _ = gift.export_gift(DeckData("Deck", "k", original))
    result = gift.import_gift(text)
    assert result.skipped == 0
    assert len(result.cards) == len(original)
    for before, after in zip(original, result.cards, strict=True):
        assert after.key == before.key
        assert after.prompt == before.prompt
        assert after.answer == before.answer
        assert after.accepted == before.accepted
        assert after.kind == before.kind
        assert after.tolerance == pytest.approx(before.tolerance)
        assert after.passage_text == before.passage_text
        if before.choices:
            assert after.choices == before.choices


def test_gift_leaves_out_timeline_questions_and_counts_them():
    order = CardData("q-order", "order", "Put in order", "A → B → C", choices=["B", "A", "C"])
    text, skipped = gift.export_gift(DeckData("D", "k", [order, *sample_cards()[:1]]))
    assert skipped == 1
    assert "q-order" not in text


def test_gift_parser_reads_moodle_style_questions_it_did_not_write():
    text = """// A comment
$CATEGORY: $course$/History

::Q1:: Grant was buried in Grant's tomb.{FALSE#It is a sarcophagus.}

Who was the first president? {=George Washington#Yes ~%50%Adams ~Jefferson}

::Q3::When was the treaty signed?{#1810..1818}

[html]Which <b>river</b>?{=Rhine =Rhein}

An essay question.{}

::Q6::Match these.{=Ghent -> 1814 =Utrecht -> 1713}
"""
    result = gift.import_gift(text)
    by_key = {c.key: c for c in result.cards}
    assert by_key["Q1"].type == "true_false" and by_key["Q1"].answer == "False"
    choice = next(c for c in result.cards if c.prompt == "Who was the first president?")
    assert choice.answer == "George Washington"
    assert choice.choices == ["George Washington", "Adams", "Jefferson"]
    assert by_key["Q3"].answer == "1814" and by_key["Q3"].tolerance == pytest.approx(4 / 1814)
    river = next(c for c in result.cards if c.answer == "Rhine")
    assert river.prompt == "Which river?" and river.accepted == ["Rhein"]
    assert result.skipped == 2  # the essay and the matching question


def test_gift_without_any_question_is_a_clear_error():
    with pytest.raises(FormatError, match="No GIFT questions"):
        gift.import_gift("// only a comment\n\nJust prose, no answers.\n")


# Moodle XML --------------------------------------------------------------------


def test_moodle_xml_parser_reads_the_documented_question_kinds():
    result = moodle_xml.import_moodle_xml((FIXTURES / "moodle_documented.xml").read_bytes())
    by_key = {c.key: c for c in result.cards}
    city = by_key["Which city"]
    assert city.prompt == "In which city was the treaty signed?"
    assert city.answer == "Ghent" and city.choices == ["Ghent", "Paris", "Vienna"]
    assert city.passage_text == "It was signed in Ghent, in Flanders."
    assert by_key["War ended"].type == "true_false" and by_key["War ended"].answer == "False"
    signer = by_key["Who signed"]
    assert signer.answer == "John Quincy Adams" and signer.accepted == ["J. Q. Adams"]
    year = by_key["Year signed"]
    assert (year.type, year.answer) == ("year", "1814")
    assert year.absolute_tolerance == pytest.approx(1)
    assert result.skipped == 2  # essay and matching


def test_moodle_xml_export_reads_back_with_every_kind_and_its_image():
    cards = sample_cards()
    cards[0].image_bytes, cards[0].image_name = b"\x89PNG fake bytes", "map of europe.png"
    data, skipped = moodle_xml.export_moodle_xml(DeckData("Deck", "k", cards))
    assert skipped == 0
    assert b'<question type="numerical">' in data and b'<question type="truefalse">' in data
    assert b'<question type="multichoice">' in data and b'<question type="shortanswer">' in data
    assert b'<file name="map_of_europe.png" path="/" encoding="base64">' in data
    assert b"@@PLUGINFILE@@/map_of_europe.png" in data
    back = moodle_xml.import_moodle_xml(data).cards
    assert [c.key for c in back] == [c.key for c in cards]
    assert [c.answer for c in back] == [c.answer for c in cards]
    assert [c.kind for c in back] == [c.kind for c in cards]
    assert back[0].image_bytes == b"\x89PNG fake bytes"
    assert back[1].tolerance == pytest.approx(0.1)
    assert back[3].choices == cards[3].choices
    assert back[5].prompt == cards[5].prompt and back[5].accepted == cards[5].accepted


def test_moodle_xml_refuses_entities_and_files_that_are_not_quizzes():
    bomb = b'<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "aaaa">]><quiz>&a;</quiz>'
    with pytest.raises(FormatError, match="entities"):
        moodle_xml.import_moodle_xml(bomb)
    with pytest.raises(FormatError, match="not well-formed"):
        moodle_xml.import_moodle_xml(b"<quiz><question>")
    with pytest.raises(FormatError, match="root is not <quiz>"):
        moodle_xml.import_moodle_xml(b"<html></html>")


# CSV and TSV -------------------------------------------------------------------


def test_csv_cells_that_a_spreadsheet_would_run_are_defused_with_an_apostrophe():
    cards = [CardData(k, "what", p, a) for k, p, a in [
        ("1", "=HYPERLINK(\"http://evil\")", "+1"), ("2", "-2+3", "@SUM(A1)"),
        ("3", "\tTabbed", "\rReturn"), ("4", "Plain, with \"quotes\"\nand a newline", "ok"),
    ]]
    text = tabular.export_csv(DeckData("D", "k", cards))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == tabular.FULL_COLUMNS
    assert [r[2] for r in rows[1:]] == [
        "'=HYPERLINK(\"http://evil\")", "'-2+3", "'\tTabbed",
        "Plain, with \"quotes\"\nand a newline",
    ]
    assert [r[3] for r in rows[1:]] == ["'+1", "'@SUM(A1)", "'\rReturn", "ok"]


def test_full_csv_reads_back_with_every_field():
    original = sample_cards()
    original[1].prompt = "-5 degrees: how many soldiers marched?"
    text = tabular.export_csv(DeckData("D", "k", original))
    back = tabular.import_tabular(io.BytesIO(text.encode("utf-8-sig")), delimiter=",").cards
    for before, after in zip(original, back, strict=True):
        assert (after.key, after.type, after.prompt, after.answer) == (
            before.key, before.type, before.prompt, before.answer)
        assert (after.accepted, after.choices, after.passage_text, after.topic) == (
            before.accepted, before.choices, before.passage_text, before.topic)
        assert after.tolerance == pytest.approx(before.tolerance)


def test_quizlet_tsv_is_term_tab_definition_with_tabs_and_newlines_flattened():
    cards = [CardData("1", "what", "A\tterm\nover lines", "def\tinition"),
             *sample_cards()[3:5]]
    lines = tabular.export_tsv(DeckData("D", "k", cards)).splitlines()
    assert lines[0] == "A term over lines\tdef inition"
    assert lines[1] == ("Who led Sweden into the war? (Wallenstein / Gustavus Adolphus / Tilly / "
                        "Richelieu)\tGustavus Adolphus")
    assert lines[2] == "Sweden fought on the Catholic side.\tFalse"


def test_tsv_pairs_import_with_a_header_and_skip_half_empty_rows():
    data = b"Term\tDefinition\nGhent\t1814\nUtrecht\t\n\nVersailles\t1919\n"
    result = tabular.import_tabular(io.BytesIO(data), delimiter="\t")
    assert [(c.prompt, c.answer, c.type) for c in result.cards] == [
        ("Ghent", "1814", "year"), ("Versailles", "1919", "year")]
    assert result.skipped == 1


def test_a_hundred_thousand_row_csv_stops_at_the_row_limit_with_a_clear_message():
    class CountingStream(io.RawIOBase):
        """A 100k-row file made on demand, so the test sees how much was read."""

        def __init__(self):
            self.rows, self.lines = 0, (f"term {i},definition {i}\n" for i in range(100_000))
            self.buffer = b""

        def readable(self):
            return True

        def readinto(self, b):
            while len(self.buffer) < len(b):
                line = next(self.lines, None)
                if line is None:
                    break
                self.rows += 1
                self.buffer += line.encode()
            n = min(len(b), len(self.buffer))
            b[:n], self.buffer = self.buffer[:n], self.buffer[n:]
            return n

    raw = CountingStream()
    stream = io.BufferedReader(raw)
    with pytest.raises(FormatError, match="more than 5,000 rows"):
        tabular.import_tabular(stream, delimiter=",")
    assert raw.rows < 10_000  # streamed: the rest of the file was never read


def test_csv_in_a_legacy_encoding_is_refused_with_advice():
    data = "Café\tcoffee\n".encode("cp1252")
    with pytest.raises(FormatError, match="not UTF-8"):
        tabular.import_tabular(io.BytesIO(data), delimiter="\t")


def test_csv_saved_by_excel_as_utf16_unicode_text_is_read():
    data = "Ghent\t1814\nCafé\tcoffee\n".encode("utf-16")
    cards = tabular.import_tabular(io.BytesIO(data), delimiter="\t").cards
    assert [c.prompt for c in cards] == ["Ghent", "Café"]


def test_an_empty_csv_is_a_clear_error():
    with pytest.raises(FormatError, match="No cards were found"):
        tabular.import_tabular(io.BytesIO(b"\n\n"), delimiter=",")


def test_gift_round_trip_keeps_the_recall_type_and_topic_from_the_comment_above():
    text, _ = gift.export_gift(deck())
    back = gift.import_gift(text).cards
    assert [c.type for c in back] == [c.type for c in sample_cards()]
    assert back[0].topic == "Thirty Years' War"


def test_gift_keeps_a_less_than_sign_that_is_not_markup():
    [card] = gift.import_gift("Is 3 < 5 and 6 > 4?{T}").cards
    assert card.prompt == "Is 3 < 5 and 6 > 4?"
