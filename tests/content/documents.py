"""Documents built in memory for the reader tests and the bench.

A document is described once as a list of items, and written as HTML, DOCX, PDF,
EPUB or a Markdown bundle, so every format is checked against the same known
answer:

* ``("h", "Title")`` a heading;
* ``("p", "Some prose.")`` a paragraph;
* ``("fig", png_bytes, "Caption text", "below" | "above" | "beside")`` a picture
  with its caption;
* ``("icon", png_bytes)`` a picture without caption (bullets, spacers, logos).
"""

from __future__ import annotations

import io
import zipfile
from html import escape

from PIL import Image, ImageDraw

Item = tuple


def png(width: int = 200, height: int = 150, color: tuple = (180, 40, 40), seed: int = 0,
        fmt: str = "PNG") -> bytes:
    """A picture with some shapes, distinct for each ``seed``."""
    image = Image.new("RGB", (width, height), color)
    draw = ImageDraw.Draw(image)
    for k in range(4):
        x = (seed * 37 + k * 53) % max(width - 20, 1)
        y = (seed * 23 + k * 41) % max(height - 20, 1)
        draw.rectangle([x, y, x + 18 + seed % 7, y + 15 + k], fill=((seed * 50 + k * 60) % 256,
                                                                   (seed * 90) % 256, 200))
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def icon(seed: int = 0) -> bytes:
    return png(16, 16, (0, 0, 200), seed)


# --- HTML -----------------------------------------------------------------------


def html_page(items: list[Item], title: str = "The Cold War", src=None,
              chrome: bool = True) -> str:
    """A web page; ``src(n, data)`` gives each picture's ``src`` (default a data: URL)."""
    import base64

    def source(n: int, data: bytes) -> str:
        if src is not None:
            return src(n, data)
        return "data:image/png;base64," + base64.b64encode(data).decode()

    body: list[str] = []
    for n, item in enumerate(items):
        if item[0] == "h":
            body.append(f"<h2>{escape(item[1])} <span class='mw-editsection'>[edit]</span></h2>")
        elif item[0] == "p":
            body.append(f"<p>{escape(item[1])}</p>")
        elif item[0] == "icon":
            body.append(f"<p><img src='{source(n, item[1])}' width='16' height='16'/> </p>")
        else:
            _, data, caption, where = item
            img = f"<img src='{source(n, data)}' alt='picture {n}'/>"
            cap = escape(caption)
            if where == "below":
                body.append(f"<figure>{img}<figcaption>{cap}</figcaption></figure>")
            elif where == "above":
                body.append(f"<figure><figcaption>{cap}</figcaption>{img}</figure>")
            else:  # beside: a MediaWiki thumbnail with the caption in its own box
                body.append(f"<div class='thumb tright'><div class='thumbinner'>"
                            f"<a href='/wiki/File:{n}.png'>{img}</a>"
                            f"<div class='thumbcaption'><div class='magnify'></div>{cap}</div>"
                            f"</div></div>")
    nav = ("<nav><a href='/'>Home</a> <a href='/about'>About us</a></nav>"
           "<header><p>Site banner text goes here.</p></header>") if chrome else ""
    foot = ("<h2>References</h2><ol class='references'><li>Smith, J. (1990). A book about it."
            "</li></ol><footer><p>Copyright notice of the site.</p></footer>") if chrome else ""
    return (f"<!DOCTYPE html><html><head><title>{escape(title)} - Wikipedia</title></head>"
            f"<body>{nav}<main><h1>{escape(title)}</h1>{''.join(body)}{foot}</main>"
            f"</body></html>")


