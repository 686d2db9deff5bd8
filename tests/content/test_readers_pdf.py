"""The PDF reader: text in order, running heads dropped, pictures with the nearest caption."""

import io

import pytest

from content.ingest.errors import IngestError
from content.ingest.readers import Limits, read_document
from tests.content import documents as D


def _captions(doc):
    return [doc.passages[f.passage].text for f in doc.figures]


def _texts(doc):
    return [p.text for p in doc.passages]


def _long_document():
    items = []
    for n in range(12):
        items.append(("h", f"Chapter {n + 1}"))
        items.extend(("p", D.PROSE[k % 3]) for k in range(n, n + 4))
    return items


def test_it_pairs_pdf_pictures_with_captions_below_above_and_beside():
    items, expected = D.figures_document(figures=6, icons=4)
    doc = read_document(D.pdf_file(items), "chapter.pdf")
    assert doc.layout == "pdf"
    assert _captions(doc) == [c.split(". ", 1)[1] for _, c in expected]
    assert [f.image.width for f in doc.figures] == [220, 230, 240, 250, 260, 270]
    assert any("4 icon" in w for w in doc.warnings)


def test_it_reads_pdf_text_in_order_with_headings_as_topics():
    doc = read_document(D.pdf_file([("h", "Berlin"), ("p", D.PROSE[1]), ("h", "Cuba"),
                                    ("p", D.PROSE[2])]), "crises.pdf")
    assert doc.topics == ["The Cold War", "Berlin", "Cuba"]
    assert _texts(doc) == [
        "In 1961 the East German government built a wall across Berlin.",
        "It stood for twenty-eight years, until crowds crossed it freely on the night of "
        "9 November 1989.",
        "The Cuban Missile Crisis of October 1962 brought the two superpowers close to nuclear "
        "war.",
        "It ended when the Soviet Union agreed to remove its missiles from Cuba.",
    ]
    assert doc.passages[-1].topic == "Cuba"


def test_it_drops_running_headers_and_page_numbers_and_mends_paragraphs_across_pages():
    data = D.pdf_file(_long_document(), header="Cold War History - Chapter Four")
    doc = read_document(data, "long.pdf")
    text = " ".join(_texts(doc))
    assert "Cold War History" not in text
    assert not [t for t in _texts(doc) if t.strip().isdigit()]
    # Every sentence is whole: none starts in lower case (a paragraph cut by a page break).
    assert all(t[0].isupper() or t[0].isdigit() for t in _texts(doc))


def test_it_joins_words_hyphenated_across_lines():
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.setFont("Helvetica", 11)
    for k, line in enumerate(["The Marshall Plan helped the recon-", "struction of Western Europe "
                              "after the war, and the well-", "known airlift fed Berlin."]):
        pdf.drawString(60, 700 - 14 * k, line)
    pdf.save()
    doc = read_document(out.getvalue(), "marshall.pdf")
    text = " ".join(_texts(doc))
    assert "reconstruction of Western Europe" in text
    assert "the well-known airlift" in text


def test_a_pdf_with_no_text_layer_is_refused_with_a_clear_message():
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.drawImage(ImageReader(io.BytesIO(D.png(600, 800, seed=2))), 0, 0, 595, 842)
    pdf.save()
    with pytest.raises(IngestError, match="(?i)this PDF has no text layer; OCR is not supported"):
        read_document(out.getvalue(), "scan.pdf")


def test_an_encrypted_pdf_is_refused_with_a_clear_message():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(D.pdf_file([("p", D.PROSE[0])]))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(IngestError, match="encrypted"):
        read_document(out.getvalue(), "locked.pdf")


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_a_truncated_pdf_is_refused_as_damaged_or_read_in_part_never_a_crash(cut):
    data = D.pdf_file([("p", D.PROSE[0]), ("fig", D.png(seed=1), "Figure 1. A plane.", "below")])
    try:
        doc = read_document(data[: int(len(data) * cut)], "cut.pdf")
    except IngestError as error:
        assert "PDF" in str(error)
    else:
        assert doc.passages


def test_a_corrupt_pdf_is_refused_as_damaged():
    with pytest.raises(IngestError, match="damaged"):
        read_document(b"%PDF-1.7\n" + bytes(range(256)) * 40, "garbage.pdf")


def test_a_pdf_over_the_page_limit_is_refused():
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(300):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(IngestError, match="300 pages"):
        read_document(out.getvalue(), "book.pdf")
    with pytest.raises(IngestError, match="at most 2 "):
        read_document(D.pdf_file(_long_document()), "long.pdf", limits=Limits(max_pages=2))


def test_a_pdf_whose_every_picture_is_an_icon_imports_its_text_without_figures():
    items = [("p", D.PROSE[0]), ("icon", D.icon(1)), ("p", D.PROSE[1]), ("icon", D.icon(2))]
    doc = read_document(D.pdf_file(items), "icons.pdf")
    assert doc.figures == []
    assert any("Berlin Blockade" in t for t in _texts(doc))
