"""The HTML reader: main content, headings as topics, figures with their pictures."""

import base64
import socket

import pytest

from content.ingest.readers import read_document
from content.ingest.types import CAPTION, SENTENCE
from tests.content import documents as D


def _captions(doc):
    return [doc.passages[f.passage].text for f in doc.figures]


def _all_text(doc):
    return " ".join(p.text for p in doc.passages)


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_it_reads_figures_with_captions_below_above_and_in_mediawiki_thumbnails():
    items, expected = D.figures_document(figures=3, icons=0)
    doc = read_document(D.html_page(items).encode(), "cold-war.html")
    assert doc.layout == "html"
    assert _captions(doc) == [
        "A cargo plane lands at Tempelhof during the Berlin Airlift in 1948.",
        "Crowds stand on the Berlin Wall near the Brandenburg Gate in November 1989.",
        "President Kennedy meets his advisers during the Cuban Missile Crisis.",
    ]
    assert all(doc.passages[f.passage].kind == CAPTION for f in doc.figures)
    assert all(f.image is not None and f.image.format == "webp" for f in doc.figures)
    assert [f.image.width for f in doc.figures] == [220, 230, 240]
    assert [f.order for f in doc.figures] == [0, 1, 2]


def test_it_takes_headings_as_topics_and_the_h1_as_title():
    items, _ = D.figures_document(figures=4, icons=0)
    doc = read_document(D.html_page(items).encode(), "page.html")
    assert doc.title == "The Cold War"
    assert doc.topics == ["The Cold War", "Part 1 of the Cold War", "Part 2 of the Cold War"]
    assert doc.figures[3].topic == "Part 2 of the Cold War"
    assert all(p.kind == SENTENCE for p in doc.passages if p.text.startswith("In 1961"))


def test_it_drops_navigation_footers_reference_lists_and_edit_links():
    items, _ = D.figures_document(figures=2, icons=0)
    text = _all_text(read_document(D.html_page(items).encode(), "page.html"))
    for chrome in ("Home", "About us", "Site banner", "Copyright", "Smith, J.", "[edit]", "edit"):
        assert chrome not in text


def test_it_ignores_scripts_iframes_forms_and_javascript_urls(no_network):
    page = (
        "<html><body><main><h1>Yalta</h1>"
        "<script>document.write('Injected sentence from a script.')</script>"
        "<iframe src='https://evil.example/x'>Frame text is not content.</iframe>"
        "<form action='/login'><p>Type your password into this box.</p><input name=p></form>"
        "<p>The conference met in February 1945. <a href='javascript:alert(1)'>Read more</a></p>"
        "<figure><img src='javascript:alert(2)'><figcaption>Figure 1. Script picture.</figcaption>"
        "</figure><style>p { color: red }</style></main></body></html>"
    )
    doc = read_document(page.encode(), "yalta.html")
    text = _all_text(doc)
    assert "The conference met in February 1945." in text
    for bad in ("Injected", "Frame text", "password", "color", "alert"):
        assert bad not in text
    assert doc.figures == []


def test_it_never_fetches_remote_pictures_and_keeps_their_caption_as_a_figure_without_image(
    no_network,
):
    page = (
        "<html><body><article><h1>Sputnik</h1><p>Sputnik 1 was launched in October 1957.</p>"
        "<figure><img src='https://upload.example.org/sputnik.jpg' alt='Sputnik'>"
        "<figcaption>A replica of Sputnik 1 in a museum.</figcaption></figure>"
        "<figure><img src='//cdn.example.org/x.png'><figcaption>Second remote picture of the "
        "satellite.</figcaption></figure></article></body></html>"
    )
    doc = read_document(page.encode(), "sputnik.html")
    assert [f.image for f in doc.figures] == [None, None]
    assert _captions(doc)[0] == "A replica of Sputnik 1 in a museum."
    assert any("never fetched" in w for w in doc.warnings)


def test_it_reads_data_url_pictures_and_pairs_a_bare_img_with_the_figure_line_below():
    data = base64.b64encode(D.png(300, 200, seed=3)).decode()
    page = (
        "<html><body><h1>Berlin</h1><p>The wall fell in 1989.</p>"
        f"<p><img src='data:image/png;base64,{data}' alt='the wall'></p>"
        "<p>Figure 2: People on the wall at the Brandenburg Gate.</p>"
        "<p>Germany was reunified in 1990.</p></body></html>"
    )
    doc = read_document(page.encode(), "berlin.html")
    assert _captions(doc) == ["People on the wall at the Brandenburg Gate."]
    assert doc.figures[0].image.width == 300
    assert doc.figures[0].alt == "the wall"
    assert "Germany was reunified in 1990." in _all_text(doc)


def test_it_reads_a_saved_page_zip_with_its_files_folder():
    items, expected = D.figures_document(figures=3, icons=2)
    doc = read_document(D.saved_page_zip(items), "Cold War.zip")
    assert len(doc.figures) == 3
    assert all(f.image is not None for f in doc.figures)
    assert any("icon" in w for w in doc.warnings)


