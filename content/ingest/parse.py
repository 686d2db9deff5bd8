"""Split a document into passages (captions, excerpts, sentences) with topics.

Three layouts are recognised:

* ``encyclopedia``: an export of an encyclopedia reader. Image captions one per
  line; short excerpts each followed by a ``- Topic`` line naming the article;
  sections introduced by "N related topic(s) with ..." that carry a related
  article's title (the line before "N links"), its captions and its lead.
* ``markdown``: ``#`` headings name topics; paragraphs are split into sentences.
* ``text``: paragraphs split into sentences. Anything unrecognised lands here.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

from content.ingest.errors import IngestError
from content.ingest.markup import clean_markup, has_words
from content.ingest.sentences import split_sentences
from content.ingest.types import CAPTION, EXCERPT, SENTENCE, ParsedDocument, Passage

_TOPIC_LINE = re.compile(r"^-\s+(?P<topic>\S.{0,120})$")
_RELATED = re.compile(r"^\d+\s+related\s+topics?\b", re.IGNORECASE)
_LINKS = re.compile(r"^\d+\s+links?$", re.IGNORECASE)
_LAYOUT_WORDS = {"overall", "contents", "see also", "references", "external links"}
_HEADING = re.compile(r"^(#{1,6})\s+(?P<title>.+?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+>]|\d+[.)])\s+")
# A caption that starts with a reading order introduces sub-captions, one per
# paragraph, that together describe a montage of images.
_COMPOUND = re.compile(
    r"^\((?:clockwise|counter-?clockwise|anti-?clockwise|from\s+(?:top|left)|left\s+to\s+right|"
    r"top\s+to\s+bottom|top\s+left|top|left)[^)]*\)\s*",
    re.IGNORECASE,
)


# --- passages --------------------------------------------------------------


class _Builder:
    """Collects passages, merging repeats (identical after cleaning)."""

    def __init__(self) -> None:
        self.passages: list[Passage] = []
        self._index: dict[str, int] = {}

    def add(self, raw: str, kind: str, topic: str | None) -> None:
        raw = raw.strip()
        text = clean_markup(raw)
        if not text or not has_words(text):
            return
        key = unicodedata.normalize("NFKC", text).casefold()
        if key in self._index:
            self.passages[self._index[key]].occurrences += 1
            return
        self._index[key] = len(self.passages)
        self.passages.append(Passage(text=text, raw=raw, kind=kind, topic=topic,
                                     order=len(self.passages)))

    def add_prose(self, paragraph: str, kind: str, topic: str | None) -> None:
        for sentence in split_sentences(clean_markup(paragraph)):
            self.add(sentence, kind, topic)


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def detect_layout(text: str) -> str:
    lines = [line.strip() for line in text.splitlines()]
    topic_lines = sum(1 for line in lines if _TOPIC_LINE.match(line) and not line.endswith("."))
    related = sum(1 for line in lines if _RELATED.match(line))
    montage = any(_COMPOUND.match(line) for line in lines)
    if related or (topic_lines and montage):
        return "encyclopedia"
    # A Markdown document's bulleted list ("- tithe: a tenth of …") looks like topic
    # lines; its "#" headings, which an encyclopedia export never has, decide.
    if any(_HEADING.match(line) for line in lines):
        return "markdown"
    if topic_lines >= 2:
        return "encyclopedia"
    return "text"


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W_]+", text)}


_GENERIC_TOPIC_WORDS = {
    "war", "wars", "relations", "history", "the", "of", "and", "in", "first", "second",
    "third", "battle", "people", "republic", "empire", "state", "states", "united",
}  # fmt: skip


def _best_topic(text: str, topics: list[str]) -> str | None:
    """The topic a caption mentions most specifically (whole name beats one word)."""
    folded = text.casefold()
    full = [t for t in topics if t.casefold() in folded]
    if full:
        return max(full, key=len)
    words = _words(text)
    scored: list[tuple[int, str]] = []
    for topic in topics:
        distinctive = _words(topic) - _GENERIC_TOPIC_WORDS
        hits = len(distinctive & words)
        if hits:
            scored.append((hits, topic))
    if not scored:
        return None
    scored.sort(reverse=True)
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None  # two topics equally likely: better no topic than a wrong one
    return scored[0][1]


def _parse_encyclopedia(lines: list[str], builder: _Builder) -> list[str]:
    blocks = _blocks(lines)
    # Flatten to (block, line) so "- Topic" lines glued to the next caption are seen.
    items: list[tuple[int, str]] = [(b, line) for b, block in enumerate(blocks) for line in block]
    topics: list[str] = []
    pending: list[tuple[str, str, str | None]] = []  # (kind, raw, topic or "?")

    def prose_block_before(index: int) -> int | None:
        # The excerpt is the block right before the topic line.
        block = items[index][0]
        start = index
        while start > 0 and items[start - 1][0] == block:
            start -= 1
        if start != index:
            return None  # a topic line in the middle of a block: no excerpt
        return start - 1 if start > 0 else None

    excerpt_lines: dict[int, str] = {}
    for i, (_, line) in enumerate(items):
        m = _TOPIC_LINE.match(line)
        if m and not line.endswith("."):
            topic = m.group("topic").strip()
            if topic not in topics:
                topics.append(topic)
            before = prose_block_before(i)
            if before is not None and before not in excerpt_lines:
                excerpt_lines[before] = topic

    i = 0
    section_topic: str | None = None
    after_links_block: int | None = None
    while i < len(items):
        block, line = items[i]
        m = _TOPIC_LINE.match(line)
        if m and not line.endswith("."):
            section_topic = None
            after_links_block = None
            i += 1
            continue
        if i in excerpt_lines:
            pending.append((EXCERPT, line, excerpt_lines[i]))
            i += 1
            continue
        if _RELATED.match(line):
            # Header, layout words, thumbnail captions, the title, "N links".
            j = i + 1
            while j < len(items) and not _LINKS.match(items[j][1]):
                j += 1
            if j >= len(items):
                i += 1
                continue
            title = items[j - 1][1].strip()
            if title not in topics:
                topics.append(title)
            for k in range(i + 1, j - 1):
                text = items[k][1]
                if text.strip().casefold() not in _LAYOUT_WORDS:
                    pending.append((CAPTION, text, title))
            section_topic = title
            after_links_block = items[j + 1][0] if j + 1 < len(items) else None
            i = j + 1
            continue
        if line.casefold() in _LAYOUT_WORDS:
            i += 1
            continue
        compound = _COMPOUND.match(line)
        if compound:
            # Sub-captions are single-line blocks; the montage ends in the first
            # block with several lines (its first line is the last sub-caption).
            order = line[: compound.end()].strip()
            parts = [line[compound.end() :].strip()]
            j = i + 1
            while j < len(items) and items[j][0] != block:
                next_block = items[j][0]
                candidate = items[j][1]
                if _TOPIC_LINE.match(candidate) or _RELATED.match(candidate) or j in excerpt_lines:
                    break
                parts.append(candidate.strip())
                j += 1
                if j < len(items) and items[j][0] == next_block:
                    break  # multi-line block: the rest are ordinary captions
                block = next_block
            pending.append((CAPTION, order + " " + "; ".join(p.rstrip(";") for p in parts),
                            section_topic or "?"))
            i = j
            continue
        if section_topic and after_links_block is not None and block > after_links_block:
            # After a related article's captions comes its lead: prose.
            for sentence in split_sentences(clean_markup(line)):
                pending.append((SENTENCE, sentence, section_topic))
        else:
            pending.append((CAPTION, line, section_topic or "?"))
        i += 1

    for kind, raw, topic in pending:
        if topic == "?":
            topic = _best_topic(clean_markup(raw), topics)
        builder.add(raw, kind, topic)
    return topics


def _parse_markdown(lines: list[str], builder: _Builder) -> list[str]:
    topics: list[str] = []
    topic: str | None = None
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            builder.add_prose(" ".join(paragraph), SENTENCE, topic)
            paragraph.clear()

    for line in lines:
        heading = _HEADING.match(line.strip())
        if heading:
            flush()
            topic = clean_markup(heading.group("title"))
            if topic and topic not in topics:
                topics.append(topic)
            continue
        if not line.strip():
            flush()
            continue
        # List markers and block quotes are layout, not words. A list item starts a
        # paragraph of its own: items often have no full stop ("- tithe: a tenth of …");
        # a line after it without a marker continues it, as in Markdown.
        item = _LIST_ITEM.match(line)
        if item and not item.group(0).lstrip().startswith(">"):
            flush()
        paragraph.append(line[item.end():].strip() if item else line.strip())
    flush()
    return topics


def _parse_text(lines: list[str], builder: _Builder) -> list[str]:
    for block in _blocks(lines):
        builder.add_prose(" ".join(block), SENTENCE, None)
    return []


# Words a title keeps in lower case unless they come first (English title case).
_MINOR_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or the to vs with".split()
)


def stem_title(filename: str) -> str:
    """A title from a file name when the document has none of its own:
    "french_revolution-1789.txt" gives "French Revolution 1789". Words with a
    capital already ("WW2", "McCarthy", "USSR") keep their spelling."""
    stem = PurePath(filename).stem if filename else ""
    words = re.sub(r"[_\-.]+", " ", stem).split()
    titled = []
    for index, word in enumerate(words):
        if word != word.lower() or (index and word in _MINOR_WORDS):
            titled.append(word)
        else:
            titled.append(word[:1].upper() + word[1:])
    return " ".join(titled)


def parse_document(text: str, filename: str = "") -> ParsedDocument:
    """Split ``text`` into passages; raise :class:`IngestError` when there are none."""
    if not text or not text.strip():
        raise IngestError("The document is empty: there is no text to import.")
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    lines = text.splitlines()
    layout = detect_layout(text)
    builder = _Builder()
    warnings: list[str] = []
    if layout == "encyclopedia":
        topics = _parse_encyclopedia(lines, builder)
        if not builder.passages:
            warnings.append("Encyclopedia layout found no passages; read as plain text.")
            layout, builder = "text", _Builder()
            topics = _parse_text(lines, builder)
    elif layout == "markdown":
        topics = _parse_markdown(lines, builder)
    else:
        topics = _parse_text(lines, builder)
    passages = [p for p in builder.passages if _is_sentence_like(p.text)]
    if not passages:
        raise IngestError(
            "No sentence found: the document has no words to build passages from."
        )
    for order, passage in enumerate(passages):
        passage.order = order
    title = topics[0] if topics else stem_title(filename)
    if not title:
        title = passages[0].text[:80]
    return ParsedDocument(title=title, layout=layout, topics=topics, passages=passages,
                          warnings=warnings)


def _is_sentence_like(text: str) -> bool:
    # At least one real word; lines of digits and punctuation are layout debris.
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= 1
