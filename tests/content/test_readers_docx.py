"""The Word reader: headings, paragraphs, pictures and the caption paragraph next to them."""

import io
import zipfile

import pytest

from content.ingest.errors import IngestError
from content.ingest.readers import Limits, read_document
from tests.content import documents as D


def _captions(doc):
    return [doc.passages[f.passage].text for f in doc.figures]


def test_it_pairs_a_docx_picture_with_its_caption_style_paragraph():
    items = [("h", "The airlift"), ("p", D.PROSE[0]),
             ("fig", D.png(seed=1), "Figure 1. A plane lands at Tempelhof in 1948.", "below"),
             ("p", D.PROSE[1])]
    doc = read_document(D.docx_file(items), "handout.docx")
    assert doc.layout == "docx"
    assert _captions(doc) == ["A plane lands at Tempelhof in 1948."]
    assert doc.figures[0].image.width == 200
    assert doc.figures[0].topic == "The airlift"


def test_it_pairs_captions_above_below_and_beside_in_a_table_and_skips_decoy_icons():
    items, expected = D.figures_document(figures=6, icons=6)
    doc = read_document(D.docx_file(items), "handout.docx")
    assert len(doc.figures) == 6
    assert _captions(doc) == [c.split(". ", 1)[1] for _, c in expected]
    assert [f.image.width for f in doc.figures] == [220, 230, 240, 250, 260, 270]
    assert any("6 icon" in w for w in doc.warnings)


def test_it_pairs_a_figure_n_line_in_a_plain_style_with_the_picture_above_it():
    from docx import Document

    document = Document()
    document.add_heading("Yalta", level=1)
    document.add_paragraph("The leaders met in February 1945.")
    document.add_picture(io.BytesIO(D.png(seed=4)))
    document.add_paragraph("Fig. 2 – Churchill, Roosevelt and Stalin at Yalta.")
    out = io.BytesIO()
    document.save(out)
    doc = read_document(out.getvalue(), "yalta.docx")
    assert _captions(doc) == ["Churchill, Roosevelt and Stalin at Yalta."]


def test_it_takes_the_title_paragraph_as_title_and_headings_as_topics():
    items = [("h", "Berlin"), ("p", D.PROSE[1]), ("h", "Cuba"), ("p", D.PROSE[2])]
    doc = read_document(D.docx_file(items, title="Cold War crises"), "crises.docx")
    assert doc.title == "Cold War crises"
    assert doc.topics == ["Cold War crises", "Berlin", "Cuba"]
    cuba = [p for p in doc.passages if "Cuban" in p.text]
    assert cuba and all(p.topic == "Cuba" for p in cuba)


def test_a_docx_whose_every_picture_is_an_icon_imports_its_text_without_figures():
    items = [("p", D.PROSE[0]), ("icon", D.icon(1)), ("p", D.PROSE[2]), ("icon", D.icon(2))]
    doc = read_document(D.docx_file(items), "icons.docx")
    assert doc.figures == []
    assert len(doc.passages) >= 4


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_a_truncated_docx_is_refused_as_damaged(cut):
    data = D.docx_file([("p", D.PROSE[0])])
    with pytest.raises(IngestError, match="damaged"):
        read_document(data[: int(len(data) * cut)], "cut.docx")


def test_a_docx_with_a_corrupt_document_part_is_refused_as_damaged():
    data = D.docx_file([("p", D.PROSE[0])])
    members = _members(data)
    members["word/document.xml"] = b"<w:document><w:body><w:p>broken"
    with pytest.raises(IngestError, match="damaged"):
        read_document(D.zip_of(members), "broken.docx")


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_docx_with_xml_entity_declarations_billion_laughs_is_refused():
    data = D.docx_file([("p", D.PROSE[0])])
    members = _members(data)
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol "lol">'
        + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i else b"&lol;") * 10)
                   for i in range(9))
        + b"]>"
    )
    body = members["word/document.xml"].split(b"?>", 1)[1]
    members["word/document.xml"] = laughs + body.replace(b"</w:body>", b"<w:p><w:r><w:t>&lol8;"
                                                         b"</w:t></w:r></w:p></w:body>", 1)
    with pytest.raises(IngestError, match="entity"):
        read_document(D.zip_of(members), "laughs.docx")


def test_a_docx_larger_than_the_size_limit_is_refused_before_it_is_opened():
    data = D.docx_file([("p", D.PROSE[0])])
    big = data + b"\0" * (50 * 1024 * 1024)
    with pytest.raises(IngestError, match="size limit"):
        read_document(big, "big.docx")
    with pytest.raises(IngestError, match="size limit"):
        read_document(data, "small.docx", limits=Limits(max_bytes=1000))


def test_a_damaged_picture_in_a_docx_is_skipped_with_a_warning_and_the_text_kept():
    items = [("p", D.PROSE[0]), ("fig", D.png(seed=1), "Figure 1. The airlift.", "below")]
    members = _members(D.docx_file(items))
    name = next(n for n in members if n.startswith("word/media/"))
    members[name] = b"\x89PNG\r\n\x1a\n" + b"not really a png" * 10
    doc = read_document(D.zip_of(members), "bad-picture.docx")
    assert doc.figures == []
    assert any("damaged" in w for w in doc.warnings)
    assert any("Berlin Blockade" in p.text for p in doc.passages)
