"""PDF documents, read with pypdf (BSD; PyMuPDF is AGPL).

Each page's text is collected with its position and size, grouped into lines and
paragraphs in the order of the content stream (which is the reading order of
nearly every generated PDF, columns included). Running headers and footers (lines
repeated at the top or bottom of most pages, digits aside) and page numbers are
dropped; words hyphenated across lines are joined; a paragraph cut by a page
break is mended. Pictures are found where the page draws them (``Do``), so each
one is paired with the nearest caption paragraph below, above or beside it.
"""

from __future__ import annotations

import io
import math
import re
import statistics
import time
from dataclasses import dataclass, field

from pypdf import PdfReader

from content.ingest.errors import IngestError
from content.ingest.readers.common import (
    FIGURE,
    HEADING,
    STRONG,
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

NO_TEXT_LAYER = (
    "This PDF has no text layer; OCR is not supported. It looks like a scan or pictures of "
    "pages: upload a PDF whose text can be selected, or the document as Word or text."
)
_PAGE_NUMBER = re.compile(r"^\W*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\W*$", re.IGNORECASE)
_CAPTION_GAP = 72.0  # points (one inch): farther than this, text is not a picture's caption


@dataclass
class _Line:
    text: str
    x: float
    y: float  # baseline, PDF space (up is larger)
    size: float


@dataclass
class _Para:
    lines: list[_Line] = field(default_factory=list)
    text: str = ""
    caption: int = 0
    heading: bool = False

    @property
    def top(self) -> float:
        return self.lines[0].y + self.lines[0].size

    @property
    def bottom(self) -> float:
        return self.lines[-1].y - 0.3 * self.lines[-1].size

    @property
    def left(self) -> float:
        return min(line.x for line in self.lines)

    @property
    def right(self) -> float:
        return max(line.x + 0.5 * line.size * len(line.text) for line in self.lines)


@dataclass
class _Picture:
    raw: RawImage
    left: float
    bottom: float
    right: float
    top: float


def _mult(m: list[float], n: list[float]) -> list[float]:
    a, b, c, d, e, f = m
    g, h, i, j, k, l_ = n
    return [a * g + b * i, a * h + b * j, c * g + d * i, c * h + d * j,
            e * g + f * i + k, e * h + f * j + l_]


def _page_content(page) -> tuple[list[_Line], list[tuple[str, list[float]]]]:
    pieces: list[_Line] = []
    draws: list[tuple[str, list[float]]] = []

    def on_text(text, cm, tm, font_dict, font_size):
        if not text:
            return
        m = _mult([float(v) for v in tm], [float(v) for v in cm])
        size = abs(float(font_size or 0)) * (math.hypot(m[2], m[3]) or 1.0)
        for k, part in enumerate(text.split("\n")):
            if part.strip():
                # Later parts of a multi-line chunk are below; their exact place is unknown.
                pieces.append(_Line(part, m[4], m[5] - k * size * 1.2, size or 10.0))

    def on_operator(op, args, cm, tm):
        if op == b"Do" and args:
            draws.append((str(args[0]), [float(v) for v in cm]))

    page.extract_text(visitor_text=on_text, visitor_operand_before=on_operator)
    lines: list[_Line] = []
    for piece in pieces:
        last = lines[-1] if lines else None
        if last and abs(piece.y - last.y) < 0.5 * max(last.size, piece.size) \
                and piece.x >= last.x:
            joiner = "" if last.text.endswith(" ") or piece.text.startswith(" ") else " "
            last.text = last.text + joiner + piece.text
            last.size = max(last.size, piece.size)
        else:
            lines.append(_Line(piece.text, piece.x, piece.y, piece.size))
    for line in lines:
        line.text = normalise_space(line.text)
    return [line for line in lines if line.text], draws


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold()).strip()


def _edges(lines: list[_Line]) -> list[_Line]:
    """The two topmost and two bottommost lines of a page: where running heads live."""
    ordered = sorted(lines, key=lambda line: -line.y)
    return ordered[:2] + ordered[-2:]


