"""EPUB e-books: the chapters of the spine, in order, each read as HTML.

An EPUB is a zip of XHTML files listed by an OPF package file. It is read here
with the zip limits of :mod:`archive` and ``defusedxml`` for every XML file
(``ebooklib`` is AGPL-licensed, so it is not used). Each chapter's title (its
first heading, else its title in the table of contents) becomes a topic; its
pictures come from the archive.
"""

from __future__ import annotations

import posixpath

from defusedxml import ElementTree as SafeET

from content.ingest.errors import IngestError
from content.ingest.readers.archive import SafeZip, check_xml, refuse_entities
from content.ingest.readers.common import HEADING, Block, assemble, normalise_space
from content.ingest.readers.html import html_blocks, html_title, parse_html
from content.ingest.readers.limits import Limits
from content.ingest.types import ParsedDocument

_OPF = "{http://www.idpf.org/2007/opf}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"


def _xml(archive: SafeZip, name: str):
    data = archive.read(name)
    check_xml(data, f"e-book file {name!r}")
    return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True)


def read_epub(archive: SafeZip, filename: str, limits: Limits) -> ParsedDocument:
    if "META-INF/container.xml" not in archive:
        raise IngestError("The e-book is damaged: it has no META-INF/container.xml.")
    container = _xml(archive, "META-INF/container.xml")
    rootfile = container.find(f".//{_CONTAINER}rootfile")
    opf_name = rootfile.get("full-path") if rootfile is not None else None
    if not opf_name or archive.find(opf_name) is None:
        raise IngestError("The e-book is damaged: its package file (.opf) is missing.")
    opf = _xml(archive, archive.find(opf_name))
    title_el = opf.find(f".//{_DC}title")
    book_title = normalise_space(title_el.text or "") if title_el is not None else ""
    manifest = {
        item.get("id"): item for item in opf.iter(f"{_OPF}item") if item.get("id")
    }
    chapters: list[str] = []
    for ref in opf.iter(f"{_OPF}itemref"):
        item = manifest.get(ref.get("idref"))
        if item is None or "html" not in (item.get("media-type") or ""):
            continue
        member = archive.resolve(opf_name, item.get("href") or "")
        if member and member not in chapters:
            chapters.append(member)
    if not chapters:
        raise IngestError("The e-book has no chapters to read.")
    blocks: list[Block] = []
    for member in chapters:
        data = archive.read(member)
        # Chapters go to the forgiving HTML parser (sloppy XHTML is common); only entity
        # declarations are refused up front, and lxml's HTML parser expands none anyway.
        refuse_entities(data, f"e-book chapter {member!r}")
        root = parse_html(data)

        def resolve(src: str, base: str = member) -> bytes | None:
            found = archive.resolve(base, src)
            return archive.read(found) if found else None

        chapter = html_title(root) or posixpath.splitext(posixpath.basename(member))[0]
        chapter_blocks = html_blocks(root, resolve)
        if not any(b.kind in ("text", "figure", "image") for b in chapter_blocks):
            continue  # a cover or a blank page
        # The chapter's topic is its first heading, else its <title>, else its file name.
        if not chapter_blocks or chapter_blocks[0].kind != HEADING:
            blocks.append(Block(HEADING, text=chapter, level=1))
        blocks.extend(chapter_blocks)
    return assemble(blocks, title=book_title, layout="epub", filename=filename, limits=limits)
