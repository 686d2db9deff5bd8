"""Read an uploaded document of any accepted type into a :class:`ParsedDocument`.

The reader is chosen from the bytes (a PDF header, the members of a zip, HTML
tags), the file name only breaking ties; plain text and Markdown go through
``parse_document`` as before. Every refusal is an :class:`IngestError` whose
message can be shown to the person who uploaded the file. Pure Python: no Django.
"""

from __future__ import annotations

import re

from content.ingest.errors import IngestError, decode_upload
from content.ingest.parse import parse_document
from content.ingest.readers.archive import SafeZip
from content.ingest.readers.bundles import (
    HTML_EXT,
    MD_EXT,
    read_html_zip,
    read_markdown_zip,
)
from content.ingest.readers.docx import read_docx
from content.ingest.readers.epub import read_epub
from content.ingest.readers.html import read_html
from content.ingest.readers.limits import DEFAULT_LIMITS, Limits
from content.ingest.readers.pdf import read_pdf
from content.ingest.types import ParsedDocument

__all__ = ["ACCEPTED_EXTENSIONS", "Limits", "read_document", "sniff"]

# For the upload form's ``accept`` attribute and its help text.
ACCEPTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".epub", ".zip")

_HTML_SIGNS = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|main)\b", re.IGNORECASE)
_TAGS = re.compile(rb"<(?:p|div|h[1-6]|figure|img|table|ul|section)\b[^>]*>", re.IGNORECASE)
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM")


def sniff(data: bytes, filename: str = "") -> str:
    """The kind of document: pdf, docx, epub, html-zip, markdown-zip, html, text, or other."""
    name = filename.lower()
    head = data[:2048]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    if data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "image"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if _HTML_SIGNS.search(head) or (name.endswith(HTML_EXT) and _TAGS.search(head)) \
            or stripped.startswith(b"<?xml") and b"<html" in head.lower():
        return "html"
    return "text"


def _zip_kind(archive: SafeZip, filename: str) -> str:
    mimetype = archive.find("mimetype")
    if mimetype and archive.read(mimetype).strip() == b"application/epub+zip":
        return "epub"
    if "META-INF/container.xml" in archive and any(n.lower().endswith(".opf")
                                                   for n in archive.names):
        return "epub"
    if "[Content_Types].xml" in archive:
        if "word/document.xml" in archive:
            return "docx"
        return "office"
    names = [n.lower() for n in archive.names if not n.startswith("__MACOSX/")]
    if any(n.endswith(HTML_EXT) for n in names):
        return "html-zip"
    if any(n.endswith(MD_EXT) for n in names):
        return "markdown-zip"
    return "zip"


def read_document(data: bytes, filename: str = "", *,
                  limits: Limits | None = None) -> ParsedDocument:
    """Read an upload into passages, topics and figures, or raise :class:`IngestError`."""
    try:
        return _read(data, filename, limits or DEFAULT_LIMITS)
    except IngestError:
        raise
    except RecursionError:
        raise IngestError("The file is nested too deeply to be read.") from None
    except Exception as exc:  # noqa: BLE001 - the last net: a damaged file is never a crash
        raise IngestError(
            f"The file is damaged and cannot be read ({type(exc).__name__}: {exc})."[:500]
        ) from exc


def _read(data: bytes, filename: str, limits: Limits) -> ParsedDocument:
    if not data or not data.strip():
        raise IngestError("The file is empty: there is no text to import.")
    if len(data) > limits.max_bytes:
        raise IngestError(
            f"The file is {len(data) / (1024 * 1024):.1f} MB, larger than the "
            f"{limits.max_bytes / (1024 * 1024):.0f} MB size limit."
        )
    kind = sniff(data, filename)
    if kind == "pdf":
        return read_pdf(data, filename, limits)
    if kind == "ole":
        raise IngestError("This is an old Word (.doc) or Office file; save it as .docx "
                          "and upload it again.")
    if kind == "image":
        raise IngestError("This is a picture, not a document: upload the document it belongs to.")
    if kind == "zip":
        what = {".docx": "Word document", ".epub": "e-book"}.get(
            filename.lower()[filename.rfind("."):] if "." in filename else "", "archive")
        archive = SafeZip(data, limits, what)
        zip_kind = _zip_kind(archive, filename)
        if zip_kind == "docx":
            return read_docx(data, SafeZip(data, limits, "Word document"), filename, limits)
        if zip_kind == "epub":
            return read_epub(SafeZip(data, limits, "e-book"), filename, limits)
        if zip_kind == "html-zip":
            return read_html_zip(archive, filename, limits)
        if zip_kind == "markdown-zip":
            return read_markdown_zip(archive, filename, limits)
        if zip_kind == "office":
            raise IngestError("This Office file is not a Word document; only .docx is read.")
        raise IngestError("The archive holds no document to import (.html, .md, or an e-book).")
    if kind == "html":
        return read_html(data, filename, limits)
    return parse_document(decode_upload(data, limits.max_bytes), filename)
