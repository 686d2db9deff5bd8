"""Choosing the reader from the content, and refusing hostile archives and files."""

import io
import zipfile

import pytest

from content.ingest.errors import IngestError
from content.ingest.parse import parse_document
from content.ingest.readers import Limits, read_document, sniff
from tests.content import documents as D


def test_plain_text_and_markdown_read_exactly_as_parse_document_does():
    text = "# Berlin\n\nThe wall fell in 1989. Germany was reunified in 1990.\n"
    assert read_document(text.encode(), "berlin.md") == parse_document(text, "berlin.md")
    assert read_document(text.encode(), "berlin.md").figures == []


def test_the_reader_is_chosen_by_content_not_by_extension():
    items = [("p", D.PROSE[0])]
    assert read_document(D.html_page(items).encode(), "notes.txt").layout == "html"
    assert read_document(D.pdf_file(items), "chapter.docx").layout == "pdf"
    assert read_document(D.docx_file(items), "handout.zip").layout == "docx"
    assert sniff(b"\x89PNG\r\n\x1a\n....") == "image"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, r"\.docx"),
        (D.png(), "picture, not a document"),
        (b"\x00\x01\x02binary" * 100, "binary"),
        (D.zip_of({"data.csv": b"a,b\n1,2\n"}), "no document"),
    ],
)
def test_files_that_are_no_document_are_refused_with_a_reason(data, message):
    with pytest.raises(IngestError, match=message):
        read_document(data, "upload")


def test_a_zip_bomb_is_refused_by_its_compression_ratio():
    bomb = D.zip_of({"Page.html": b"<html><body><p>Hi there.</p>" + b" " * (30 * 1024 * 1024)})
    assert len(bomb) < 100_000
    with pytest.raises(IngestError, match="zip bomb"):
        read_document(bomb, "page.zip")


def test_an_archive_over_the_unpacked_size_limit_is_refused():
    import os

    members = {"Page.html": b"<html><body><p>Hello there, reader.</p></body></html>"}
    members.update({f"Page_files/{n}.bin": os.urandom(200_000) for n in range(6)})
    with pytest.raises(IngestError, match="unpack"):
        read_document(D.zip_of(members), "page.zip",
                      limits=Limits(max_unpacked_bytes=1024 * 1024))


def test_an_archive_with_too_many_members_is_refused():
    members = {f"Page_files/{n}.txt": b"x" for n in range(2001)}
    members["Page.html"] = b"<html><body><p>Hello there.</p></body></html>"
    with pytest.raises(IngestError, match="files, more than"):
        read_document(D.zip_of(members), "page.zip")


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "a/../../x.png",
                                  "C:/Windows/x.png", "..\\..\\x.png"])
def test_an_archive_with_a_member_name_leading_outside_it_is_refused(name):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("Page.html", "<html><body><p>Hello there.</p></body></html>")
        archive.writestr(zipfile.ZipInfo(name), b"\x89PNG")
    with pytest.raises(IngestError, match="outside"):
        read_document(out.getvalue(), "page.zip")


def test_a_saved_page_cannot_reach_files_outside_its_archive():
    page = ("<html><body><h1>Berlin</h1><p>The wall fell in 1989.</p><figure>"
            "<img src='../../../etc/hostname'><figcaption>A picture outside the archive."
            "</figcaption></figure></body></html>")
    doc = read_document(D.zip_of({"Page.html": page.encode()}), "page.zip")
    assert [f.image for f in doc.figures] == [None]
    assert any("not found" in w for w in doc.warnings)


@pytest.mark.parametrize("builder", ["html", "zip", "md"])
def test_truncated_and_corrupt_archives_and_pages_never_crash(builder):
    items = [("p", D.PROSE[0]), ("fig", D.png(seed=1), "Figure 1. A plane.", "below")]
    data = {
        "html": lambda: D.html_page(items).encode(),
        "zip": lambda: D.saved_page_zip(items),
        "md": lambda: D.markdown_zip("# Air\n\nPlanes flew.\n\n![a](a.png)\n*A plane.*\n",
                                     {"a.png": D.png()}),
    }[builder]()
    for cut in (0.2, 0.5, 0.8):
        try:
            doc = read_document(data[: int(len(data) * cut)], f"x.{builder}")
        except IngestError as error:
            assert str(error)
        else:
            assert doc.passages


def test_entity_declarations_in_an_html_page_are_never_expanded():
    laughs = ('<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><html><body><p>The wall fell in 1989 '
              "&c; here.</p></body></html>")
    doc = read_document(laughs.encode(), "laughs.html")
    assert "aaaa" not in " ".join(p.text for p in doc.passages)


def test_a_pdf_that_takes_longer_than_the_time_limit_is_refused():
    data = D.pdf_file([("p", D.PROSE[0])] * 200)
    with pytest.raises(IngestError, match="too long"):
        read_document(data, "slow.pdf", limits=Limits(max_seconds=0.0))
