"""HTML pages: the main content, its headings, text and figures.

Parsed with lxml's HTML parser (no network, no entities, comments dropped). What
is not content is removed before reading: scripts, styles, iframes, forms, media,
navigation, page headers and footers, sidebars, edit links, reference lists and
the "References"/"External links" sections. Figures are ``<figure>`` with its
``<figcaption>``, MediaWiki thumbnails (``div.thumb``, ``figure[typeof~=mw:File]``,
galleries), WordPress captions, and bare ``<img>`` paired with a caption-like
neighbour. Pictures come from ``data:`` URLs or from the uploaded archive; remote
ones are never fetched.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from lxml import etree
from lxml import html as lxml_html

from content.ingest.errors import IngestError
from content.ingest.readers.common import (
    FIGURE,
    HEADING,
    IMAGE,
    TEXT,
    WEAK,
    Block,
    RawImage,
    assemble,
    caption_strength,
    normalise_space,
)
from content.ingest.readers.limits import Limits
from content.ingest.types import ParsedDocument

# src -> (bytes or None, why missing). Given by the archive readers.
Resolver = Callable[[str], bytes | None]

_DROP_TAGS = {
    "script", "style", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet",
    "form", "input", "button", "select", "textarea", "option", "nav", "aside", "template",
    "svg", "math", "canvas", "video", "audio", "source", "track", "map", "dialog", "link",
    "meta", "head", "title",
}  # fmt: skip
_DROP_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbox|navbar|navigation|menu|sidebar|breadcrumbs?|footer|"
    r"mw-editsection|editsection|reference|references|reflist|mw-references-wrap|refbegin|"
    r"toc|toclimit-\d|noprint|mw-jump-link|catlinks|printfooter|mw-indicators|hatnote|"
    r"advert|ads?|cookie|share|social|comments?|skip-link|metadata|ambox|mbox-small|"
    r"sistersitebox|portal|authority-control|mw-cite-backlink|magnify)(?:$|[\s_-])",
    re.IGNORECASE,
)
_DROP_ROLE = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"}
_BACK_MATTER = re.compile(
    r"^(?:references?|notes?|footnotes|citations|sources|bibliography|further reading|"
    r"external links|see also|notes and references|works cited)$",
    re.IGNORECASE,
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = {"p", "li", "dd", "dt", "blockquote", "pre", "address", "td", "th", "caption"}
_CAPTION_CLASS = re.compile(
    r"figcaption|thumbcaption|wp-caption-text|gallerytext|infobox-caption|caption",
    re.IGNORECASE,
)
_FIGURE_CLASS = re.compile(r"(?:^|\s)(?:thumb|tright|tleft|wp-caption|gallerybox|figure)(?:\s|$)")
_TITLE_SUFFIX = re.compile(r"\s+[-–—|:]\s+(?:wikipedia|[\w .]{2,40})$", re.IGNORECASE)


def _classes(el: etree._Element) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}".strip()


def _is_dropped(el: etree._Element) -> bool:
    if el.tag in _DROP_TAGS:
        return True
    if el.tag == "header" and el.getparent() is not None and el.getparent().tag == "body":
        return True
    if el.tag == "footer":
        return True
    if (el.get("role") or "").lower() in _DROP_ROLE:
        return True
    cls = _classes(el)
    return bool(cls and _DROP_CLASS.search(cls))


def _clean_tree(root: etree._Element) -> None:
    for el in list(root.iter()):
        if not isinstance(el.tag, str):  # comments, processing instructions
            if el.getparent() is not None:
                _remove(el)
            continue
        if el.getparent() is not None and _is_dropped(el):
            _remove(el)
    _drop_back_matter(root)


def _remove(el: etree._Element) -> None:
    """Remove an element but keep its tail text."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _drop_back_matter(root: etree._Element) -> None:
    """Remove "References", "External links", ... headings and what follows them."""
    for heading in list(root.iter("h2", "h3", "h4")):
        if heading.getparent() is None:
            continue
        if not _BACK_MATTER.match(normalise_space(heading.text_content())):
            continue
        level = _HEADINGS[heading.tag]
        # MediaWiki wraps headings in div.mw-heading: step out to the sibling level.
        anchor = heading
        parent = heading.getparent()
        if parent is not None and "mw-heading" in parent.get("class", ""):
            anchor = parent
        node = anchor.getnext()
        while node is not None:
            nxt = node.getnext()
            inner = node if node.tag in _HEADINGS else next(
                (h for h in node.iter("h1", "h2", "h3", "h4") if "mw-heading" in
                 node.get("class", "")), None)
            if inner is not None and _HEADINGS.get(inner.tag, 9) <= level:
                break
            _remove(node)
            node = nxt
        _remove(anchor)


