"""The data the pure ingest pipeline produces.

These dataclasses are the contract between the three ingest stages
(parse -> nlp -> facts), the persistence service in ``content.services``, the
``--dry-run --json`` report, and the question generator in
``content.generation``. They hold no Django objects, so every stage can be
tested and measured without a database.

Indexes (``passage``, ``subject``, ``object``) point into the lists of the
owning :class:`Extraction`; entity references use the entity ``key``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Passage kinds.
CAPTION = "caption"
EXCERPT = "excerpt"
SENTENCE = "sentence"

# Entity kinds.
PERSON = "person"
PLACE = "place"
EVENT = "event"
ORGANIZATION = "organization"
GROUP = "group"

# Fact kinds.
DATED_EVENT = "dated_event"
LIFESPAN = "lifespan"
QUANTITY = "quantity"
RELATION = "relation"
ROLE = "role"

# Date precisions, finest first.
DAY = "day"
MONTH = "month"
YEAR = "year"
DECADE = "decade"


@dataclass
class Passage:
    text: str  # cleaned: what users see
    raw: str  # as found in the document, markup included
    kind: str  # CAPTION, EXCERPT or SENTENCE
    topic: str | None
    order: int
    occurrences: int = 1
    sensitive: bool = False
    sensitive_reason: str = ""


@dataclass
class ImageData:
    """A picture decoded, checked and re-encoded (no EXIF, no trailing payload)."""

    data: bytes  # re-encoded bytes, long side capped
    width: int
    height: int
    format: str  # "webp" or "jpeg": the format of ``data`` and ``thumbnail``
    sha256: str  # hex digest of ``data``: the key for deduplication and storage
    thumbnail: bytes
    thumbnail_width: int = 0
    thumbnail_height: int = 0


@dataclass
class Figure:
    """A picture of the document and the caption passage that describes it."""

    passage: int  # index of its CAPTION passage in ``ParsedDocument.passages``
    image: ImageData | None  # None: the picture was not in the upload (remote, missing)
    alt: str
    topic: str | None
    order: int  # position among the document's figures


@dataclass
class ParsedDocument:
    title: str
    layout: str  # "encyclopedia", "markdown", "text", "html", "docx", "pdf" or "epub"
    topics: list[str]
    passages: list[Passage]
    warnings: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Entity:
    key: str  # normalised, unique within a document and across the corpus
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    description: str = ""


@dataclass
class Mention:
    passage: int
    entity: str  # Entity.key
    start: int
    end: int
    text: str


@dataclass
class DateValue:
    text: str  # as written: "March–April 1938"
    precision: str  # DAY, MONTH, YEAR or DECADE
    year: int
    month: int | None = None
    day: int | None = None
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None


@dataclass
class Fact:
    kind: str
    passage: int
    subject: str | None  # Entity.key
    answer: str  # the text a question about this fact expects
    date: DateValue | None = None
    value: float | None = None
    unit: str = ""
    relation: str = ""  # "mother of", "commander of", ...
    object: str | None = None  # Entity.key
    # Character span of the answer (or the date) in the passage text, so the
    # generator can blank it for cloze questions.
    span: tuple[int, int] | None = None
    # What the fact is about, in words, when it is not just the subject: for a
    # dated caption "The mayor with the visiting prime minister".
    context: str = ""
    confidence: float = 0.5


@dataclass
class Extraction:
    document: ParsedDocument
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    version: str = ""
    # spaCy Docs of the passages, one per passage, when the pipeline kept them
    # (the generator re-parses the sentences it needs when they are absent).
    parses: list = field(default_factory=list, repr=False, compare=False)

    @property
    def passages(self) -> list[Passage]:
        return self.document.passages

    def entity(self, key: str | None) -> Entity | None:
        if key is None:
            return None
        for entity in self.entities:
            if entity.key == key:
                return entity
        return None
