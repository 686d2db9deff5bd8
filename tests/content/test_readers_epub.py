"""The EPUB reader: chapters as topics, with their pictures and captions."""

import pytest

from content.ingest.errors import IngestError
from content.ingest.readers import read_document
from tests.content import documents as D


def _book(extra_xml: str = "") -> bytes:
    return D.epub_file([
        ("The Berlin Airlift", [("p", D.PROSE[0]), ("fig", D.png(seed=1),
                                "A plane over Berlin in 1948.", "below")]),
        ("The Cuban Missile Crisis", [("p", D.PROSE[2]), ("fig", D.png(seed=2),
                                      "Figure 2. Missile sites seen from the air.", "beside")]),
    ], extra_xml=extra_xml)


def test_it_reads_epub_chapters_as_topics_with_their_pictures_and_captions():
    doc = read_document(_book(), "history.epub")
    assert doc.layout == "epub"
    assert doc.title == "A History Book"
    assert doc.topics == ["A History Book", "The Berlin Airlift", "The Cuban Missile Crisis"]
    assert [(doc.passages[f.passage].text, f.topic) for f in doc.figures] == [
        ("A plane over Berlin in 1948.", "The Berlin Airlift"),
        ("Missile sites seen from the air.", "The Cuban Missile Crisis"),
    ]
    assert all(f.image is not None for f in doc.figures)


def test_it_recognises_an_epub_by_its_content_whatever_its_name():
    assert read_document(_book(), "upload.bin").layout == "epub"


def test_an_epub_with_xml_entity_declarations_is_refused():
    laughs = ('<!DOCTYPE package [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;">]>')
    with pytest.raises(IngestError, match="entity"):
        read_document(_book(extra_xml=laughs), "laughs.epub")


def test_a_truncated_epub_is_refused_as_damaged():
    data = _book()
    with pytest.raises(IngestError, match="damaged"):
        read_document(data[: len(data) // 2], "cut.epub")


def test_an_epub_without_its_package_file_is_refused_as_damaged():
    members = {"mimetype": b"application/epub+zip", "META-INF/container.xml": (
        b"<?xml version='1.0'?><container xmlns='urn:oasis:names:tc:opendocument:xmlns:container'>"
        b"<rootfiles><rootfile full-path='OEBPS/missing.opf'/></rootfiles></container>")}
    with pytest.raises(IngestError, match="damaged"):
        read_document(D.zip_of(members), "empty.epub")
