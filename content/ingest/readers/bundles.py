"""Archives of a page and its pictures: a saved web page (.zip with its ``_files``
folder) and a Markdown bundle (a ``.md`` file and its pictures in a .zip)."""

from __future__ import annotations

import posixpath
import re

from content.ingest.errors import IngestError, decode_upload
from content.ingest.readers.archive import SafeZip
from content.ingest.readers.common import (
    FIGURE,
    HEADING,
    IMAGE,
    STRONG,
    TEXT,
    Block,
    RawImage,
    assemble,
    caption_strength,
)
from content.ingest.readers.html import read_html
from content.ingest.readers.limits import Limits
from content.ingest.types import ParsedDocument

HTML_EXT = (".html", ".htm", ".xhtml")
MD_EXT = (".md", ".markdown")


def _skip(name: str) -> bool:
    base = posixpath.basename(name)
    return name.startswith("__MACOSX/") or base.startswith(".")


def _main_member(archive: SafeZip, extensions: tuple[str, ...]) -> str | None:
    """The document of the bundle: the shallowest, then the largest, matching member."""
    found = [i for i in archive.infos if i.filename.lower().endswith(extensions)
             and not _skip(i.filename)]
    # A saved page's own folder holds frames and ads as .html too: prefer the top level.
    found.sort(key=lambda i: (i.filename.count("/"), "_files/" in i.filename, -i.file_size))
    return found[0].filename if found else None


def _resolver(archive: SafeZip, base: str):
    def resolve(src: str) -> bytes | None:
        member = archive.resolve(base, src)
        return archive.read(member) if member else None

    return resolve


def read_html_zip(archive: SafeZip, filename: str, limits: Limits) -> ParsedDocument:
    page = _main_member(archive, HTML_EXT)
    if page is None:
        raise IngestError("The archive holds no web page (.html) to import.")
    return read_html(archive.read(page), filename, limits, _resolver(archive, page))


# --- Markdown bundles ------------------------------------------------------------

_MD_IMAGE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<src><[^>]*>|[^)\s]*)(?:\s+\"[^\"]*\")?\)\s*$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(?P<title>.+?)\s*#*\s*$")
_MD_ITALIC = re.compile(r"^(?:\*(?!\*)(?P<a>.+?)\*|_(?!_)(?P<b>.+?)_)\s*$")
_MD_INLINE_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _md_inline(text: str) -> str:
    text = _MD_INLINE_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])[*_](\S(?:.*?\S)?)[*_](?![\w*])", r"\1", text)
    return text.replace("`", "")


def markdown_blocks(text: str, image: callable) -> tuple[str, list[Block]]:
    blocks: list[Block] = []
    title = ""
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block(TEXT, text=_md_inline(" ".join(paragraph))))
            paragraph.clear()

    for line in text.splitlines():
        stripped = line.strip()
        heading = _MD_HEADING.match(stripped)
        picture = _MD_IMAGE.match(stripped)
        italic = _MD_ITALIC.match(stripped)
        if heading:
            flush()
            name = _md_inline(heading.group("title"))
            if not title and len(heading.group(1)) == 1:
                title = name
                continue
            blocks.append(Block(HEADING, text=name, level=len(heading.group(1))))
        elif picture:
            flush()
            src = picture.group("src").strip("<>")
            blocks.append(Block(IMAGE, images=[image(src, picture.group("alt"))]))
        elif italic and (not paragraph) and blocks and blocks[-1].kind == IMAGE:
            # "*Caption*" right under a picture is its caption.
            caption = italic.group("a") or italic.group("b")
            block = blocks.pop()
            blocks.append(Block(FIGURE, text=_md_inline(caption), images=block.images))
        elif not stripped:
            flush()
        else:
            line = re.sub(r"^\s*(?:[-*+>]|\d+[.)])\s+", "", line).strip()
            if not paragraph and caption_strength(line) == STRONG:
                blocks.append(Block(TEXT, text=_md_inline(line), caption=STRONG))
                continue
            paragraph.append(line)
    flush()
    return title, blocks


def read_markdown_zip(archive: SafeZip, filename: str, limits: Limits) -> ParsedDocument:
    member = _main_member(archive, MD_EXT)
    if member is None:
        raise IngestError("The archive holds no Markdown (.md) document to import.")
    text = decode_upload(archive.read(member), limits.max_member_bytes)

    def image(src: str, alt: str) -> RawImage:
        if re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", src, re.IGNORECASE):
            return RawImage(None, name=src[:200], alt=alt, missing="remote")
        found = archive.resolve(member, src)
        data = archive.read(found) if found else None
        return RawImage(data, name=posixpath.basename(src), alt=alt,
                        missing="" if data is not None else "missing")

    title, blocks = markdown_blocks(text, image)
    return assemble(blocks, title=title, layout="markdown", filename=filename, limits=limits)
