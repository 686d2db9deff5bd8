"""Word documents (.docx), read with python-docx.

Headings (and the "Title" paragraph) become topics; paragraphs become sentences;
inline pictures (DrawingML, and VML from older files) become figures with the
caption paragraph next to them: Word's "Caption" style or a "Figure n" line is a
caption for sure, an all-italic short line may be one. Tables are read cell by
cell, so a picture beside its caption in a layout table is paired too. Every XML
part is checked with ``defusedxml`` before python-docx parses it.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from content.ingest.errors import IngestError
from content.ingest.readers.archive import SafeZip, check_xml
from content.ingest.readers.common import (
    FIGURE,
    HEADING,
    IMAGE,
    TEXT,
    Block,
    RawImage,
    assemble,
    caption_strength,
    normalise_space,
)
from content.ingest.readers.limits import Limits
from content.ingest.types import ParsedDocument

_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "v": "urn:schemas-microsoft-com:vml",
}
_PICTURE_REFS = etree.XPath(".//a:blip/@r:embed | .//v:imagedata/@r:id", namespaces=_NS)
_ALT_TEXT = etree.XPath(".//wp:docPr/@descr", namespaces=_NS)


def _style_names(document) -> dict[str | None, str]:
    names: dict[str | None, str] = {None: "Normal"}
    for style in document.styles:
        names[style.style_id] = style.name or ""
    return names


def _italic(paragraph: Paragraph) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.italic for r in runs)


def _images(paragraph: Paragraph, part) -> list[RawImage]:
    element = paragraph._p
    refs = _PICTURE_REFS(element)
    alts = _ALT_TEXT(element)
    alt = normalise_space(alts[0]) if alts else ""
    found: list[RawImage] = []
    for rid in refs:
        target = part.related_parts.get(rid) if hasattr(part, "related_parts") else None
        if target is None:
            found.append(RawImage(None, name=f"picture {rid}", alt=alt, missing="missing"))
            continue
        found.append(RawImage(target.blob, name=str(target.partname).rsplit("/", 1)[-1],
                              mime=getattr(target, "content_type", ""), alt=alt))
    return found


def _paragraphs(document) -> list[Paragraph]:
    """Body paragraphs in reading order, table cells row by row."""
    out: list[Paragraph] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(Paragraph(child, document))
        elif child.tag in (qn("w:tbl"), qn("w:sdt"), qn("w:customXml")):
            out.extend(Paragraph(p, document) for p in child.iter(qn("w:p")))
    return out


def read_docx(data: bytes, archive: SafeZip, filename: str, limits: Limits) -> ParsedDocument:
    for name in archive.names:
        if name.lower().endswith((".xml", ".rels")):
            check_xml(archive.read(name), f"Word document part {name!r}")
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, NotImplementedError,
            etree.XMLSyntaxError, zlib.error, OSError, EOFError) as exc:
        raise IngestError(f"The Word document is damaged and cannot be read ({exc}).") from None
    part = document.part
    styles = _style_names(document)
    blocks: list[Block] = []
    title = ""
    for paragraph in _paragraphs(document):
        style = styles.get(paragraph._p.style, "")
        text = normalise_space(paragraph.text)
        images = _images(paragraph, part)
        lowered = style.casefold()
        if lowered == "title" and text and not title:
            title = text
            continue
        if lowered.startswith("heading") and text:
            level = int(lowered[-1]) if lowered[-1:].isdigit() else 1
            blocks.append(Block(HEADING, text=text, level=level))
            continue
        strength = caption_strength(text, styled="caption" in lowered,
                                    italic=_italic(paragraph)) if text else 0
        if images and text and strength:
            blocks.append(Block(FIGURE, text=text, images=images))  # picture and caption inline
            continue
        if images:
            blocks.append(Block(IMAGE, images=images))
        if text:
            blocks.append(Block(TEXT, text=text, caption=strength))
    return assemble(blocks, title=title, layout="docx", filename=filename, limits=limits)