# A hyphen at the end of a line is a word cut in two ("recon-" + "struction"), unless
# the halves make a compound: these halves, or ones the document writes hyphenated.
_NUMBERS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
_COMPOUND_FIRST = _NUMBERS | {
    "well", "self", "anti", "non", "post", "pre", "pro", "ex", "co", "cold", "world", "long",
    "short", "high", "low", "all", "half", "mid", "north", "south", "east", "west", "first",
    "second", "third", "so", "far", "left", "right", "full", "part", "one", "two", "three",
}  # fmt: skip
_COMPOUND_SECOND = {
    "known", "year", "years", "old", "based", "like", "century", "led", "born", "term",
    "scale", "wide", "free", "made", "called", "owned", "run", "day", "time", "wing",
}  # fmt: skip


def _keeps_hyphen(first: str, second: str, hyphenated: set[str]) -> bool:
    a = re.findall(r"[^\W\d_]+$", first)
    b = re.findall(r"^[^\W\d_]+", second)
    if not a or not b:
        return True
    a_word, b_word = a[0].casefold(), b[0].casefold()
    return (f"{a_word}-{b_word}" in hyphenated or a_word in _COMPOUND_FIRST
            or b_word in _COMPOUND_SECOND)


def _join(lines: list[str], hyphenated: set[str] = frozenset()) -> str:
    out = ""
    for line in lines:
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].islower():
            if _keeps_hyphen(out[:-1], line, hyphenated):
                out = out + line  # "twenty-" + "eight" -> "twenty-eight"
            else:
                out = out[:-1] + line  # "recon-" + "struction" -> "reconstruction"
        else:
            out = f"{out} {line}" if out else line
    return out


def _paragraphs(lines: list[_Line], body: float, hyphenated: set[str]) -> list[_Para]:
    paras: list[_Para] = []
    for line in lines:
        label = caption_strength(line.text) == STRONG
        last = paras[-1] if paras else None
        prev = last.lines[-1] if last else None
        if (
            prev is None
            or label
            or abs(prev.y - line.y) > 1.6 * max(prev.size, line.size)
            or line.y > prev.y  # went up the page: a new column or a new box
            or abs(prev.size - line.size) > 0.15 * max(prev.size, line.size)
        ):
            paras.append(_Para([line]))
        else:
            last.lines.append(line)
    for para in paras:
        para.text = _join([line.text for line in para.lines], hyphenated)
        size = para.lines[0].size
        para.heading = size >= 1.2 * body and len(para.text) < 150 and len(para.lines) <= 2
        para.caption = caption_strength(para.text)
        if not para.caption and not para.heading and size < 0.92 * body and len(para.text) < 300:
            para.caption = WEAK  # small print next to a picture
    return paras


def _distance(picture: _Picture, para: _Para) -> float | None:
    """How far a paragraph is from a picture, if it could be its caption."""
    overlap_x = min(picture.right, para.right) - max(picture.left, para.left)
    overlap_y = min(picture.top, para.top) - max(picture.bottom, para.bottom)
    if overlap_x > 0 and para.top <= picture.bottom + 6:
        return picture.bottom - para.top  # below
    if overlap_x > 0 and para.bottom >= picture.top - 6:
        return para.bottom - picture.top  # above
    if overlap_y > 0:
        return max(para.left - picture.right, picture.left - para.right, 0)  # beside
    return None


def _pair(pictures: list[_Picture], paras: list[_Para]) -> dict[int, int]:
    """Picture -> caption paragraph, nearest pairs first, each caption used once."""
    candidates: list[tuple[float, int, int]] = []
    for i, picture in enumerate(pictures):
        for j, para in enumerate(paras):
            if not para.caption or para.heading:
                continue
            d = _distance(picture, para)
            if d is None or d > _CAPTION_GAP:
                continue
            candidates.append((max(d, 0) - (12 if para.caption == STRONG else 0), i, j))
    candidates.sort()
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in candidates:
        if i not in pairs and j not in used:
            pairs[i] = j
            used.add(j)
    return pairs


def _pictures(page, draws: list[tuple[str, list[float]]]) -> list[_Picture]:
    if not draws:
        return []
    try:
        images = page.images
        names = set(images.keys())
    except Exception:  # noqa: BLE001 - a damaged picture must not stop the text
        return []
    out: list[_Picture] = []
    for name, cm in draws:
        if name not in names:
            continue  # a form XObject (drawing), not a picture
        try:
            image = images[name]
            data = image.data
            label = image.name
        except Exception as exc:  # noqa: BLE001
            out.append(_Picture(RawImage(b"", name=f"{name} ({exc})"), 0, 0, 0, 0))
            continue
        width, height = math.hypot(cm[0], cm[1]), math.hypot(cm[2], cm[3])
        x, y = cm[4], cm[5]
        out.append(_Picture(RawImage(data, name=label), x, y, x + width, y + height))
    return out