def saved_page_zip(items: list[Item], title: str = "The Cold War") -> bytes:
    """A browser's "Save page, complete": ``Page.html`` and ``Page_files/``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        def src(n: int, data: bytes) -> str:
            archive.writestr(f"Page_files/img{n}.png", data)
            return f"./Page_files/img{n}.png"

        archive.writestr("Page.html", html_page(items, title, src=src))
    return out.getvalue()


# --- DOCX -----------------------------------------------------------------------


def docx_file(items: list[Item], title: str = "The Cold War", caption_style: bool = True) -> bytes:
    from docx import Document
    from docx.shared import Inches

    document = Document()
    document.add_paragraph(title, style="Title")

    def caption(text: str) -> None:
        if caption_style:
            document.add_paragraph(text, style="Caption")
        else:
            document.add_paragraph().add_run(text).italic = True

    for item in items:
        if item[0] == "h":
            document.add_heading(item[1], level=1)
        elif item[0] == "p":
            document.add_paragraph(item[1])
        elif item[0] == "icon":
            document.add_paragraph().add_run().add_picture(io.BytesIO(item[1]),
                                                           width=Inches(0.2))
        else:
            _, data, text, where = item
            if where == "above":
                caption(text)
            if where == "beside":
                table = document.add_table(rows=1, cols=2)
                table.cell(0, 0).paragraphs[0].add_run().add_picture(io.BytesIO(data),
                                                                     width=Inches(2))
                table.cell(0, 1).paragraphs[0].add_run(text)
                table.cell(0, 1).paragraphs[0].style = document.styles["Caption"]
                continue
            document.add_picture(io.BytesIO(data), width=Inches(2))
            if where == "below":
                caption(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- PDF ------------------------------------------------------------------------


def pdf_file(items: list[Item], title: str = "The Cold War", header: str = "",
             footer: bool = True, pages_per_break: int = 0) -> bytes:
    """A PDF with a text layer: wrapped paragraphs, pictures, running head and page numbers."""
    import textwrap

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    width, height = A4
    margin = 60
    state = {"y": height - margin, "page": 1}

    def furniture() -> None:
        if header:
            pdf.setFont("Helvetica", 8)
            pdf.drawString(margin, height - 30, header)
        if footer:
            pdf.setFont("Helvetica", 8)
            pdf.drawString(width / 2, 25, str(state["page"]))

    def need(space: float) -> None:
        if state["y"] - space < margin:
            furniture()
            pdf.showPage()
            state["page"] += 1
            state["y"] = height - margin

    def text(line: str, size: float = 11, font: str = "Helvetica") -> None:
        need(size * 1.4)
        pdf.setFont(font, size)
        pdf.drawString(margin, state["y"] - size, line)
        state["y"] -= size * 1.35

    text(title, 20, "Helvetica-Bold")
    state["y"] -= 8
    for item in items:
        if item[0] == "h":
            state["y"] -= 8
            text(item[1], 15, "Helvetica-Bold")
        elif item[0] == "p":
            for line in textwrap.wrap(item[1], 85):
                text(line)
            state["y"] -= 8
        elif item[0] == "icon":
            need(20)
            pdf.drawImage(ImageReader(io.BytesIO(item[1])), margin, state["y"] - 12, 12, 12)
            state["y"] -= 20
        else:
            _, data, caption, where = item
            w, h = 180, 130
            lines = textwrap.wrap(caption, 60 if where == "beside" else 90)
            need(h + 16 + 12 * len(lines))
            if where == "above":
                for line in lines:
                    text(line, 9)
                state["y"] -= 2
            top = state["y"]
            pdf.drawImage(ImageReader(io.BytesIO(data)), margin, top - h, w, h)
            if where == "beside":
                pdf.setFont("Helvetica", 9)
                for k, line in enumerate(lines):
                    pdf.drawString(margin + w + 14, top - h / 2 - k * 12, line)
                state["y"] = top - h - 14
            else:
                state["y"] = top - h - 6
                if where == "below":
                    for line in lines:
                        text(line, 9)
            state["y"] -= 10
    furniture()
    pdf.showPage()
    pdf.save()
    return out.getvalue()


# --- EPUB and Markdown bundles --------------------------------------------------


def epub_file(chapters: list[tuple[str, list[Item]]], title: str = "A History Book",
              extra_xml: str = "") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        archive.writestr("META-INF/container.xml", (
            "<?xml version='1.0'?><container version='1.0' "
            "xmlns='urn:oasis:names:tc:opendocument:xmlns:container'><rootfiles>"
            "<rootfile full-path='OEBPS/content.opf' media-type='application/oebps-package+xml'/>"
            "</rootfiles></container>"))
        manifest, spine = [], []
        for c, (name, items) in enumerate(chapters):
            def src(n: int, data: bytes, c: int = c) -> str:
                archive.writestr(f"OEBPS/images/c{c}-{n}.png", data)
                manifest.append(f"<item id='img{c}-{n}' href='images/c{c}-{n}.png' "
                                "media-type='image/png'/>")
                return f"images/c{c}-{n}.png"

            page = html_page(items, name, src=src, chrome=False)
            page = page.replace("<!DOCTYPE html>", "<?xml version='1.0' encoding='utf-8'?>"
                                + extra_xml)
            archive.writestr(f"OEBPS/chap{c}.xhtml", page)
            manifest.append(f"<item id='c{c}' href='chap{c}.xhtml' "
                            "media-type='application/xhtml+xml'/>")
            spine.append(f"<itemref idref='c{c}'/>")
        archive.writestr("OEBPS/content.opf", (
            "<?xml version='1.0' encoding='utf-8'?>" + extra_xml +
            "<package xmlns='http://www.idpf.org/2007/opf' version='3.0'>"
            "<metadata xmlns:dc='http://purl.org/dc/elements/1.1/'>"
            f"<dc:title>{escape(title)}</dc:title></metadata>"
            f"<manifest>{''.join(manifest)}</manifest><spine>{''.join(spine)}</spine>"
            "</package>"))
    return out.getvalue()


def markdown_zip(text: str, files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("notes/lesson.md", text)
        for name, data in files.items():
            archive.writestr(f"notes/{name}", data)
    return out.getvalue()


def zip_of(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


# --- the known answer -----------------------------------------------------------

PROSE = [
    "The Berlin Blockade began in June 1948 when the Soviet Union closed the roads to the "
    "western sectors of the city. The allies answered with an airlift that lasted almost a "
    "year and carried food and coal to two million people.",
    "In 1961 the East German government built a wall across Berlin. It stood for twenty-eight "
    "years, until crowds crossed it freely on the night of 9 November 1989.",
    "The Cuban Missile Crisis of October 1962 brought the two superpowers close to nuclear "
    "war. It ended when the Soviet Union agreed to remove its missiles from Cuba.",
]

CAPTIONS = [
    "Figure {n}. A cargo plane lands at Tempelhof during the Berlin Airlift in 1948.",
    "Figure {n}. Crowds stand on the Berlin Wall near the Brandenburg Gate in November 1989.",
    "Figure {n}. President Kennedy meets his advisers during the Cuban Missile Crisis.",
    "Figure {n}. Soviet tanks face American tanks at Checkpoint Charlie in October 1961.",
    "Figure {n}. Nikita Khrushchev speaks at the United Nations in 1960.",
    "Figure {n}. Children in Berlin wave at an American plane bringing sweets in 1948.",
    "Figure {n}. A U-2 reconnaissance photograph shows missile sites in Cuba.",
    "Figure {n}. Soldiers lay the first barbed wire of the Berlin Wall in August 1961.",
    "Figure {n}. Leaders meet at the Yalta Conference in February 1945.",
    "Figure {n}. Sputnik 1 on display before its launch in October 1957.",
]


def figures_document(figures: int = 10, icons: int = 6, paragraphs: int = 3) -> tuple[
        list[Item], list[tuple[bytes, str]]]:
    """Items with ``figures`` captioned pictures (above, below, beside) and decoy icons,
    and the expected (picture, caption) pairs."""
    items: list[Item] = []
    expected: list[tuple[bytes, str]] = []
    positions = ("below", "above", "beside")
    for n in range(figures):
        if n % 3 == 0:
            items.append(("h", f"Part {n // 3 + 1} of the Cold War"))
        for p in range(paragraphs):
            items.append(("p", PROSE[(n + p) % len(PROSE)].replace("1948", str(1940 + n + p))
                          + f" Section {n + 1}.{p + 1} of this chapter comes back to it later."))
        if n < icons:
            items.append(("icon", icon(seed=n)))
        data = png(220 + 10 * n, 160, ((n * 40) % 256, 90, 120), seed=n + 1)
        caption = CAPTIONS[n % len(CAPTIONS)].format(n=n + 1)
        items.append(("fig", data, caption, positions[n % 3]))
        expected.append((data, caption))
    return items, expected