def test_a_page_whose_every_picture_is_an_icon_imports_its_text_without_figures():
    items = [("p", D.PROSE[0]), ("icon", D.icon(1)), ("p", D.PROSE[1]), ("icon", D.icon(2))]
    doc = read_document(D.saved_page_zip(items), "icons.zip")
    assert doc.figures == []
    assert "The Berlin Blockade began in June 1948" in _all_text(doc)


def test_it_reads_the_legacy_mediawiki_thumbnail_markup_without_the_magnify_link():
    data = base64.b64encode(D.png(250, 180, seed=5)).decode()
    page = (
        "<html><body><h1 id='firstHeading'>Cuba</h1><div id='mw-content-text'>"
        "<div class='mw-parser-output'><div class='thumb tright'><div class='thumbinner'>"
        f"<a href='/wiki/File:U2.jpg' class='image'><img src='data:image/png;base64,{data}'></a>"
        "<div class='thumbcaption'><div class='magnify'><a href='/wiki/File:U2.jpg'>enlarge</a>"
        "</div>A reconnaissance photograph of a missile site in Cuba.</div></div></div>"
        "<p>The crisis lasted thirteen days.<sup class='reference'>[1]</sup></p>"
        "<h2>References</h2><div class='reflist'><p>A cited book about the crisis.</p></div>"
        "</div></div></body></html>"
    )
    doc = read_document(page.encode(), "cuba.html")
    assert _captions(doc) == ["A reconnaissance photograph of a missile site in Cuba."]
    text = _all_text(doc)
    assert "enlarge" not in text and "[1]" not in text and "cited book" not in text


def test_it_reads_a_markdown_bundle_with_an_italic_caption_under_the_picture():
    md = (
        "# The Space Race\n\nThe Soviet Union launched Sputnik in 1957.\n\n"
        "![Sputnik](images/sputnik.png)\n*A model of Sputnik 1 in a museum.*\n\n"
        "## The Moon\n\nApollo 11 landed on the Moon in July 1969.\n\n"
        "![the flag](images/flag.png)\n_Buzz Aldrin beside the flag on the Moon._\n"
    )
    data = D.markdown_zip(md, {"images/sputnik.png": D.png(seed=1),
                               "images/flag.png": D.png(seed=2)})
    doc = read_document(data, "space.zip")
    assert doc.title == "The Space Race"
    assert _captions(doc) == ["A model of Sputnik 1 in a museum.",
                              "Buzz Aldrin beside the flag on the Moon."]
    assert doc.figures[1].topic == "The Moon"
    assert all(f.image is not None for f in doc.figures)


def test_it_dedupes_a_picture_repeated_with_the_same_caption():
    data = base64.b64encode(D.png(seed=9)).decode()
    fig = (f"<figure><img src='data:image/png;base64,{data}'><figcaption>The same picture of "
           "the airlift.</figcaption></figure>")
    page = f"<html><body><h1>Airlift</h1><p>It lasted a year.</p>{fig}{fig}</body></html>"
    doc = read_document(page.encode(), "airlift.html")
    assert len(doc.figures) == 1


def test_it_reads_utf8_pages_that_declare_no_charset_and_legacy_pages_that_do():
    page = "<html><body><h1>Café Zürich</h1><p>Khrushchev’s speech — 1960.</p></body></html>"
    doc = read_document(page.encode(), "cafe.html")
    assert doc.title == "Café Zürich"
    assert _all_text(doc) == "Khrushchev’s speech — 1960."
    legacy = ("<html><head><meta charset='windows-1252'></head><body><h1>Café</h1>"
              "<p>The café opened in 1960.</p></body></html>").encode("cp1252")
    assert _all_text(read_document(legacy, "cafe.html")) == "The café opened in 1960."


def test_it_reads_only_the_pictures_of_tables_an_infobox_and_a_layout_table_beside():
    picture = "data:image/png;base64," + base64.b64encode(D.png(240, 300, seed=6)).decode()
    other = "data:image/png;base64," + base64.b64encode(D.png(260, 200, seed=7)).decode()
    page = (
        "<html><body><h1>John F. Kennedy</h1><table class='infobox'><tr><td>"
        f"<img src='{picture}'><div class='infobox-caption'>Kennedy in the Oval Office, 1963"
        "</div></td></tr><tr><th>Born</th><td>May 29, 1917 Brookline</td></tr></table>"
        "<p>Kennedy was the 35th president of the United States.</p>"
        f"<table><tr><td><img src='{other}'></td><td>Kennedy speaking in Berlin in June 1963."
        "</td></tr></table><table><tr><td>Year</td><td>Event</td></tr></table></body></html>"
    )
    doc = read_document(page.encode(), "jfk.html")
    assert _captions(doc) == ["Kennedy in the Oval Office, 1963",
                              "Kennedy speaking in Berlin in June 1963."]
    assert _all_text(doc).count("Brookline") == 0 and "Event" not in _all_text(doc)