def _open(data: bytes, limits: Limits) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - unknown algorithms, missing crypto libraries
                ok = 0
            if not ok:
                raise IngestError(
                    "The PDF is encrypted (password-protected); it cannot be read. Remove the "
                    "password and upload it again."
                )
        pages = len(reader.pages)
    except IngestError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on damaged files
        raise IngestError(f"The PDF is damaged and cannot be read ({exc}).") from None
    if pages == 0:
        raise IngestError("The PDF has no pages.")
    if pages > limits.max_pages:
        raise IngestError(
            f"The PDF has {pages} pages; at most {limits.max_pages} can be imported at once. "
            "Split it into chapters and upload them one by one."
        )
    return reader


def read_pdf(data: bytes, filename: str, limits: Limits) -> ParsedDocument:
    reader = _open(data, limits)
    pages: list[tuple[list[_Line], list[_Picture]]] = []
    deadline = time.monotonic() + limits.max_seconds
    for number, page in enumerate(reader.pages, start=1):
        if number > 1 and time.monotonic() > deadline:
            raise IngestError(
                f"Reading the PDF took too long (over {limits.max_seconds:.0f} s, stopped at page "
                f"{number} of {len(reader.pages)}); split it into smaller files."
            )
        try:
            lines, draws = _page_content(page)
            pictures = _pictures(page, draws)
        except Exception as exc:  # noqa: BLE001
            raise IngestError(f"The PDF is damaged: page {number} cannot be read ({exc}).") \
                from None
        pages.append((lines, pictures))
    words = sum(len(re.findall(r"[^\W\d_]{2,}", line.text)) for lines, _ in pages
                for line in lines)
    if not words:
        raise IngestError(NO_TEXT_LAYER)

    # Running headers and footers: the same line (digits aside) at an edge of most pages.
    furniture: set[str] = set()
    if len(pages) >= 3:
        counts: dict[str, int] = {}
        for lines, _ in pages:
            for key in {_furniture_key(line.text) for line in _edges(lines)}:
                counts[key] = counts.get(key, 0) + 1
        furniture = {k for k, n in counts.items() if n >= max(3, 0.5 * len(pages))}
    hyphenated = {m.casefold() for lines, _ in pages for line in lines
                  for m in re.findall(r"[^\W\d_]+-[^\W\d_]+", line.text)}
    sizes = [line.size for lines, _ in pages for line in lines for _ in line.text]
    body = statistics.median(sizes) if sizes else 10.0

    blocks: list[Block] = []
    for lines, pictures in pages:
        edges = {id(line) for line in _edges(lines)}
        kept = [line for line in lines if not (id(line) in edges and (
            _furniture_key(line.text) in furniture or _PAGE_NUMBER.match(line.text)))]
        paras = _paragraphs(kept, body, hyphenated)
        pairs = _pair(pictures, paras)
        caption_of = {j: i for i, j in pairs.items()}
        loose = [i for i in range(len(pictures)) if i not in pairs]
        page_blocks: list[Block] = []
        for j, para in enumerate(paras):
            for i in [i for i in loose if pictures[i].top >= para.top]:
                page_blocks.append(Block(FIGURE, images=[pictures[i].raw]))
                loose.remove(i)
            if j in caption_of:
                page_blocks.append(Block(FIGURE, text=para.text,
                                         images=[pictures[caption_of[j]].raw]))
            elif para.heading:
                page_blocks.append(Block(HEADING, text=para.text))
            else:
                page_blocks.append(Block(TEXT, text=para.text))
        page_blocks.extend(Block(FIGURE, images=[pictures[i].raw]) for i in loose)
        # A paragraph cut by the page break goes on at the top of the next page.
        first = next((b for b in page_blocks if b.kind != FIGURE), None)
        last = next((b for b in reversed(blocks) if b.kind != FIGURE), None)
        if (first is not None and last is not None and first.kind == TEXT
                and last.kind == TEXT and first.text[:1].islower()
                and not re.search(r"[.!?:;\"”’)]$", last.text)):
            last.text = _join([last.text, first.text], hyphenated)
            page_blocks.remove(first)
        blocks.extend(page_blocks)
    return assemble(blocks, title="", layout="pdf", filename=filename, limits=limits)
