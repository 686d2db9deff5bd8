"""The plain data every format reads and writes, with no Django in sight."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime

BLANK = "____"
# Question kinds as Recall stores them (``Question.Type`` values).
NUMERIC_TYPES = ("year", "how_many")
MAX_CARDS = 5000  # per imported file
MAX_MEDIA_BYTES = 5 * 1024 * 1024  # per image
NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


class FormatError(ValueError):
    """A file that cannot be read; the message is shown to the user as is."""


@dataclass
class CardData:
    key: str
    type: str
    prompt: str
    answer: str
    accepted: list[str] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)
    tolerance: float = 0.0  # relative, as Recall grades numbers (0.1 = within 10%)
    explanation: str = ""
    passage_text: str = ""
    topic: str = ""
    document_title: str = ""
    image_bytes: bytes | None = None
    image_name: str = ""

    @property
    def kind(self) -> str:
        """How the formats see the question: cloze, true_false, order, choice, numeric, short."""
        if self.type == "order":
            return "order"
        if self.type == "true_false":
            return "true_false"
        if self.choices:
            return "choice"
        if self.type in ("cloze", "image") and self.prompt.count(BLANK) == 1:
            return "cloze"
        if self.type in NUMERIC_TYPES and as_number(self.answer) is not None:
            return "numeric"
        return "short"

    @property
    def absolute_tolerance(self) -> float:
        value = as_number(self.answer) or 0.0
        return round(abs(value) * max(self.tolerance, 0.0), 9)


@dataclass
class DeckData:
    title: str
    key: str  # stable identity: the Anki deck id and the Moodle category come from it
    cards: list[CardData] = field(default_factory=list)


@dataclass(frozen=True)
class PastReview:
    """One review from another app's history (Anki's ``revlog``), to be replayed."""

    source_id: int  # Anki's revlog id: the review's time in milliseconds, unique
    reviewed_at: datetime
    rating: int  # 1 Again, 2 Hard, 3 Good, 4 Easy
    duration_ms: int


@dataclass
class ImportResult:
    source: str  # "apkg", "gift", "moodle-xml", "csv", "tsv"
    cards: list[CardData] = field(default_factory=list)
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)
    # Review history by card key, oldest first (only Anki packages carry one).
    history: dict[str, list[PastReview]] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        self.skipped += 1
        if reason not in self.warnings:
            self.warnings.append(reason)


def as_number(text: str) -> float | None:
    text = (text or "").strip().replace(",", "")
    if not NUMBER.fullmatch(text):
        return None
    return float(text)


def format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def short_key(prefix: str, text: str) -> str:
    """A key that fits Recall's 80 characters: the text itself, or its hash."""
    key = f"{prefix}{text}"
    if len(key) <= 80:
        return key
    return f"{prefix}{hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()}"


def unique_keys(cards: list[CardData]) -> list[CardData]:
    """The same key twice in one file: later ones get a suffix, so none is lost."""
    seen: dict[str, int] = {}
    for card in cards:
        count = seen.get(card.key, 0)
        seen[card.key] = count + 1
        if count:
            card.key = short_key("", f"{card.key}#{count + 1}")
    return cards


def guess_type(answer: str, *, image: bool = False) -> str:
    """The Recall type for a question from a foreign format."""
    if image:
        return "image"
    text = answer.strip()
    if re.fullmatch(r"\d{3,4}", text) or re.fullmatch(r"\d{1,4} (?:BC|BCE|AD|CE)", text):
        return "year"
    if as_number(text) is not None:
        return "how_many"
    return "what"