def _main(root: etree._Element) -> etree._Element:
    def longest(found: list) -> etree._Element:
        return max(found, key=lambda el: len(el.text_content()))

    for xpath in (
        "//*[contains(concat(' ', @class, ' '), ' mw-parser-output ')]",
        "//main",
        "//*[@role='main']",
        "//article",
        "//*[@id='content']",
        "//*[@id='main']",
        "//body",
    ):
        found = root.xpath(xpath)
        if found:
            return longest(found)
    return root


def _text(el: etree._Element) -> str:
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        if node.tag == "br":
            parts.append(" ")
        elif node.tag == "img" or _is_figure(node):
            pass
        else:
            if node.text:
                parts.append(node.text)
            for child in node:
                if isinstance(child.tag, str):
                    visit(child)
                if child.tail:
                    parts.append(child.tail)
            if node.tag in _BLOCKS or node.tag in _HEADINGS or node.tag == "div":
                parts.append(" ")

    visit(el)
    return normalise_space("".join(parts))


def _is_figure(el: etree._Element) -> bool:
    if el.tag == "figure":
        return True
    if el.tag in ("div", "li", "span", "table") and _FIGURE_CLASS.search(el.get("class", "")):
        return bool(el.xpath(".//img"))
    return False


def _italic_only(el: etree._Element) -> bool:
    """A paragraph whose whole text is in one <em>/<i> (a typical informal caption)."""
    children = [c for c in el if isinstance(c.tag, str)]
    if len(children) != 1 or children[0].tag not in ("em", "i"):
        return False
    outside = (el.text or "") + (children[0].tail or "")
    return not outside.strip()


class _Walker:
    def __init__(self, resolve: Resolver | None) -> None:
        self.resolve = resolve
        self.blocks: list[Block] = []

    def image(self, img: etree._Element) -> RawImage | None:
        src = (img.get("src") or img.get("data-src") or "").strip()
        alt = normalise_space(img.get("alt") or "")
        lowered = src.lower()
        if not src or lowered.startswith(("javascript:", "vbscript:", "about:", "blob:")):
            return None
        if lowered.startswith("data:"):
            return _data_url(src, alt)
        if re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", lowered):
            return RawImage(None, name=src[:200], alt=alt, missing="remote")
        data = self.resolve(src) if self.resolve else None
        return RawImage(data, name=src.rsplit("/", 1)[-1][:200], alt=alt,
                        missing="" if data is not None else "missing")

    def images(self, el: etree._Element) -> list[RawImage]:
        found = [self.image(img) for img in el.iter("img")]
        return [r for r in found if r is not None]

    def figure(self, el: etree._Element) -> None:
        captions = [c for c in el.iter() if isinstance(c.tag, str) and c is not el and (
            c.tag == "figcaption" or _CAPTION_CLASS.search(c.get("class", "")))]
        # Nested caption elements would repeat text: keep the outermost ones only.
        outer = [c for c in captions if not any(o is not c and c in o.iter() for o in captions)]
        caption = " ".join(_text(c) for c in outer)
        images = self.images(el)
        if images:
            self.blocks.append(Block(FIGURE, text=caption, images=images))
        elif caption:
            self.blocks.append(Block(TEXT, text=caption))

    def table(self, el: etree._Element) -> None:
        """Data tables make poor sentences: only the pictures of a table are read.

        An infobox's pictures take its caption-class cells; in a layout table without
        them, the text cells of a picture's row are its caption candidates ("beside").
        """
        if not el.xpath(".//img"):
            return
        if any(_CAPTION_CLASS.search(c.get("class", "")) for c in el.iter()
               if isinstance(c.tag, str) and c is not el):
            self.figure(el)
            return
        for row in el.iter("tr"):
            for cell in row:
                if not isinstance(cell.tag, str):
                    continue
                images = self.images(cell)
                if images:
                    self.blocks.append(Block(IMAGE, images=images))
                text = _text(cell)
                if text and len(text) < 300:
                    self.blocks.append(Block(TEXT, text=text, caption=max(
                        caption_strength(text, italic=_italic_only(cell)), WEAK)))

    def walk(self, el: etree._Element) -> None:
        tag = el.tag
        if not isinstance(tag, str):
            return
        if tag in _HEADINGS:
            text = _text(el)
            if text:
                self.blocks.append(Block(HEADING, text=text, level=_HEADINGS[tag]))
            return
        if _is_figure(el):
            self.figure(el)
            return
        if tag == "img":
            raw = self.image(el)
            if raw is not None:
                self.blocks.append(Block(IMAGE, images=[raw]))
            return
        if tag == "table":
            self.table(el)
            return
        if tag in _BLOCKS and not any(
            c.tag in _BLOCKS or c.tag in _HEADINGS or c.tag in ("div", "table", "ul", "ol")
            or _is_figure(c) for c in el.iterdescendants() if isinstance(c.tag, str)
        ):
            text = _text(el)
            inline_images = [c for c in el.iter("img")]
            if text:
                strength = caption_strength(text, styled=bool(_CAPTION_CLASS.search(
                    el.get("class", ""))), italic=_italic_only(el))
                if inline_images and strength:
                    # A picture with its caption in the same paragraph ("beside").
                    self.blocks.append(Block(FIGURE, text=text, images=self.images(el)))
                    return
                self.blocks.append(Block(TEXT, text=text, caption=strength))
            for img in inline_images:
                self.walk(img)
            return
        # A container: its own loose text is a block of its own.
        if el.text and el.text.strip():
            self.blocks.append(Block(TEXT, text=normalise_space(el.text),
                                     caption=caption_strength(el.text, styled=bool(
                                         _CAPTION_CLASS.search(el.get("class", ""))))))
        for child in el:
            self.walk(child)
            if child.tail and child.tail.strip():
                self.blocks.append(Block(TEXT, text=normalise_space(child.tail),
                                         caption=caption_strength(child.tail)))


