"""What the question generator produces: plain data, no Django."""

from __future__ import annotations

from dataclasses import dataclass, field

# Question types.
YEAR = "year"  # year or date
WHO = "who"
WHAT = "what"
WHERE = "where"
HOW_MANY = "how_many"
CLOZE = "cloze"
TRUE_FALSE = "true_false"
MULTIPLE_CHOICE = "multiple_choice"
IMAGE = "image"
ORDER = "order"


@dataclass
class GeneratedQuestion:
    type: str
    prompt: str
    answer: str
    # Stable identity across re-runs: regeneration updates the question with
    # the same key instead of adding a new one.
    key: str
    accepted: list[str] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)  # shuffled, stored as shown
    passage: int | None = None  # index into Extraction.passages
    fact: int | None = None  # index into Extraction.facts
    fact_kind: str = ""
    difficulty: float = 0.5  # 0 easy .. 1 hard
    # For ORDER questions the answer is the choices in chronological order.
    tolerance: float = 0.0  # relative tolerance for numeric answers
    score: float = 0.0  # ranking score in [0, 1]; higher is better
    # Whether students see it: scored at or above the publishing threshold and
    # chosen within the per-passage, per-answer and density caps. Drafts are
    # kept so a teacher can promote them.
    published: bool = False
    # The named features behind ``score`` ("unresolved reference": -0.35, ...).
    features: dict[str, float] = field(default_factory=dict)
    # The publishing ranker's inputs (content.generation.ranker), kept for refitting.
    signals: dict[str, float] = field(default_factory=dict)


@dataclass
class Rejection:
    key: str
    reason: str
    prompt: str = ""
