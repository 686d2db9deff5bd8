"""Parsing layouts into passages; pure, no Django."""

import pytest

from content.ingest.errors import IngestError, decode_upload
from content.ingest.markup import clean_markup
from content.ingest.parse import parse_document
from content.ingest.sentences import split_sentences
from content.ingest.types import CAPTION, EXCERPT, SENTENCE

ENCYCLOPEDIA = """(clockwise from top left)Union soldiers in the trenches at Petersburg

Ironclads at the Battle of Hampton Roads

A field hospital in Virginia
Lincoln in 1863
Grant at Cold Harbor in June 1864
Lincoln in 1863

The war began when Confederate forces attacked Fort Sumter in 1861.

- American Civil War

He was elected president of the United States in 1860.

- Abraham Lincoln

1 related topic with Beta

Overall

Pickett's Charge on the third day

Battle of Gettysburg

0 links

Pickett's Charge on the third day
General George Meade<ref>{{cite book|title=Gettysburg|year=2003}}</ref>

The battle was fought in July 1863. It ended the invasion of the North.
"""


def test_it_recognises_the_encyclopedia_layout_and_its_topics():
    doc = parse_document(ENCYCLOPEDIA, "civil_war.txt")
    assert doc.layout == "encyclopedia"
    assert doc.topics == ["American Civil War", "Abraham Lincoln", "Battle of Gettysburg"]
    assert doc.title == "American Civil War"


HANDOUT_WITH_LISTS = """# Lesson 4: The Varnian plague

Read the handout and underline every date.

## The outbreak

In 1231 a plague reached the port of Belmor. It spread inland within a year.

## Key terms

- quarantine: a period of isolation to stop a disease spreading
- miasma: the old belief that disease was spread by bad air

## Key people

- Ilsa Dren: queen of Varnia during the plague
"""


def test_a_markdown_handout_with_bulleted_lists_is_read_as_markdown():
    # Bullets without full stops look like an encyclopedia's "- Topic" lines; the
    # headings show what the document is (it was read as captions before ingest-1.6).
    doc = parse_document(HANDOUT_WITH_LISTS, "plague_handout.md")
    assert doc.layout == "markdown"
    outbreak = [p for p in doc.passages if p.topic == "The outbreak"]
    assert [p.kind for p in outbreak] == [SENTENCE, SENTENCE]
    terms = [p.text for p in doc.passages if p.topic == "Key terms"]
    assert terms == ["quarantine: a period of isolation to stop a disease spreading",
                     "miasma: the old belief that disease was spread by bad air"]


def test_it_keeps_a_clockwise_montage_as_one_readable_caption():
    doc = parse_document(ENCYCLOPEDIA)
    first = doc.passages[0]
    assert first.kind == CAPTION
    assert first.text.startswith("(clockwise from top left) Union soldiers")
    assert "Ironclads at the Battle of Hampton Roads; A field hospital in Virginia" in first.text
    assert not any(p.text == "Lincoln in 1863" and "clockwise" in p.text for p in doc.passages)


def test_it_merges_repeated_captions():
    doc = parse_document(ENCYCLOPEDIA)
    lincoln = [p for p in doc.passages if p.text == "Lincoln in 1863"]
    assert len(lincoln) == 1 and lincoln[0].occurrences == 2
    charge = [p for p in doc.passages if p.text == "Pickett's Charge on the third day"]
    assert len(charge) == 1 and charge[0].occurrences == 2


def test_excerpts_take_the_topic_named_after_them():
    doc = parse_document(ENCYCLOPEDIA)
    excerpts = {p.text: p.topic for p in doc.passages if p.kind == EXCERPT}
    assert excerpts == {
        "The war began when Confederate forces attacked Fort Sumter in 1861.":
            "American Civil War",
        "He was elected president of the United States in 1860.": "Abraham Lincoln",
    }


def test_a_related_article_gives_its_title_to_its_captions_and_lead_sentences():
    doc = parse_document(ENCYCLOPEDIA)
    meade = next(p for p in doc.passages if p.text == "General George Meade")
    assert meade.topic == "Battle of Gettysburg" and meade.kind == CAPTION
    assert "<ref>" in meade.raw
    lead = [p for p in doc.passages if p.kind == SENTENCE]
    assert [p.text for p in lead] == ["The battle was fought in July 1863.",
                                      "It ended the invasion of the North."]
    assert {p.topic for p in lead} == {"Battle of Gettysburg"}
    assert not any(p.text in ("Overall", "0 links") for p in doc.passages)


def test_a_caption_without_a_topic_line_gets_the_topic_it_mentions():
    doc = parse_document(ENCYCLOPEDIA)
    assert next(p for p in doc.passages if p.text == "Lincoln in 1863").topic == "Abraham Lincoln"
    field = next(p for p in doc.passages if p.text == "Grant at Cold Harbor in June 1864")
    assert field.topic is None


def test_it_strips_wiki_markup_but_keeps_the_words():
    raw = "Prisoners at the camp<ref>{{cite web|url=http://x.org|title={{lang|fr|Camp}}}}</ref>"
    assert clean_markup(raw) == "Prisoners at the camp"
    assert clean_markup("The [[Union Army|Union]] won ''decisively''.") == (
        "The Union won decisively."
    )


