"""What every reader shares: a stream of blocks turned into a :class:`ParsedDocument`.

A format reader only has to say, in reading order, what it found: headings, text
blocks, pictures (with their caption when the format says which it is, as HTML's
``<figcaption>`` or a PDF's geometry do) and bare pictures whose caption must be
found among their neighbours. :func:`assemble` pairs the bare pictures with
adjacent caption-like blocks, decodes the pictures safely, deduplicates them, and
builds passages with the sentence splitter and markup cleaner of ``parse.py``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from content.ingest.errors import IngestError
from content.ingest.images import ImageSkipped, decode_image
from content.ingest.markup import clean_markup, has_words
from content.ingest.parse import stem_title
from content.ingest.readers.limits import Limits
from content.ingest.sentences import split_sentences
from content.ingest.types import (
    CAPTION,
    SENTENCE,
    Figure,
    ImageData,
    ParsedDocument,
    Passage,
)

HEADING = "heading"
TEXT = "text"
IMAGE = "image"  # pictures whose caption is to be found among the neighbouring blocks
FIGURE = "figure"  # pictures with the caption the format gave them ("" when none)

# "Figure 3.", "Fig. 3:", "Plate IV —", "Map 2" ... at the start of a line.
_CAPTION_LABEL = re.compile(
    r"^\s*(?:fig(?:ure)?s?|plate|illustration|image|photo(?:graph)?|map|picture)\.?\s*"
    r"(?:\d+[a-z]?|[ivxlc]+)(?:[.\-–]\d+)?\s*(?:[.:\-–—|)]\s*|\s+(?=\S))",
    re.IGNORECASE,
)
STRONG = 2  # a caption by style or label ("Caption" style, "Figure 3.")
WEAK = 1  # could be a caption (a short italic line)


@dataclass
class RawImage:
    data: bytes | None  # None: the picture is not in the upload
    name: str = ""
    mime: str = ""
    alt: str = ""
    missing: str = ""  # why data is None: "remote" or "missing"


@dataclass
class Block:
    kind: str
    text: str = ""
    level: int = 0
    caption: int = 0  # caption strength of a TEXT block: 0, WEAK or STRONG
    images: list[RawImage] = field(default_factory=list)


def caption_strength(text: str, styled: bool = False, italic: bool = False) -> int:
    """How much a text block looks like a caption on its own."""
    text = text.strip()
    if not text or len(text) > 400:
        return 0
    if styled or _CAPTION_LABEL.match(text):
        return STRONG
    if italic and len(text) < 300:
        return WEAK
    return 0


def strip_caption_label(text: str) -> str:
    """ "Figure 3. Lincoln at Gettysburg" -> "Lincoln at Gettysburg"."""
    stripped = _CAPTION_LABEL.sub("", text, count=1).strip()
    return stripped if has_words(stripped) else text.strip()


def normalise_space(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\xad", "").replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


def pair_adjacent(blocks: list[Block], usable=lambda block: True) -> list[Block]:
    """Give each bare picture the caption block just before or after it.

    Each caption serves one picture. Among all ways to pair pictures with adjacent
    captions the one pairing the most (then the strongest captions, then captions
    below their picture, the commonest layout) is kept: a maximum-weight matching
    on the chain of blocks, solved by dynamic programming. Pictures that are not
    ``usable`` (icons, broken files) take no caption.
    """

    def weight(a: int, b: int) -> int:
        first, second = blocks[a], blocks[b]
        if first.kind == IMAGE and second.kind == TEXT and second.caption and usable(first):
            return 100 + 10 * second.caption + 1  # caption below
        if first.kind == TEXT and first.caption and second.kind == IMAGE and usable(second):
            return 100 + 10 * first.caption
        return 0

    n = len(blocks)
    best = [0] * (n + 1)
    took = [False] * (n + 1)
    for k in range(2, n + 1):
        w = weight(k - 2, k - 1)
        best[k] = best[k - 1]
        if w and best[k - 2] + w > best[k]:
            best[k] = best[k - 2] + w
            took[k] = True
    pairs: dict[int, int] = {}  # image block -> caption block
    k = n
    while k >= 2:
        if took[k]:
            a, b = k - 2, k - 1
            image, text = (a, b) if blocks[a].kind == IMAGE else (b, a)
            pairs[image] = text
            k -= 2
        else:
            k -= 1
    captions = set(pairs.values())
    out: list[Block] = []
    for i, block in enumerate(blocks):
        if i in captions:
            continue
        if block.kind == IMAGE:
            text = blocks[pairs[i]].text if i in pairs else ""
            out.append(Block(FIGURE, text=text, images=block.images))
        else:
            out.append(block)
    return out


def _looks_like_a_sentence(alt: str) -> bool:
    # File names and "image", "photo", "logo" are no captions.
    if re.search(r"\.(?:png|jpe?g|gif|webp|svg|bmp)$", alt, re.IGNORECASE):
        return False
    return len(re.findall(r"[^\W\d_]{2,}", alt)) >= 3


class DocumentBuilder:
    """Passages (merged when repeated), topics, figures and warnings of one document."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.passages: list[Passage] = []
        self.topics: list[str] = []
        self.figures: list[Figure] = []
        self.warnings: list[str] = []
        self.topic: str | None = None
        self._index: dict[str, int] = {}
        self._images: dict[str, ImageData] = {}
        self._figure_keys: set[tuple[str, int]] = set()
        self._decoded = 0
        self._cache: dict[int, ImageData | None] = {}
        self._chars = 0
        self.skipped: dict[str, int] = {}

    def _skip(self, what: str) -> None:
        self.skipped[what] = self.skipped.get(what, 0) + 1

    def add(self, raw: str, kind: str) -> int | None:
        raw = raw.strip()
        text = clean_markup(normalise_space(raw))
        if not text or not has_words(text):
            return None
        self._chars += len(text)
        if self._chars > self.limits.max_text_chars:
            raise IngestError(
                f"The document holds more than {self.limits.max_text_chars:,} characters of "
                "text; split it into smaller documents."
            )
        key = unicodedata.normalize("NFKC", text).casefold()
        if key in self._index:
            index = self._index[key]
            self.passages[index].occurrences += 1
            if kind == CAPTION:
                self.passages[index].kind = CAPTION
            return index
        self._index[key] = len(self.passages)
        self.passages.append(Passage(text=text, raw=raw, kind=kind, topic=self.topic,
                                     order=len(self.passages)))
        return len(self.passages) - 1

    def heading(self, text: str) -> None:
        topic = clean_markup(normalise_space(text))
        if not topic or not has_words(topic):
            return
        self.topic = topic
        if topic not in self.topics:
            self.topics.append(topic)

    def prose(self, text: str) -> None:
        for sentence in split_sentences(clean_markup(normalise_space(text))):
            self.add(sentence, SENTENCE)

    def usable(self, block: Block) -> bool:
        """Whether a block's pictures make a figure (a missing picture still does)."""
        return any(raw.data is None or self._decode(raw) is not None for raw in block.images)

    def _decode(self, raw: RawImage) -> ImageData | None:
        if id(raw) not in self._cache:
            self._cache[id(raw)] = self._decode_once(raw)
        return self._cache[id(raw)]

    def _decode_once(self, raw: RawImage) -> ImageData | None:
        if raw.data is None:
            self._skip(raw.missing or "missing")
            return None
        if self._decoded >= self.limits.max_images:
            self._skip("over the limit")
            return None
        self._decoded += 1
        try:
            image = decode_image(raw.data, raw.name, raw.mime)
        except ImageSkipped as skip:
            if skip.icon:
                self._skip("icon")
            else:
                self.warnings.append(f"A picture was skipped: {skip}.")
            return None
        return self._images.setdefault(image.sha256, image)

    def figure(self, caption: str, images: list[RawImage]) -> None:
        decoded = [(raw, self._decode(raw)) for raw in images]
        # Icons (and broken pictures) are not figures; a missing picture with a caption is.
        kept = [(raw, img) for raw, img in decoded if img is not None or raw.data is None]
        if not kept:
            if caption and has_words(caption):
                self.prose(caption)  # a caption whose picture was dropped is text
            return
        for raw, image in kept:
            text = caption or (raw.alt if _looks_like_a_sentence(raw.alt) else "")
            if not text:
                self._skip("uncaptioned")
                continue
            passage = self.add(strip_caption_label(text), CAPTION)
            if passage is None:
                continue
            key = (image.sha256 if image else f"none:{raw.name}", passage)
            if key in self._figure_keys:
                continue  # the same picture with the same caption again
            self._figure_keys.add(key)
            self.figures.append(Figure(passage=passage, image=image, alt=normalise_space(raw.alt),
                                       topic=self.passages[passage].topic,
                                       order=len(self.figures)))

    def build(self, title: str, layout: str, filename: str) -> ParsedDocument:
        if not self.passages:
            raise IngestError("No sentence found: the document has no words to build passages "
                              "from.")
        notes = {
            "remote": "{n} picture(s) on other web sites were not downloaded (remote pictures "
            "are never fetched; upload the saved page as a .zip with its files folder)",
            "missing": "{n} picture(s) were not found in the upload",
            "icon": "{n} icon(s) or spacer(s) smaller than 64 px were skipped",
            "uncaptioned": "{n} picture(s) without a caption were skipped",
            "over the limit": "{n} picture(s) beyond the limit per document were skipped",
        }
        for what, n in self.skipped.items():
            self.warnings.append(notes[what].format(n=n) + ".")
        title = normalise_space(title) or (self.topics[0] if self.topics else "")
        title = title or stem_title(filename) or self.passages[0].text[:80]
        return ParsedDocument(title=title, layout=layout, topics=self.topics,
                              passages=self.passages, warnings=self.warnings,
                              figures=self.figures)


def assemble(blocks: list[Block], *, title: str, layout: str, filename: str,
             limits: Limits) -> ParsedDocument:
    """Build the parsed document from a reader's blocks, in order."""
    builder = DocumentBuilder(limits)
    if title:
        builder.heading(title)
    for block in pair_adjacent(blocks, builder.usable):
        if block.kind == HEADING:
            builder.heading(block.text)
        elif block.kind == TEXT:
            builder.prose(block.text)
        elif block.kind == FIGURE:
            builder.figure(block.text, block.images)
    return builder.build(title, layout, filename)
