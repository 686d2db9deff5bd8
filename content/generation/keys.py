"""Stable identities for questions and stable pseudo-randomness.

Python's ``hash()`` is salted per process, so it never decides anything here.
"""

from __future__ import annotations

import hashlib
import random

from content.generation.wording import norm


def stable_hash(*parts: object) -> int:
    raw = "\x1f".join(str(p) for p in parts).encode("utf-8")
    digest = hashlib.sha1(raw, usedforsecurity=False).digest()
    return int.from_bytes(digest[:8], "big")


def question_key(qtype: str, passage_text: str, fact_kind: str, answer: str, slot: str = "") -> str:
    """Depends on what is asked, never on list positions, so a re-extraction keeps it."""
    raw = "|".join([qtype, norm(passage_text), fact_kind, norm(answer), slot])
    return hashlib.sha1(raw.encode("utf-8"), usedforsecurity=False).hexdigest()[:20]


def rng_for(seed: int, *parts: object) -> random.Random:
    """A generator per decision: adding a question elsewhere never reshuffles this one."""
    return random.Random(stable_hash(seed, *parts))


def chosen(fraction: float, *parts: object) -> bool:
    """A seed-independent coin, so the same fact keeps the same question type across runs."""
    return stable_hash("coin", *parts) % 1000 < fraction * 1000