def test_markdown_headings_become_topics_and_paragraphs_sentences():
    text = ("# History of vaccines\n\nEdward Jenner tested his smallpox vaccine in 1796. "
            "It used cowpox.\n\n## Polio\n\nJonas Salk announced a polio vaccine in 1955.\n")
    doc = parse_document(text, "vaccines.md")
    assert doc.layout == "markdown"
    assert doc.title == "History of vaccines"
    assert [(p.text, p.topic) for p in doc.passages] == [
        ("Edward Jenner tested his smallpox vaccine in 1796.", "History of vaccines"),
        ("It used cowpox.", "History of vaccines"),
        ("Jonas Salk announced a polio vaccine in 1955.", "Polio"),
    ]


def test_plain_text_falls_back_to_sentences_and_the_filename_for_a_title():
    doc = parse_document("Marie Curie was born in Warsaw. She moved to Paris in 1891.",
                         "marie_curie.txt")
    assert doc.layout == "text"
    assert doc.title == "Marie Curie"
    assert len(doc.passages) == 2


def test_sentence_splitting_respects_initials_and_abbreviations():
    text = "Gen. Robert E. Lee met U.S. Grant. Dr. Smith left at 3 p.m. on Monday."
    assert split_sentences(text) == ["Gen. Robert E. Lee met U.S. Grant.",
                                     "Dr. Smith left at 3 p.m. on Monday."]


@pytest.mark.parametrize("text", ["", "   \n\n ", "1234 5678\n\n---\n\n!!!"])
def test_a_document_without_sentences_is_refused_clearly(text):
    with pytest.raises(IngestError, match="(?i)empty|sentence"):
        parse_document(text)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Caf\u00e9 in 1850.".encode("latin-1"), "UTF-8.*offset 3"),
        (b"x" * 50, "larger"),
        (bytes(range(1, 9)) * 4, "binary"),
    ],
)
def test_decode_upload_refuses_bad_bytes_with_a_human_message(data, message):
    with pytest.raises(IngestError, match=f"(?i){message}"):
        decode_upload(data, max_bytes=40)


def test_decode_upload_accepts_utf8_with_a_byte_order_mark():
    assert decode_upload("\ufeffSalk, 1955".encode("utf-8"), 1000) == "Salk, 1955"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The relics went to St. Mark's Basilica in 1204. Venice grew rich.",
         ["The relics went to St. Mark's Basilica in 1204.", "Venice grew rich."]),
        ("The abbey was founded c. 1060 by monks. It burned later.",
         ["The abbey was founded c. 1060 by monks.", "It burned later."]),
        ("J. R. Smith wrote the history. Output rose 3.5 percent.",
         ["J. R. Smith wrote the history.", "Output rose 3.5 percent."]),
        ("Troops moved to the U.S. The war went on.",
         ["Troops moved to the U.S.", "The war went on."]),
        ('He cried "Stop. Now." Then the crowd left.',
         ['He cried "Stop. Now."', "Then the crowd left."]),
    ],
)
def test_sentence_splitting_abbreviations_initials_decimals_quotations(text, expected):
    assert split_sentences(text) == expected


def test_reference_debris_is_stripped_from_prose():
    text = "The port grew.[12][citation needed] Its trade[a] doubled[note 3] by 1900.[when?]"
    assert clean_markup(text) == "The port grew. Its trade doubled by 1900."
    parsed = parse_document(f"# Port\n\n{text}\n")
    assert all("[" not in p.text for p in parsed.passages)


@pytest.mark.parametrize(
    ("filename", "title"),
    [
        ("french revolution.txt", "French Revolution"),
        ("the_fall_of_the_USSR.md", "The Fall of the USSR"),
        ("McCarthy-era.txt", "McCarthy Era"),
    ],
)
def test_a_document_without_a_heading_is_titled_from_its_file_name_in_title_case(
    filename, title
):
    text = "The Estates-General met in May 1789. The Bastille fell in July 1789.\n"
    assert parse_document(text, filename).title == title


@pytest.mark.parametrize("raw, clean", [
    ("The **Bill of Rights** was passed in 1689.", "The Bill of Rights was passed in 1689."),
    ("A *de facto* ruler and __strong__ words.", "A de facto ruler and strong words."),
    ("Fill the ____ blank.", "Fill the ____ blank."),
    ("2 * 3 * 4 = 24", "2 * 3 * 4 = 24"),
    ("snake_case_name stays", "snake_case_name stays"),
])
def test_markdown_emphasis_is_removed_and_nothing_else(raw, clean):
    assert clean_markup(raw) == clean


def test_a_list_item_that_wraps_stays_one_passage():
    doc = parse_document("# Terms\n\n- tithe: a tenth of the harvest,\n  paid to the church\n"
                         "- fief: land held from a lord\n", "terms.md")
    assert [p.text for p in doc.passages] == [
        "tithe: a tenth of the harvest, paid to the church", "fief: land held from a lord"]