def _data_url(src: str, alt: str) -> RawImage | None:
    head, _, payload = src.partition(",")
    mime = head[5:].split(";")[0].strip().lower()
    try:
        if ";base64" in head.lower():
            data = base64.b64decode(re.sub(r"\s+", "", payload), validate=True)
        else:
            data = unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        return RawImage(b"", name="a data: picture", mime=mime, alt=alt)
    return RawImage(data, name=f"a data: picture ({mime or 'no type'})", mime=mime, alt=alt)


def html_title(root: etree._Element) -> str:
    for xpath in ("//h1[@id='firstHeading']", "//h1"):
        found = root.xpath(xpath)
        if found:
            text = _text(found[0])
            if text:
                return text
    titles = root.xpath("//title")
    if titles:
        return _TITLE_SUFFIX.sub("", normalise_space(titles[0].text_content()))
    return ""


_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w-]+)""",
    re.IGNORECASE,
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def decode_html(data: bytes) -> str:
    """The page's text: its declared charset, else UTF-8, else Windows-1252.

    libxml2 guesses Latin-1 for a page that declares nothing, which garbles the
    UTF-8 that nearly every page without a declaration is written in.
    """
    declared = _CHARSET.search(data[:4096])
    encodings = [(declared.group(1) or declared.group(2)).decode("ascii")] if declared else []
    for encoding in [*encodings, "utf-8-sig", "cp1252"]:
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
        break
    else:
        text = data.decode("utf-8", errors="replace")
    # lxml refuses strings with NUL and most control characters; no page needs them.
    return _CONTROL.sub("", _XML_DECLARATION.sub("", text, count=1))


def parse_html(data: bytes | str) -> etree._Element:
    if isinstance(data, bytes):
        data = decode_html(data)
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                                  recover=True, default_doctype=False)
    try:
        root = lxml_html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise IngestError(f"The web page cannot be read ({exc}).") from None
    if root is None:
        raise IngestError("The web page is empty: there is no text to import.")
    return root


def html_blocks(root: etree._Element, resolve: Resolver | None) -> list[Block]:
    """The blocks of a page's main content, in reading order."""
    main = _main(root)
    _clean_tree(main)
    walker = _Walker(resolve)
    walker.walk(main)
    return walker.blocks


def read_html(data: bytes, filename: str, limits: Limits, resolve: Resolver | None = None,
              layout: str = "html") -> ParsedDocument:
    root = parse_html(data)
    title = html_title(root)
    blocks = html_blocks(root, resolve)
    # The page title is the first topic; an <h1> repeating it is not a second one.
    blocks = [b for b in blocks if not (b.kind == HEADING and b.level == 1 and b.text == title)]
    return assemble(blocks, title=title, layout=layout, filename=filename, limits=limits)

